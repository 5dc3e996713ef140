/**
 * The AI Act obligations of a system for its role and category, each with whether the graph
 * satisfies it and the facts missing. Pure: built from the system facts, so each rule has a unit
 * test. Obligations that a document answers are satisfied when that document is complete, so
 * the two never disagree.
 */
import { buildAnnexIv } from "../docs/annex-iv.js";
import { riskSection } from "../docs/annex-iv-general.js";
import { Checks, missingText, score, type DocModel, type FactCheck } from "../docs/model.js";
import { text } from "../docs/values.js";
import { buildDeclaration, routeOf } from "./declaration.js";
import { isHighRisk, type SystemFacts } from "./facts.js";
import { buildFria, friaRequired } from "./fria.js";
import { buildInstructionsForUse } from "./instructions.js";
import { buildMonitoringPlan } from "./monitoring-plan.js";
import { buildRegistration, exempted } from "./registration.js";

export interface Obligation {
  article: string;
  title: string;
  satisfied: boolean;
  missing: string[];
}

const AT = "1970-01-01T00:00:00.000Z"; // documents built only for their scores; the time is not shown
const ofChecks = (article: string, title: string, checks: FactCheck[], extra: string[] = []): Obligation => {
  const missing = [...checks.filter((c) => !c.present).map(missingText), ...extra];
  return { article, title, satisfied: missing.length === 0, missing };
};
const ofDoc = (article: string, title: string, doc: DocModel, extra: string[] = []): Obligation => {
  const missing = [...score(doc).missing.map((m) => m.text), ...extra];
  return { article, title, satisfied: missing.length === 0, missing };
};
const profile = (c: Checks, f: SystemFacts, field: string, value: unknown, hint: string) =>
  c.need("ComplianceProfile", f.system.id as string, field, value ?? null, `${hint}; record with recordSystemCompliance`);

/** Art. 5: no prohibited practice may be flagged; without a profile the flags are unknown. */
export function article5(f: SystemFacts): Obligation {
  const missing: string[] = [];
  if (!f.profile) missing.push(`ComplianceProfile ${f.system.id}: prohibitedPractices missing (whether any Art. 5(1) practice applies; record with recordSystemCompliance)`);
  for (const x of f.profile?.prohibitedPractices ?? []) missing.push(`prohibited practice ${x} flagged: the system may not be placed on the market or used (Art. 5(1))`);
  for (const x of [...f.classification.contradictions, ...f.classification.unknowns].filter((t) => t.includes("Art. 5("))) missing.push(x);
  return { article: "Art. 5", title: "Prohibited AI practices", satisfied: missing.length === 0, missing };
}

/** Art. 10(2)-(3), (5): data governance of every training, validation and test dataset. */
export function article10(f: SystemFacts): Obligation {
  const c = new Checks();
  for (const d of f.documented) {
    c.need("ModelVersion", d.version.id as string, "datasets", d.datasets, "the datasets it was trained and validated on (recordTrainingRun), Art. 10(1)");
    for (const x of d.datasets) {
      const id = x.id as string;
      c.need("DatasetVersion", id, "provenance", text(x.provenance), "origin of the data, Art. 10(2)(b)");
      c.need("DatasetVersion", id, "biasExamination", text(x.biasExamination), "examination for possible biases, Art. 10(2)(f)");
      c.need("DatasetVersion", id, "biasMitigation", text(x.biasMitigation), "measures to detect, prevent and mitigate biases, Art. 10(2)(g)");
      if (x.containsPersonalData) c.need("DatasetVersion", id, "legalBasis", text(x.legalBasis), "legal basis of the personal data, Art. 10(5), GDPR Art. 6");
    }
  }
  return ofChecks("Art. 10", "Data and data governance", c.list);
}

/** Art. 15(1), (3): accuracy declared and met, robustness and cybersecurity measures. */
export function article15(f: SystemFacts): Obligation {
  const c = new Checks();
  for (const d of f.documented) c.need("ModelVersion", d.version.id as string, "overall metrics", d.metrics.filter((m) => !m.subgroup), "declared accuracy metrics, Art. 15(3)");
  profile(c, f, "cybersecurityMeasures", f.profile?.cybersecurityMeasures, "robustness and cybersecurity measures, Art. 15(4)-(5)");
  const failing = f.documented.flatMap((d) => d.metrics.filter((m) => m.passed === false).map((m) => `Metric ${m.id} (${m.name}${m.subgroup ? `, ${m.subgroup}` : ""}) misses its threshold: ${m.value} vs ${m.threshold} (Art. 15(1))`));
  return ofChecks("Art. 15", "Accuracy, robustness and cybersecurity", c.list, failing);
}

/** Art. 43: a route that the facts determine, with its notified body where one takes part. */
export function article43(f: SystemFacts): Obligation {
  const r = routeOf(f);
  const missing = r.procedure ? [] : [`AISystem ${f.system.id}: conformity route missing (${r.unknown})`];
  if (r.notifiedBodyRequired && !f.profile?.notifiedBody) missing.push(`ComplianceProfile ${f.system.id}: notifiedBody missing (the notified body and certificate, ${r.article}; record with recordSystemCompliance)`);
  return { article: "Art. 43", title: `Conformity assessment${r.procedure ? `: ${r.procedure}` : ""}`, satisfied: missing.length === 0, missing };
}

