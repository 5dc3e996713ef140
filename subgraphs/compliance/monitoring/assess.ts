/**
 * Art. 72(2), 15(3): what the performance in use of a deployment shows against the metrics
 * declared for its model version. Pure: the rules (act/rules/provider.ts) and the monitoring
 * plan (act/monitoring-plan.ts) both read it.
 */
import type { Props } from "../../../runtime/mutation.js";
import type { PerformanceInUse } from "./types.js";
import type { DeploymentPerformance } from "./store.js";

/** One declared metric (overall or for a subgroup) and its measurements in use, oldest window first. */
export interface MetricInUse {
  declared: Props;
  label: string;
  observations: PerformanceInUse[];
  latest: PerformanceInUse | null;
}

export const metricLabel = (name: string, subgroup: string | null | undefined): string => `${name}${subgroup ? ` (${subgroup})` : ""}`;

/** Every declared metric with a threshold, with the measurements in use of exactly that metric and subgroup. */
export function metricsInUse(p: DeploymentPerformance): MetricInUse[] {
  return p.declared.filter((m) => m.threshold !== null && m.threshold !== undefined).map((m) => {
    const observations = p.observations.filter((o) => o.metric === m.name && (o.subgroup ?? null) === (m.subgroup ?? null));
    return { declared: m, label: metricLabel(m.name as string, m.subgroup as string | null), observations, latest: observations.at(-1) ?? null };
  });
}

/** Measurements in use that miss their declared threshold. */
export const failing = (p: DeploymentPerformance): PerformanceInUse[] => p.observations.filter((o) => o.passed === false);

export const observationLine = (o: PerformanceInUse): string =>
  `${metricLabel(o.metric, o.subgroup)} = ${o.value} on ${o.sampleSize} ${o.source === "RECORDED_OUTCOMES" ? "recorded outcomes" : "deployer feedback items"}, ${o.windowStart} to ${o.windowEnd}` +
  `${o.threshold === null || o.threshold === undefined ? "" : ` (declared threshold ${o.threshold}: ${o.passed ? "met" : "MISSED"})`}; ${o.reference}; recorded by ${o.recordedBy} at ${o.createdAt}`;
