import { DEFAULT_THRESHOLDS } from "../../../runtime/domain/drift-thresholds.js";
import { profileNeed } from "../annex-iv/general.js";
import { Checks, type DocModel, type Section } from "../docs/model.js";
import { metricLine } from "../docs/values.js";
import type { SystemFacts } from "./facts.js";
import { failing, metricsInUse, observationLine } from "../monitoring/assess.js";
import { systemSummary } from "./summary.js";

export const MONITORING_PLAN_SCHEMA = "post-market-monitoring-plan/2";

/** Art. 72(1), (3): the plan itself, part of the technical documentation. */
function planSection(f: SystemFacts): Section {
  const c = new Checks();
  const plan = profileNeed(c, f)("postMarketMonitoringPlan", f.profile?.postMarketMonitoringPlan, "the provider's post-market monitoring plan, Art. 72(3)") as string | null;
  const interactions = f.profile?.interactions ?? null;
  return {
    number: "1", title: "Plan", ref: "Art. 72(1), (3)",
    blocks: [{ kind: "text", heading: "Plan", text: plan ?? "not recorded" }, { kind: "text", heading: "Interaction with other AI systems (Art. 72(2))", text: interactions ?? "not recorded" }],
    data: { postMarketMonitoringPlan: plan, interactions }, sources: f.profile ? [f.profile.id] : [], checks: c.list,
  };
}

/**
 * Art. 72(2): performance in use collected actively and systematically: every declared metric
 * with a threshold, overall and per subgroup, measured over time on recorded outcomes or
 * deployer feedback, for every running deployment.
 */
function performanceSection(f: SystemFacts): Section {
  const c = new Checks();
  const rows: (string | number | null)[][] = [];
  for (const d of f.deployments.filter((x) => !x.endedAt)) {
    const perf = f.performance.find((p) => p.deploymentId === d.id);
    const metrics = perf ? metricsInUse(perf) : [];
    if (!metrics.length) c.need("Deployment", d.id as string, "declared metric with a threshold", null, "a metric with a threshold declared for the deployed model version, to measure performance in use against, Art. 72(2), 15(3); recordMetrics");
    for (const m of metrics) {
      c.need("Deployment", d.id as string, `performance in use: ${m.label}`, m.observations, "the declared metric measured on recorded outcomes or deployer feedback, Art. 72(2); recordPerformanceInUse");
      for (const o of m.observations) rows.push([d.id as string, m.label, `${o.windowStart} to ${o.windowEnd}`, o.value, o.threshold ?? null, o.passed === null ? "no threshold" : o.passed ? "met" : "MISSED", o.sampleSize, o.source, o.reference]);
    }
  }
  const observations = f.performance.flatMap((p) => p.observations);
  return {
    number: "2", title: "Performance in use, per subgroup, against the declared metrics", ref: "Art. 72(2), Art. 15(3)",
    blocks: [{ kind: "table", columns: ["Deployment", "Metric (subgroup)", "Window", "Value", "Declared threshold", "Result", "Outcomes", "Source", "Reference"], rows }],
    data: { performance: f.performance.map((p) => ({ deploymentId: p.deploymentId, modelVersionId: p.modelVersionId, observations: p.observations })) },
    sources: observations.map((o) => o.id), checks: c.list,
  };
}

/** Input drift of every deployment: a warning sign for performance, not a measurement of it. */
function dataSection(f: SystemFacts): Section {
  const c = new Checks();
  const drift = new Map(f.drift.map((d) => [d.deploymentId, d]));
  const rows = f.deployments.map((d) => {
    const r = drift.get(d.id as string);
    const latest = r?.latest[0];
    return [d.id as string, d.environment as string, `${d.startedAt} to ${d.endedAt ?? "running"}`, r?.total ?? 0, r?.byStatus.WARN ?? 0, r?.byStatus.DRIFT ?? 0, latest ? `${latest.status} (${latest.windowStart} to ${latest.windowEnd})` : null];
  });
  const n = DEFAULT_THRESHOLDS.numeric;
  const k = DEFAULT_THRESHOLDS.categorical;
  return {
    number: "3", title: "Input drift monitoring of the deployments (not a measure of performance)", ref: "Art. 72(2)",
    blocks: [
      { kind: "fields", heading: "Drift thresholds", rows: [
        ["Numeric features", `PSI ${n.warn} WARN / ${n.drift} DRIFT; KS ${n.ksWarn} WARN / ${n.ksDrift} DRIFT (worse of the two)`],
        ["Categorical features", `Jensen-Shannon distance ${k.warn} WARN / ${k.drift} DRIFT`],
        ["Overrides", "a reference profile may override the thresholds per feature; each drift report states the thresholds it applied"],
      ] },
      { kind: "table", heading: "Deployments", columns: ["Deployment", "Environment", "Period of use", "Drift reports", "WARN", "DRIFT", "Latest"], rows },
    ],
    data: { thresholds: DEFAULT_THRESHOLDS, deployments: f.deployments.map((d) => ({ id: d.id, environment: d.environment, startedAt: d.startedAt, endedAt: d.endedAt ?? null })), drift: f.drift },
    sources: [...f.deployments.map((d) => d.id as string), ...f.drift.flatMap((d) => d.latest.map((r) => r.id as string))],
    checks: c.list,
  };
}

