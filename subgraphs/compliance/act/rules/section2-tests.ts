/**
 * Chapter III Section 2, the requirements shown by tests and data records: Art. 9 (risk
 * management tested against defined metrics and thresholds), Art. 10 (data governance of each
 * dataset), Art. 15 (declared accuracy met; robustness and cybersecurity tested). Apply from the
 * Chapter III date of the system (../dates.ts highRiskDate).
 */
import type { Props } from "../../../../runtime/mutation.js";
import { text } from "../../docs/values.js";
import { EvidenceKind, OperatorRole } from "../../evidence/types.js";
import type { DateKey } from "../dates.js";
import { byRecord, combine, type Finding, type RuleFacts, type Status } from "./common.js";

const metricLine = (m: Props) =>
  `Metric ${m.id} (${m.name}${m.subgroup ? `, ${m.subgroup}` : ""}): ${m.value} against threshold ${m.threshold}, recorded by ${m.recordedBy ?? "unknown"} at ${m.createdAt}`;
const failing = (m: Props) => `Metric ${m.id} (${m.name}${m.subgroup ? `, ${m.subgroup}` : ""}) misses its threshold: ${m.value} vs ${m.threshold}`;

/** The metrics with a defined threshold: tests against prior defined metrics (Art. 9(8)). */
function testedMetrics(f: RuleFacts, article: string, filter: (m: Props) => boolean = () => true): { status: Status; evidence: string[]; missing: string[] } {
  if (!f.documented.length) return { status: "UNKNOWN", evidence: [], missing: [`no model version recorded for AISystem ${f.system.id}: nothing was tested (${article}); register one with registerModelVersion`] };
  const evidence: string[] = [];
  const missing: string[] = [];
  let unmet = false;
  for (const d of f.documented) {
    const tested = d.metrics.filter((m) => m.threshold !== null && m.threshold !== undefined && filter(m));
    if (!tested.length) missing.push(`ModelVersion ${d.version.id}: no metric with a defined threshold (${article}); record with recordMetrics`);
    for (const m of tested) {
      evidence.push(metricLine(m));
      if (m.passed === false) { unmet = true; missing.push(`${failing(m)} (${article})`); }
    }
  }
  return { status: unmet ? "UNMET" : missing.length ? "UNKNOWN" : "MET", evidence, missing };
}

/** Art. 9(2), (6)-(8): risks identified and the system tested against defined metrics and thresholds. */
export function article9(f: RuleFacts, date: DateKey): Finding {
  const risks = f.risks.map((r) => `RiskAssessment ${r.id}: ${r.hazard}, assessed by ${r.assessedBy ?? "unknown"} at ${r.createdAt}`);
  const identified = { status: (risks.length ? "MET" : "UNKNOWN") as Status, evidence: risks, missing: risks.length ? [] : [`no RiskAssessment of AISystem ${f.system.id} (Art. 9(2)(a)-(b)); record with recordRiskAssessment`] };
  return combine("Art. 9", "Risk management system", date, [identified, testedMetrics(f, "Art. 9(6)-(8)")]);
}

/** Art. 10(2)-(3), (5): provenance, bias examination and mitigation of every dataset; the legal basis of personal data. */
export function article10(f: RuleFacts, date: DateKey): Finding {
  const missing: string[] = [];
  const evidence: string[] = [];
  if (!f.documented.some((d) => d.datasets.length)) missing.push(`no training, validation or test dataset recorded for the model versions of AISystem ${f.system.id} (Art. 10(1)); record with recordTrainingRun`);
  for (const x of f.documented.flatMap((d) => d.datasets)) {
    const need = (field: string, v: unknown, hint: string) => { if (!text(v)) missing.push(`DatasetVersion ${x.id}: ${field} missing (${hint})`); };
    need("provenance", x.provenance, "origin of the data, Art. 10(2)(b)");
    need("biasExamination", x.biasExamination, "examination for possible biases, Art. 10(2)(f)");
    need("biasMitigation", x.biasMitigation, "measures to detect, prevent and mitigate biases, Art. 10(2)(g)");
    if (x.containsPersonalData) need("legalBasis", x.legalBasis, "legal basis of the personal data, Art. 10(5), GDPR Art. 6");
    if (x.containsPersonalData === null || x.containsPersonalData === undefined) missing.push(`DatasetVersion ${x.id}: containsPersonalData missing (whether it holds personal data, Art. 10(5))`);
    evidence.push(`DatasetVersion ${x.id} (${x.role}): registered by ${x.registeredBy ?? "unknown"} at ${x.createdAt}`);
  }
  return { article: "Art. 10", title: "Data and data governance", date, status: missing.length ? "UNKNOWN" : "MET", evidence: missing.length ? [] : evidence, missing };
}

/** Art. 15(1), (3)-(5): declared accuracy metrics met, overall and per subgroup; robustness and cybersecurity tested. */
export function article15(f: RuleFacts, date: DateKey): Finding {
  const cyber = byRecord(f, { article: "Art. 15(4)-(5)", title: "", date, kind: EvidenceKind.ROBUSTNESS_CYBERSECURITY_TEST, role: OperatorRole.PROVIDER, need: "robustness and cybersecurity tests performed" });
  return combine("Art. 15", "Accuracy, robustness and cybersecurity", date, [testedMetrics(f, "Art. 15(1), (3)"), cyber]);
}
