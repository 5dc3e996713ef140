import type { AnnexIvFacts } from "./facts.js";
import { metricData } from "./development.js";
import { Checks, joined, type Section } from "../docs/model.js";
import { metricLine, text } from "../docs/values.js";

/** Checks a fact of the system's compliance profile, naming the mutation that records it. */
export const profileNeed = (c: Checks, f: AnnexIvFacts) => (field: string, value: unknown, hint: string) =>
  c.need("ComplianceProfile", f.system.id as string, field, value ?? null, `${hint}; record with recordSystemCompliance`);

const listText = (xs: readonly unknown[] | null | undefined) => joined(xs);

/** Annex IV(1): general description of the system. */
export function generalSection(f: AnnexIvFacts): Section {
  const c = new Checks();
  const s = f.system;
  const sid = s.id as string;
  const p = f.profile;
  const need = profileNeed(c, f);
  const software = f.documented.map((d) => ({
    model: d.modelName, modelVersionId: d.version.id, version: d.version.version, artifactDigest: d.version.artifactDigest, codeRevision: d.run?.codeRevision ?? null,
  }));
  const earlier = f.previous.map((x) => `${x.version} (${x.id}, registered ${x.createdAt})`);
  return {
    number: "1",
    title: "General description of the AI system",
    ref: "Annex IV(1)",
    blocks: [
      {
        kind: "fields",
        rows: [
          ["Name", s.name as string],
          ["Unique reference", sid],
          ["(a) Intended purpose", c.need("AISystem", sid, "intendedPurpose", text(s.intendedPurpose), "intended purpose, Annex IV 1(a)")],
          ["(a) Provider", c.need("AISystem", sid, "providerName", text(s.providerName), "provider name, Annex IV 1(a)")],
          ["(a) Provider contact", c.need("AISystem", sid, "providerContact", text(s.providerContact), "provider contact, Annex IV 1(a); register a new system version with it")],
          ["(a) System version", s.version as string],
          ["(a) Earlier versions", earlier.length ? earlier.join("; ") : "none: first version"],
          ["(a) Later versions", listText(f.successors.map((x) => `${x.version} (${x.id})`)) ?? "none"],
          ["Risk category (declared)", `${s.riskCategory}${s.annexIIIArea ? `, Annex III area ${s.annexIIIArea}` : ""}`],
          ["(b) Interaction with other hardware, software and AI systems", need("interactions", p?.interactions, "interaction with other systems, Annex IV 1(b)") as string | null],
          ["(c) Relevant software versions", listText([...software.map((x) => `${x.model} ${x.version} (${x.artifactDigest}${x.codeRevision ? `, code ${x.codeRevision}` : ""})`), ...(p?.softwareDependencies ?? [])])],
          ["(d) Forms placed on the market", listText(need("marketForms", p?.marketForms, "forms in which it is placed on the market, Annex IV 1(d)") as string[] | null)],
          ["(e) Hardware", listText(need("hardware", p?.hardware, "hardware it is intended to run on, Annex IV 1(e)") as string[] | null)],
          // Annex IV 1(f) applies only where the system is a component of products; unknown embedding is "not recorded", never "not applicable".
          ["(f) Product photos and markings", p?.annexISafetyComponent === false && !p.productMarkings
            ? "not applicable: recorded as not a safety component of an Annex I product (annexISafetyComponent false)"
            : need("productMarkings", p?.productMarkings, "photographs or illustrations of the products the system is a component of, Annex IV 1(f); or record annexISafetyComponent false") as string | null],
          ["(g) Deployer user interface", need("userInterface", p?.userInterface, "user interface provided to the deployer, Annex IV 1(g)") as string | null],
          ["(h) Instructions for use", need("instructionsForUseRef", p?.instructionsForUseRef, "reference of the instructions for use, Annex IV 1(h)") as string | null],
          ["Member States", listText(need("memberStates", p?.memberStates, "Member States where it is placed on the market or used") as string[] | null)],
        ],
      },
    ],
    data: {
      id: sid, name: s.name, version: s.version, intendedPurpose: s.intendedPurpose, providerName: s.providerName, providerContact: s.providerContact ?? null,
      riskCategory: s.riskCategory, annexIIIArea: s.annexIIIArea ?? null, registeredBy: s.registeredBy ?? null, createdAt: s.createdAt,
      previousVersions: f.previous, laterVersions: f.successors,
      interactions: p?.interactions ?? null, software, softwareDependencies: p?.softwareDependencies ?? [], marketForms: p?.marketForms ?? [],
      hardware: p?.hardware ?? [], userInterface: p?.userInterface ?? null, instructionsForUseRef: p?.instructionsForUseRef ?? null, memberStates: p?.memberStates ?? [],
      complianceProfileId: p?.id ?? null,
    },
    sources: [sid, ...f.previous.map((x) => x.id as string), ...f.documented.map((d) => d.version.id as string), ...(p ? [p.id] : [])],
    checks: c.list,
  };
}

