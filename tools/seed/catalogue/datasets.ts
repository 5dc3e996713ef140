import type { DatasetVersionSpec } from "./types.js";

const GDPR_CONTRACT = "GDPR Art. 6(1)(b) (performance of the credit contract) and Art. 6(1)(f) (legitimate interest in model development, balancing test LIA-2026-04)";
const GDPR_HR = "GDPR Art. 6(1)(a) consent given in the careers portal, Art. 88 with the works-council agreement BV-KI-2025";

/**
 * Derivation chains raw -> cleaned -> labelled -> balanced (plus held-out test splits). The CRM
 * extract is a shared upstream of the credit and the assistant systems, so an impact query on it
 * reaches both.
 */
export const DATASET_VERSIONS: DatasetVersionSpec[] = [
  {
    key: "crm", dataset: "crm-customer-extract", version: "2026.03", rowCount: 2_400_000, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Nightly export of the bank's CRM (EU tenant), customer master records of all retail customers",
    collectionMethod: "system export", legalBasis: GDPR_CONTRACT,
    facts: { scope: "Retail customers of DE, FR, IE and NL branches, 2019-2026", originalPurpose: "customer relationship management", knownGaps: "Customers onboarded before 2019 lack product-holding history" },
  },
  // ------------------------------------------------------------ credit decisioning
  {
    key: "loans-raw", dataset: "loan-applications-raw", version: "2026.03", rowCount: 1_180_000, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Consumer-loan applications captured by the loan origination system, 2019-01 to 2026-03",
    collectionMethod: "application forms (branch and online)", legalBasis: GDPR_CONTRACT,
    facts: { originalPurpose: "processing loan applications", scope: "Unsecured consumer loans up to EUR 75,000" },
  },
  {
    key: "loans-clean", dataset: "loan-applications-clean", version: "2026.03", rowCount: 1_121_400, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Cleaned loan applications joined with CRM tenure", collectionMethod: "derived", legalBasis: GDPR_CONTRACT,
    derivedFrom: [
      { from: "loans-raw", transformation: "deduplicate re-submitted applications, drop records without verified income, normalise currency to EUR" },
      { from: "crm", transformation: "join customer tenure and product holdings on the pseudonymised customer id" },
    ],
    facts: { cleaning: "4.97% of rows removed: duplicates 3.1%, unverified income 1.87%", characteristics: "41 features: income, obligations, tenure, product holdings, repayment history" },
  },
  {
    key: "loans-labelled", dataset: "loan-applications-labelled", version: "2026.03", rowCount: 1_121_400, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Cleaned applications labelled with the 12-month repayment outcome", collectionMethod: "derived", legalBasis: GDPR_CONTRACT,
    derivedFrom: [{ from: "loans-clean", transformation: "attach the 12-month default outcome from the collections ledger (90+ days past due)" }],
    facts: { labelling: "Automatic from the collections ledger; 0.4% of outcomes checked by hand, agreement 99.6%", assumptions: "A 90+ days delinquency within 12 months measures default risk" },
  },
  {
    key: "loans-balanced", dataset: "loan-applications-balanced", version: "2026.03", rowCount: 402_300, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Training sample of labelled applications, rebalanced", collectionMethod: "derived", legalBasis: GDPR_CONTRACT,
    derivedFrom: [{ from: "loans-labelled", transformation: "undersample repaid loans to 1:4 and reweight by age band and sex" }],
    facts: {
      biasExamination: "Approval-rate and default-rate gaps by age band, sex and nationality measured before and after rebalancing",
      biasMitigation: "Reweighting to equal base rates per age band; monotonic constraints on age-related features",
    },
  },
  {
    key: "loans-test", dataset: "loan-applications-holdout", version: "2026.03", rowCount: 96_000, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Out-of-time holdout of labelled applications", collectionMethod: "derived", legalBasis: GDPR_CONTRACT,
    derivedFrom: [{ from: "loans-labelled", transformation: "time-based split: applications of 2025-01 to 2025-03" }],
  },
  // ------------------------------------------------------------ hiring (EU personal data)
  {
    key: "cv-raw", dataset: "applicant-cvs-raw", version: "2026.02", rowCount: 310_000, containsPersonalData: true, jurisdiction: "EU",
    provenance: "CVs and cover letters submitted through the group careers portal, 2021-2025", collectionMethod: "careers portal uploads", legalBasis: GDPR_HR,
    facts: { originalPurpose: "recruitment for the advertised position", knownGaps: "Few applicants over 60; IT roles over-represented" },
  },
  {
    key: "cv-clean", dataset: "applicant-cvs-clean", version: "2026.02", rowCount: 296_500, containsPersonalData: true, jurisdiction: "EU",
    provenance: "CVs with contact details and photos removed", collectionMethod: "derived", legalBasis: GDPR_HR,
    derivedFrom: [{ from: "cv-raw", transformation: "strip contact details, photos, dates of birth and free text revealing protected characteristics" }],
  },
  {
    key: "cv-labelled", dataset: "applicant-cvs-labelled", version: "2026.02", rowCount: 296_500, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Cleaned CVs labelled with shortlisting outcomes", collectionMethod: "derived", legalBasis: GDPR_HR,
    derivedFrom: [{ from: "cv-clean", transformation: "join hiring-manager shortlist decisions as relevance labels" }],
    facts: { labelling: "Historical shortlist decisions; a sample of 2,000 relabelled by two recruiters, kappa 0.78" },
  },
  {
    key: "cv-balanced", dataset: "applicant-cvs-balanced", version: "2026.02", rowCount: 180_000, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Training sample of labelled CVs, rebalanced", collectionMethod: "derived", legalBasis: GDPR_HR,
    derivedFrom: [{ from: "cv-labelled", transformation: "reweight by gender and age band to equal shortlisting base rates" }],
    facts: { biasExamination: "Selection-rate ratios by gender and age band", biasMitigation: "Reweighting; gendered terms masked" },
  },
  {
    key: "cv-test", dataset: "applicant-cvs-holdout", version: "2026.02", rowCount: 20_000, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Holdout of labelled CVs", collectionMethod: "derived", legalBasis: GDPR_HR,
    derivedFrom: [{ from: "cv-labelled", transformation: "stratified 7% split by job family" }],
  },
  // ------------------------------------------------------------ grid load forecasting (no personal data)
  {
    key: "meter-raw", dataset: "feeder-load-raw", version: "2026.01", rowCount: 52_000_000, containsPersonalData: false, jurisdiction: "DE",
    provenance: "15-minute load of 3,400 medium-voltage feeders from the SCADA historian", collectionMethod: "SCADA telemetry",
    legalBasis: "Not personal data (feeder-level aggregates); EnWG operational data", facts: { scope: "Distribution grid of North Rhine-Westphalia, 2020-2025" },
  },
  {
    key: "weather", dataset: "weather-reanalysis", version: "2026.01", rowCount: 8_760_000, containsPersonalData: false, jurisdiction: "DE",
    provenance: "Hourly temperature, irradiance and wind on a 2 km grid from the national weather service open-data portal",
    collectionMethod: "open-data download", legalBasis: "Open data licence (Datenlizenz Deutschland 2.0)",
  },
  {
    key: "grid-clean", dataset: "feeder-load-features", version: "2026.01", rowCount: 51_300_000, containsPersonalData: false, jurisdiction: "DE",
    provenance: "Cleaned feeder load joined with weather", collectionMethod: "derived", legalBasis: "Not personal data (feeder-level aggregates); EnWG operational data",
    derivedFrom: [
      { from: "meter-raw", transformation: "fill gaps up to 2 h by linear interpolation, drop readings beyond 6 sigma" },
      { from: "weather", transformation: "join hourly weather by grid cell, resampled to 15 min" },
    ],
  },
  {
    key: "grid-test", dataset: "feeder-load-holdout", version: "2026.01", rowCount: 4_300_000, containsPersonalData: false, jurisdiction: "DE",
    provenance: "Out-of-time holdout of feeder load features", collectionMethod: "derived", legalBasis: "Not personal data (feeder-level aggregates); EnWG operational data",
    derivedFrom: [{ from: "grid-clean", transformation: "last 6 months of 2025, including the December cold spell" }],
  },
  // ------------------------------------------------------------ customer assistant
  {
    key: "chat-raw", dataset: "support-chat-transcripts", version: "2026.04", rowCount: 880_000, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Chat transcripts of the online-banking support channel, 2024-2026", collectionMethod: "support platform export",
    legalBasis: "GDPR Art. 6(1)(f) legitimate interest in service quality; customers informed in the privacy notice",
  },
  {
    key: "chat-clean", dataset: "support-chat-redacted", version: "2026.04", rowCount: 861_000, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Redacted transcripts with pseudonymised customer references", collectionMethod: "derived",
    legalBasis: "GDPR Art. 6(1)(f) legitimate interest in service quality; customers informed in the privacy notice",
    derivedFrom: [
      { from: "chat-raw", transformation: "redact names, IBANs, card and phone numbers (NER + regex, recall 99.2% on audit sample)" },
      { from: "crm", transformation: "replace customer references by pseudonyms via the CRM key mapping" },
    ],
  },
  {
    key: "chat-labelled", dataset: "support-chat-intents", version: "2026.04", rowCount: 120_000, containsPersonalData: true, jurisdiction: "EU",
    provenance: "Redacted transcripts annotated with intents and ideal answers", collectionMethod: "derived",
    legalBasis: "GDPR Art. 6(1)(f) legitimate interest in service quality; customers informed in the privacy notice",
    derivedFrom: [{ from: "chat-clean", transformation: "intent labels and reference answers by three annotators, majority vote" }],
  },
  // ------------------------------------------------------------ mail triage
  {
    key: "ap-mail", dataset: "accounts-payable-mail-sample", version: "2025.11", rowCount: 64_000, containsPersonalData: false, jurisdiction: "IE",
    provenance: "Supplier e-mails to the accounts-payable mailbox with their routing queue", collectionMethod: "mailbox export",
    legalBasis: "Business correspondence; GDPR Art. 6(1)(f) for incidental contact names",
  },
];
