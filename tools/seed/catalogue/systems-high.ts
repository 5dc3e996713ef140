import type { SystemSpec } from "./types.js";

const PROVIDER = "Lumen Bank AG";
const CONTACT = "ai-governance@lumenbank.example, +49 69 555 0100";

const creditMetrics = (auc: number, gap65: number) => [
  { name: "roc_auc", value: auc, threshold: 0.75, dataset: "loans-test" },
  { name: "roc_auc", value: Math.round((auc - 0.02) * 1000) / 1000, threshold: 0.75, dataset: "loans-test", subgroup: "age 65+" },
  { name: "roc_auc", value: Math.round((auc + 0.01) * 1000) / 1000, threshold: 0.75, dataset: "loans-test", subgroup: "age 18-25" },
  { name: "approval_rate_gap", value: gap65, threshold: 0.05, lowerIsBetter: true, dataset: "loans-test", subgroup: "age 65+" },
  { name: "approval_rate_gap", value: 0.018, threshold: 0.05, lowerIsBetter: true, dataset: "loans-test", subgroup: "sex female" },
];

/** The Annex III systems: creditworthiness (5(b)), recruitment (4(a)), critical infrastructure (2). */
export const HIGH_RISK_SYSTEMS: SystemSpec[] = [
  {
    key: "credit-v1", name: "Lumen Credit Decisioning", version: "1.0", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES",
    intendedPurpose: "Scorecard-based creditworthiness assessment of consumer-loan applicants (retired)", providerName: PROVIDER, providerContact: CONTACT,
    models: [],
  },
  {
    key: "credit", name: "Lumen Credit Decisioning", version: "2.0", previous: "credit-v1", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES",
    intendedPurpose: "Assess the creditworthiness of natural persons applying for unsecured consumer loans up to EUR 75,000; every decline is reviewed by a credit officer",
    providerName: PROVIDER, providerContact: CONTACT,
    risks: [{
      hazard: "Systematically lower approval rates for older applicants", affectedPersons: "Loan applicants aged 65 and over",
      foreseeableMisuse: "Use for mortgage or business lending, outside the validated population", estimate: "likely without mitigation; severity high (access to credit)",
      mitigation: "Reweighted training data, monotonic constraints, quarterly subgroup monitoring, human review of every decline",
      residualRisk: "low: approval-rate gap below 2 points, monitored quarterly",
    }],
    models: [{
      name: "credit-default-gbm",
      versions: [
        {
          key: "credit-1.0", version: "1.0.0", architecture: "Gradient-boosted decision trees (LightGBM, 800 trees, depth 6)",
          designRationale: "Trees on tabular bureau and application data outperform the logistic scorecard (+6 AUC points) and keep per-feature SHAP explanations",
          parameterCount: 409_600, optimisationObjective: "binary log-loss on 12-month default", modalities: ["tabular"], licence: "proprietary",
          run: {
            datasets: [{ key: "loans-labelled", role: "TRAINING" }, { key: "loans-test", role: "TEST" }],
            compute: [{ cluster: "fra-h100", gpuCount: 8, startedAt: "2026-04-10T08:00:00Z", endedAt: "2026-04-10T14:00:00Z", energyKWh: 38.4 }],
            startedAt: "2026-04-10T08:00:00Z", endedAt: "2026-04-10T14:30:00Z", codeRevision: "git:credit-models@4f9c2e1",
            methodology: "5-fold time-series cross-validation, Bayesian hyper-parameter search (60 trials)", parameters: { num_trees: 800, max_depth: 6, learning_rate: 0.05 },
          },
          metrics: creditMetrics(0.812, 0.091),
          approvals: [
            { decision: "APPROVED", by: "approver", rationale: "Validation report VR-2026-11 reviewed: discrimination and calibration within limits", conditions: ["human review of every decline"] },
            { decision: "REVOKED", by: "officer", rationale: "Post-market monitoring found a 9-point approval-rate gap for applicants aged 65+ (Art. 10(2)(f)); replaced by 1.1.0" },
          ],
          deployments: [{ key: "credit-1.0-fra", site: "fra", environment: "production", startedAt: "2026-05-04T06:00:00Z", share: 0.01 }],
          decisions: "credit",
        },
        {
          key: "credit-1.1", version: "1.1.0", architecture: "Gradient-boosted decision trees (LightGBM, 900 trees, depth 6) with monotonic constraints",
          designRationale: "Retrained on age-reweighted data with monotonic constraints on age-related features to close the 65+ approval gap at -0.4 AUC points",
          parameterCount: 460_800, optimisationObjective: "binary log-loss on 12-month default, sample-weighted", modalities: ["tabular"], licence: "proprietary",
          run: {
            datasets: [{ key: "loans-balanced", role: "TRAINING" }, { key: "loans-labelled", role: "VALIDATION" }, { key: "loans-test", role: "TEST" }],
            compute: [{ cluster: "fra-h100", gpuCount: 8, startedAt: "2026-08-18T08:00:00Z", endedAt: "2026-08-18T16:00:00Z", energyKWh: 51.2 }],
            startedAt: "2026-08-18T08:00:00Z", endedAt: "2026-08-18T16:20:00Z", codeRevision: "git:credit-models@a81d03b",
            methodology: "Reweighted training, monotonic constraints, 5-fold time-series cross-validation", parameters: { num_trees: 900, max_depth: 6, learning_rate: 0.04, monotone: "age:+1" },
          },
          metrics: creditMetrics(0.808, 0.017),
          approvals: [{ decision: "APPROVED", by: "approver", rationale: "Validation report VR-2026-19: subgroup gaps closed, AUC 0.808", conditions: ["human review of every decline", "quarterly fairness review"] }],
          deployments: [
            { key: "credit-1.1-fra", site: "fra", environment: "production", startedAt: "2026-09-01T06:00:00Z", share: 0.3 },
            { key: "credit-1.1-dub", site: "dub", environment: "production-ie", startedAt: "2026-09-15T06:00:00Z", share: 0.12 },
          ],
          decisions: "credit",
        },
      ],
    }],
  },
  {
    key: "hiring", name: "Lumen TalentMatch", version: "1.3", riskCategory: "HIGH", annexIIIArea: "EMPLOYMENT",
    intendedPurpose: "Rank applications for advertised positions to prioritise recruiter review; never rejects an applicant on its own",
    providerName: PROVIDER, providerContact: CONTACT,
    risks: [{
      hazard: "Indirect gender discrimination through proxies in CV text", affectedPersons: "Job applicants",
      foreseeableMisuse: "Automatic rejection of low-ranked applicants", estimate: "possible; severity high (access to employment)",
      mitigation: "Masked gendered terms, reweighting, recruiter reviews all applications", residualRisk: "medium until the first quarterly audit",
    }],
    models: [{
      name: "cv-ranker",
      versions: [
        {
          key: "hiring-0.9", version: "0.9.0", architecture: "Cross-encoder over CV and job ad (multilingual transformer encoder, 12 layers)",
          designRationale: "First version trained on raw shortlisting outcomes", parameterCount: 278_000_000, optimisationObjective: "pairwise ranking loss",
          modalities: ["text"], licence: "proprietary", baseModel: "open-weights multilingual text encoder (278M)",
          approvals: [{ decision: "REJECTED", by: "approver", rationale: "Selection-rate ratio women/men 0.71, below the 0.8 threshold" }],
        },
        {
          key: "hiring-1.0", version: "1.0.0", architecture: "Cross-encoder over CV and job ad (multilingual transformer encoder, 12 layers)",
          designRationale: "Reweighted training data and masked gendered terms; ranking only, recruiters decide", parameterCount: 278_000_000,
          optimisationObjective: "pairwise ranking loss, group-reweighted", modalities: ["text"], licence: "proprietary", baseModel: "open-weights multilingual text encoder (278M)",
          run: {
            datasets: [{ key: "cv-balanced", role: "TRAINING" }, { key: "cv-test", role: "TEST" }],
            // Burst capacity in the US region: EU personal data trained outside the EU sovereignty zone.
            compute: [{ cluster: "iad-h100", gpuCount: 32, startedAt: "2026-06-02T00:00:00Z", endedAt: "2026-06-03T12:00:00Z", energyKWh: 940 }],
            startedAt: "2026-06-02T00:00:00Z", endedAt: "2026-06-03T13:00:00Z", codeRevision: "git:talentmatch@9be17c0",
            methodology: "Fine-tuning with group-reweighted pairwise loss, early stopping on validation NDCG", parameters: { epochs: 3, lr: 2e-5, batch_size: 64 },
          },
          metrics: [
            { name: "ndcg_at_10", value: 0.71, threshold: 0.65, dataset: "cv-test" },
            { name: "selection_rate_ratio", value: 0.86, threshold: 0.8, dataset: "cv-test", subgroup: "women vs men" },
            { name: "selection_rate_ratio", value: 0.82, threshold: 0.8, dataset: "cv-test", subgroup: "age 50+ vs under 50" },
          ],
          approvals: [{ decision: "APPROVED", by: "approver", rationale: "Fairness thresholds met on the holdout", conditions: ["recruiters review every application"] }],
          deployments: [{ key: "hiring-1.0-dub", site: "dub", environment: "production", startedAt: "2026-07-01T07:00:00Z", share: 0.1 }],
          decisions: "hiring",
        },
      ],
    }],
  },
  {
    key: "grid", name: "GridSight Load Forecaster", version: "3.1", riskCategory: "HIGH", annexIIIArea: "CRITICAL_INFRASTRUCTURE",
    intendedPurpose: "Forecast 15-minute feeder load for the next 24 hours as a safety component of distribution-grid dispatch",
    providerName: "Lumen Energy GmbH", providerContact: "grid-ai@lumenenergy.example",
    risks: [{
      hazard: "Under-forecast during cold spells leading to feeder overload", affectedPersons: "Households and businesses supplied by affected feeders",
      foreseeableMisuse: "Use for day-ahead trading", estimate: "unlikely; severity high", mitigation: "Operator confirmation of dispatch, conservative quantile forecasts",
      residualRisk: "low",
    }],
    models: [{
      name: "feeder-load-tft",
      versions: [{
        key: "grid-3.1", version: "3.1.0", architecture: "Temporal fusion transformer, quantile outputs (P10/P50/P90)",
        designRationale: "Quantile forecasts let dispatch plan on P90 during cold spells", parameterCount: 12_400_000,
        optimisationObjective: "quantile loss over 96 horizons", modalities: ["time series"], licence: "proprietary",
        run: {
          datasets: [{ key: "grid-clean", role: "TRAINING" }, { key: "grid-test", role: "TEST" }],
          compute: [
            { cluster: "sto-mi300x", gpuCount: 16, startedAt: "2026-02-09T00:00:00Z", endedAt: "2026-02-10T00:00:00Z", energyKWh: 290 },
            { cluster: "par-a100", gpuCount: 8, startedAt: "2026-02-10T02:00:00Z", endedAt: "2026-02-10T08:00:00Z", energyKWh: 19.2 },
          ],
          startedAt: "2026-02-09T00:00:00Z", endedAt: "2026-02-10T08:30:00Z", codeRevision: "git:gridsight@c0ffee5",
          methodology: "Training on 2020-2024, hyper-parameter search on Stockholm, calibration run in Paris", parameters: { hidden: 256, heads: 4, horizon: 96 },
        },
        metrics: [
          { name: "mape", value: 0.038, threshold: 0.05, lowerIsBetter: true, dataset: "grid-test" },
          { name: "mape", value: 0.061, threshold: 0.08, lowerIsBetter: true, dataset: "grid-test", subgroup: "cold spell (< -5 C)" },
          { name: "p90_coverage", value: 0.91, threshold: 0.88, dataset: "grid-test" },
        ],
        approvals: [{ decision: "APPROVED", by: "approver", rationale: "Meets MAPE and P90 coverage targets, including the cold-spell subset" }],
        deployments: [
          { key: "grid-3.1-par", site: "par", environment: "production", startedAt: "2026-03-01T00:00:00Z", share: 0.2 },
          { key: "grid-3.1-sto", site: "sto", environment: "shadow", startedAt: "2026-03-01T00:00:00Z", share: 0.05 },
        ],
        decisions: "load",
      }],
    }],
  },
];