/** Annex IV(3): monitoring, functioning and control, with accuracy per group and overall. */
export function monitoringSection(f: AnnexIvFacts): Section {
  const c = new Checks();
  const p = f.profile;
  const need = profileNeed(c, f);
  const perVersion = f.documented.map((d) => {
    const overall = d.metrics.filter((m) => !m.subgroup);
    const groups = d.metrics.filter((m) => m.subgroup);
    c.need("ModelVersion", d.version.id as string, "overall metrics", overall, "accuracy for the whole population (a metric without subgroup), Annex IV 3");
    c.need("ModelVersion", d.version.id as string, "subgroup metrics", groups, "accuracy for the persons or groups it is meant for (metrics with subgroup), Annex IV 3");
    return { modelVersionId: d.version.id, overall: overall.map(metricData), perSubgroup: groups.map(metricData) };
  });
  const misuse = f.risks.filter((r) => r.foreseeableMisuse).map((r) => `${r.foreseeableMisuse} (${r.id})`);
  return {
    number: "3",
    title: "Monitoring, functioning and control of the AI system",
    ref: "Annex IV(3)",
    blocks: [
      {
        kind: "fields",
        rows: [
          ["Capabilities and limitations", need("capabilitiesAndLimitations", p?.capabilitiesAndLimitations, "capabilities and limitations in performance, Annex IV 3") as string | null],
          ["Input data specifications", need("inputDataSpecification", p?.inputDataSpecification, "specifications of the input data, Annex IV 3") as string | null],
          ["Human oversight measures", p?.humanOversightMeasures ?? null],
          ["Foreseeable unintended outcomes", joined(misuse)],
        ],
      },
      ...f.documented.map((d) => ({
        kind: "list" as const,
        heading: `Accuracy of ${d.modelName} ${d.version.version}: overall and per subgroup`,
        items: d.metrics.length ? d.metrics.map(metricLine) : ["no metrics recorded"],
      })),
    ],
    data: {
      capabilitiesAndLimitations: p?.capabilitiesAndLimitations ?? null,
      inputDataSpecification: p?.inputDataSpecification ?? null,
      humanOversightMeasures: p?.humanOversightMeasures ?? null,
      foreseeableUnintendedOutcomes: f.risks.filter((r) => r.foreseeableMisuse).map((r) => ({ riskAssessmentId: r.id, text: r.foreseeableMisuse })),
      accuracy: perVersion,
    },
    sources: [...f.documented.flatMap((d) => d.metrics.map((m) => m.id as string)), ...f.risks.map((r) => r.id as string)],
    checks: c.list,
  };
}

/** Annex IV(4): why the metrics are appropriate, and the thresholds they are held to. */
export function metricsSection(f: AnnexIvFacts): Section {
  const c = new Checks();
  const need = profileNeed(c, f);
  const metrics = f.documented.flatMap((d) => d.metrics);
  for (const m of metrics) c.need("Metric", m.id as string, "threshold", m.threshold ?? null, "acceptance threshold the metric is held to, Annex IV 4; record the metric again with a threshold");
  return {
    number: "4",
    title: "Appropriateness of the performance metrics",
    ref: "Annex IV(4)",
    blocks: [
      { kind: "text", heading: "Rationale", text: (need("metricsRationale", f.profile?.metricsRationale, "why the chosen metrics are appropriate, Annex IV 4") as string | null) ?? "not recorded" },
      {
        kind: "table",
        heading: "Metrics and thresholds",
        columns: ["Metric", "Subgroup", "Value", "Threshold", "Direction", "Passed"],
        rows: metrics.map((m) => [m.name as string, (m.subgroup as string | null) ?? "overall", m.value as number, (m.threshold as number | null) ?? null, m.lowerIsBetter ? "lower is better" : "higher is better", m.passed === null || m.passed === undefined ? null : m.passed ? "yes" : "NO"]),
      },
    ],
    data: { metricsRationale: f.profile?.metricsRationale ?? null, metrics: metrics.map(metricData) },
    sources: metrics.map((m) => m.id as string),
    checks: c.list,
  };
}

/** Annex IV(5): the risk-management system (Art. 9), from the recorded risk assessments. */
export function riskSection(f: AnnexIvFacts): Section {
  const c = new Checks();
  c.need("AISystem", f.system.id as string, "riskAssessments", f.risks, "at least one risk assessment (recordRiskAssessment), Art. 9, Annex IV 5");
  for (const r of f.risks) {
    c.need("RiskAssessment", r.id as string, "foreseeableMisuse", text(r.foreseeableMisuse), "reasonably foreseeable misuse, Art. 9(2)(b); record a revised assessment");
    c.need("RiskAssessment", r.id as string, "estimate", text(r.estimate), "estimate of likelihood and severity, Art. 9(2)(a)-(b); record a revised assessment");
  }
  return {
    number: "5",
    title: "Risk-management system",
    ref: "Annex IV(5), Art. 9",
    blocks: [
      {
        kind: "table",
        columns: ["Assessment", "Subject", "Hazard", "Affected persons", "Foreseeable misuse", "Estimate", "Mitigation", "Residual risk", "By, on"],
        rows: f.risks.map((r) => [r.id as string, r.subjectId as string, r.hazard as string, r.affectedPersons as string, text(r.foreseeableMisuse), text(r.estimate), r.mitigation as string, r.residualRisk as string, `${r.assessedBy}, ${r.createdAt}`]),
      },
    ],
    data: {
      riskAssessments: f.risks.map((r) => ({
        id: r.id, subjectId: r.subjectId, subjectType: r.subjectType, hazard: r.hazard, affectedPersons: r.affectedPersons, foreseeableMisuse: r.foreseeableMisuse ?? null,
        estimate: r.estimate ?? null, mitigation: r.mitigation, residualRisk: r.residualRisk, assessedBy: r.assessedBy, createdAt: r.createdAt,
      })),
    },
    sources: f.risks.map((r) => r.id as string),
    checks: c.list,
  };
}