/** Art. 72(2), 15: the performance baseline the collected data are compared with. */
function baselineSection(f: SystemFacts): Section {
  const c = new Checks();
  const metrics = f.documented.flatMap((d) => d.metrics);
  for (const m of metrics) c.need("Metric", m.id as string, "threshold", m.threshold ?? null, "the acceptance threshold monitoring compares against, Art. 72(2), 15(3)");
  return {
    number: "4", title: "Performance baseline (declared metrics)", ref: "Art. 72(2), Art. 15(3)",
    blocks: [{ kind: "list", items: metrics.length ? metrics.map(metricLine) : ["not recorded"] }],
    data: { metrics: metrics.map((m) => ({ id: m.id, name: m.name, subgroup: m.subgroup ?? null, value: m.value, threshold: m.threshold ?? null })) },
    sources: metrics.map((m) => m.id as string), checks: c.list,
  };
}

/** Art. 72-73: serious incidents and whether each initial report went out in time. */
function incidentSection(f: SystemFacts): Section {
  const perAuthority = (i: SystemFacts["incidentsFull"][number]) => (i.authorities ?? []).map((a) => `${a.memberState}: ${a.initialSubmittedAt ?? "none"}${a.overdue ? " (OVERDUE)" : ""}`).join("; ") || "no Member State recorded";
  const rows = f.incidentsFull.map((i) => [i.id, i.category, i.occurredAt, i.dueBy, i.submissions.map((s) => `${s.kind} ${s.submittedAt} to ${s.authority}${s.memberState ? ` (${s.memberState})` : ""}`).join("; ") || "none", perAuthority(i), i.overdue || (i.authorities ?? []).some((a) => a.overdue) ? "OVERDUE" : "no", i.stage]);
  return {
    number: "5", title: "Serious incidents", ref: "Art. 73",
    blocks: [{ kind: "table", columns: ["Incident", "Category", "Occurred", "Due by", "Submissions", "Initial report per authority (Art. 73(1))", "Overdue", "Stage"], rows }],
    data: { incidents: f.incidentsFull.map((i) => ({ id: i.id, category: i.category, occurredAt: i.occurredAt, dueBy: i.dueBy, overdue: i.overdue, stage: i.stage, submissions: i.submissions })) },
    sources: f.incidentsFull.map((i) => i.id), checks: [],
  };
}

/** The post-market monitoring plan (Art. 72) with the monitoring the graph shows. */
export function buildMonitoringPlan(f: SystemFacts, generatedAt: string): DocModel {
  const s = f.system;
  return {
    schema: MONITORING_PLAN_SCHEMA,
    title: `Post-market monitoring plan (Art. 72): ${s.name} ${s.version}`,
    subject: { type: "AISystem", id: s.id as string, label: `${s.name} ${s.version}` },
    generatedAt,
    summary: systemSummary(f),
    findings: [
      ...f.drift.filter((d) => d.latest[0]?.status === "DRIFT").map((d) => `Deployment ${d.deploymentId}: latest drift report ${d.latest[0].id} says DRIFT`),
      ...f.performance.flatMap((p) => failing(p).map((o) => `Deployment ${p.deploymentId}: ${observationLine(o)}`)),
      ...f.incidentsFull.filter((i) => i.overdue || (i.authorities ?? []).some((a) => a.overdue)).map((i) => `Incident ${i.id}: the Art. 73 report is OVERDUE (due by ${i.dueBy})`),
    ],
    sections: [planSection(f), performanceSection(f), dataSection(f), baselineSection(f), incidentSection(f)],
  };
}