/** Art. 73: every serious incident reported by its deadline. */
export function article73(f: SystemFacts): Obligation {
  const missing = f.incidentsFull.filter((i) => i.overdue).map((i) => `Incident ${i.id}: no initial report submitted by ${i.dueBy} (Art. 73(2)-(4); recordIncidentSubmission)`);
  return { article: "Art. 73", title: "Reporting of serious incidents", satisfied: missing.length === 0, missing };
}

/** Chapter III Section 2-3 for providers of high-risk systems (Art. 9-17, 43, 47, 49, 72, 73). */
function providerHighRisk(f: SystemFacts): Obligation[] {
  const c = (fn: (c: Checks) => void) => { const x = new Checks(); fn(x); return x.list; };
  const declaration = buildDeclaration(f, AT);
  return [
    ofChecks("Art. 9", "Risk management system", riskSection(f).checks),
    article10(f),
    ofDoc("Art. 11", "Technical documentation (Annex IV)", buildAnnexIv(f, AT)),
    // Art. 12, 19: the product logs each decision; the provider decides how long the logs are kept.
    ofChecks("Art. 12", "Record-keeping", c((x) => profile(x, f, "logRetentionMonths", f.profile ? f.profile.logRetentionMonths : null, "how long logs are kept, Art. 19(1)"))),
    ofDoc("Art. 13", "Transparency and instructions for use", buildInstructionsForUse(f, AT)),
    ofChecks("Art. 14", "Human oversight", c((x) => profile(x, f, "humanOversightMeasures", f.profile?.humanOversightMeasures, "human oversight measures, Art. 14(3)"))),
    article15(f),
    ofChecks("Art. 17", "Quality management system", c((x) => profile(x, f, "qualityManagementSystemRef", f.profile?.qualityManagementSystemRef, "reference of the quality management system, Art. 17"))),
    article43(f),
    ofDoc("Art. 47", "EU declaration of conformity", declaration, f.profile?.declarationOfConformityCopy ? [] : [`ComplianceProfile ${f.system.id}: declarationOfConformityCopy missing (the signed declaration, Art. 47(1); record with recordSystemCompliance)`]),
    ofDoc("Art. 49", "Registration in the EU database", buildRegistration(f, AT)),
    ofDoc("Art. 72", "Post-market monitoring", buildMonitoringPlan(f, AT)),
    article73(f),
  ];
}

/** Art. 26 and 27 for each deployer of a high-risk system, one obligation per deployment. */
function deployerHighRisk(f: SystemFacts): Obligation[] {
  return f.deployments.flatMap((d) => {
    const id = d.id as string;
    const p = f.deployers.get(id);
    const who = (p?.deployerName as string | undefined) ?? `deployment ${id}`;
    const c = new Checks();
    c.need("DeploymentCompliance", id, "deployerName", p?.deployerName ?? null, "the deployer's identity, Art. 26; record with recordDeploymentCompliance");
    c.need("DeploymentCompliance", id, "oversightPersons", p?.oversightPersons ?? null, "persons assigned to human oversight, Art. 26(2); record with recordDeploymentCompliance");
    if (!d.endedAt) c.need("Deployment", id, "drift reports", f.drift.find((x) => x.deploymentId === id)?.total ? [1] : [], "monitoring of the operation, Art. 26(5); submit drift reports");
    const out = [ofChecks("Art. 26", `Obligations of the deployer (${who})`, c.list)];
    // Art. 27(1): listed unless the facts show it does not bind this deployer; the FRIA names what decides it.
    if (friaRequired(f, p) !== false) out.push(ofDoc("Art. 27", `Fundamental rights impact assessment (${who})`, buildFria(f, id, AT)));
    return out;
  });
}

/** Art. 50(1)-(4): how people are informed, for every recorded transparency trigger. */
export function article50(f: SystemFacts): Obligation | null {
  const triggers = f.profile?.transparencyTriggers ?? [];
  if (!triggers.length) return null;
  const c = new Checks();
  profile(c, f, "transparencyMeasures", f.profile?.transparencyMeasures, `how persons are informed or output is marked for ${triggers.join(", ")}, Art. 50`);
  return ofChecks("Art. 50", "Transparency obligations", c.list);
}

/** Every applicable obligation: Art. 5 always; the high-risk set; Art. 6(4)/49(2) for an exemption; Art. 50 for triggers. */
export function obligationsOf(f: SystemFacts): Obligation[] {
  const out: Obligation[] = [article5(f)];
  if (isHighRisk(f)) out.push(...providerHighRisk(f), ...deployerHighRisk(f));
  else if (exempted(f)) out.push(ofDoc("Art. 49(2)", "Registration of an Art. 6(3) exemption (Annex VIII Section B)", buildRegistration(f, AT)));
  const t = article50(f);
  if (t) out.push(t);
  return out;
}
