/**
 * Provider duties shown by a single record: Art. 16(b) name and address on the system, Art. 20
 * corrective action, Art. 47 declaration signed, Art. 48 CE marking, Art. 72 post-market
 * monitoring, Art. 73 serious-incident reports. From the Chapter III date of the system.
 */
import { EvidenceKind, OperatorRole } from "../../evidence/types.js";
import type { DateKey } from "../dates.js";
import { failing, metricLabel, metricsInUse, observationLine } from "../../monitoring/assess.js";
import { byRecord, combine, line, notApplicable, records, type Finding, type RuleFacts } from "./common.js";

const P = OperatorRole.PROVIDER;

/** Art. 16(b): name, registered trade name or mark and address on the system, its packaging or documentation. */
export const article16b = (f: RuleFacts, date: DateKey): Finding =>
  byRecord(f, { article: "Art. 16(b)", title: "Provider's name and address on the system", date, kind: EvidenceKind.PROVIDER_MARKING, role: P, need: "the marking applied" });

/** Art. 47(1): the EU declaration of conformity drawn up and signed. */
export const article47 = (f: RuleFacts, date: DateKey): Finding =>
  byRecord(f, { article: "Art. 47", title: "EU declaration of conformity signed", date, kind: EvidenceKind.DECLARATION_SIGNED, role: P, need: "the signed declaration: signatory, date, digest of the signed copy" });

/** Art. 48: CE marking affixed. */
export const article48 = (f: RuleFacts, date: DateKey): Finding =>
  byRecord(f, { article: "Art. 48", title: "CE marking", date, kind: EvidenceKind.CE_MARKING, role: P, need: "the CE marking affixed" });

/**
 * Art. 20(1): corrective action where the provider has reason to consider the system
 * non-conforming. Triggered by what the graph holds (a metric missing its threshold, a serious
 * incident); with no trigger the duty is not engaged by any recorded fact.
 */
export function article20(f: RuleFacts, date: DateKey): Finding {
  const triggers = [
    ...f.documented.flatMap((d) => d.metrics.filter((m) => m.passed === false).map((m) => `Metric ${m.id} misses its threshold`)),
    ...f.incidentsFull.map((i) => `Incident ${i.id}`),
    ...f.performance.flatMap((p) => failing(p).map((o) => `Deployment ${p.deploymentId}: ${metricLabel(o.metric, o.subgroup)} in use ${o.value} misses its declared threshold (${o.windowStart} to ${o.windowEnd})`)),
  ];
  const title = "Corrective actions and duty of information";
  if (!triggers.length) return notApplicable("Art. 20", title, date, "no recorded fact suggests non-conformity");
  const actions = records(f, EvidenceKind.CORRECTIVE_ACTION, P);
  return {
    article: "Art. 20", title, date, status: actions.length ? "MET" : "UNKNOWN", evidence: actions.map(line),
    missing: actions.length ? [] : [`no CORRECTIVE_ACTION record for ${triggers.join(", ")} (Art. 20(1)); record with recordComplianceEvidence(kind: CORRECTIVE_ACTION, role: PROVIDER)`],
  };
}

/**
 * Art. 72(1)-(3): the monitoring plan in place, and the performance in use of every running
 * deployment collected: each declared metric with a threshold, overall and per subgroup,
 * measured on recorded outcomes or deployer feedback (monitoring/assess.ts). Input drift is not
 * performance: drift reports do not count here.
 */
export function article72(f: RuleFacts, date: DateKey): Finding {
  const plan = byRecord(f, { article: "Art. 72(3)", title: "", date, kind: EvidenceKind.POST_MARKET_MONITORING_PLAN, role: P, need: "the post-market monitoring plan adopted" });
  const running = f.deployments.filter((d) => !d.endedAt);
  const collected = running.map((d) => {
    const perf = f.performance.find((p) => p.deploymentId === d.id);
    const metrics = perf ? metricsInUse(perf) : [];
    if (!metrics.length) return { status: "UNKNOWN" as const, evidence: [], missing: [`Deployment ${d.id}: no metric with a threshold declared for the deployed model version, so performance in use has nothing to be measured against (Art. 72(2), 15(3)); recordMetrics with a threshold`] };
    const unmeasured = metrics.filter((m) => !m.latest);
    return {
      status: unmeasured.length ? ("UNKNOWN" as const) : ("MET" as const),
      evidence: metrics.flatMap((m) => m.observations.map((o) => `Deployment ${d.id}: ${observationLine(o)}`)),
      missing: unmeasured.map((m) => `Deployment ${d.id}: ${m.label} not measured in use (recorded outcomes or deployer feedback, Art. 72(2)); recordPerformanceInUse`),
    };
  });
  return combine("Art. 72", "Post-market monitoring", date, [plan, ...collected]);
}

/**
 * Art. 73(1)-(4): every serious incident reported by its deadline to the market surveillance
 * authority of each Member State where it occurred (incidents/deadline.ts authorityStatus);
 * not engaged while none is recorded.
 */
export function article73(f: RuleFacts, date: DateKey): Finding {
  const title = "Reporting of serious incidents";
  if (!f.incidentsFull.length) return notApplicable("Art. 73", title, date, "no serious incident recorded");
  const per = f.incidentsFull.flatMap((i) => (i.authorities?.length ? i.authorities : [{ memberState: "(no Member State recorded)", initialSubmittedAt: i.submissions.find((s) => s.kind === "INITIAL")?.submittedAt ?? null, overdue: i.overdue }]).map((a) => ({ i, a })));
  const evidence = f.incidentsFull.flatMap((i) => i.submissions.map((s) => `Incident ${i.id}: ${s.kind} report to ${s.authority}${s.memberState ? ` (${s.memberState})` : ""} at ${s.submittedAt}`));
  const overdue = per.filter((x) => x.a.overdue);
  const pending = per.filter((x) => !x.a.overdue && !x.a.initialSubmittedAt);
  return {
    article: "Art. 73", title, date, status: overdue.length ? "UNMET" : pending.length ? "UNKNOWN" : "MET", evidence,
    missing: [
      ...overdue.map(({ i, a }) => `Incident ${i.id}: no initial report to the authority of ${a.memberState} by ${i.dueBy} (Art. 73(1)-(4); recordIncidentSubmission with memberState)`),
      ...pending.map(({ i, a }) => `Incident ${i.id}: not yet reported to the authority of ${a.memberState}, due by ${i.dueBy} (Art. 73(1)-(4); recordIncidentSubmission with memberState)`),
    ],
  };
}

/** Art. 4: AI literacy of staff (provider and deployer); since 2 Feb 2025 (the 2026 amendment reshaped it: see docs/ai-act.md). */
export const article4 = (f: RuleFacts, role: OperatorRole): Finding =>
  byRecord(f, { article: "Art. 4", title: "AI literacy", date: "CHAPTERS_I_II", kind: EvidenceKind.AI_LITERACY, role, need: "measures taken for the AI literacy of staff" });
