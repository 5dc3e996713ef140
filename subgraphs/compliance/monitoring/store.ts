/**
 * Performance in use (Art. 72(2)): measurements of a deployment's declared metrics on recorded
 * outcomes or deployer feedback, per subgroup and window. Each is compared, when recorded, with
 * the metric declared for the deployed model version (the subgroup's, else the overall one), so
 * the record keeps what it was measured against. Append-only, audited with the write.
 */
import { stableId } from "../../../runtime/canonical.js";
import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { badInput, notFound } from "../../../runtime/errors.js";
import { createOnce, mutate, type Props } from "../../../runtime/mutation.js";
import { toPerformance } from "./mappers.js";
import type { PerformanceInUse, PerformanceInUseInput } from "./types.js";

export type PerformanceFacts = Omit<PerformanceInUseInput, "subgroup" | "digest"> & { subgroup: string | null; digest: string | null };

/** Declared metrics and measurements in use of each deployment, as of asOf. */
export interface DeploymentPerformance {
  deploymentId: string;
  modelVersionId: string;
  /** The metrics declared for the deployed version (recordMetrics), by name and subgroup. */
  declared: Props[];
  /** Oldest window first per metric and subgroup. */
  observations: PerformanceInUse[];
}

export function recordPerformance(ctx: Ctx, p: PerformanceFacts) {
  const id = stableId("perf", p.deploymentId, p.metric, p.subgroup ?? "", p.windowStart, p.windowEnd, p.source);
  return mutate(ctx, "recordPerformanceInUse", { input: p }, async (tx) => {
    const row = await tx.one<{ mv: string | null; startedAt: string; endedAt: string | null; declared: Props[] }>({
      cypher: `MATCH (d:Deployment {id: $d})
               OPTIONAL MATCH (m:Metric {modelVersionId: d.modelVersionId, name: $metric})
               WITH d, m ORDER BY m.createdAt, m.id
               RETURN d.modelVersionId AS mv, d.startedAt AS startedAt, d.endedAt AS endedAt, [x IN collect(m) | x {.id, .subgroup, .threshold, .lowerIsBetter}] AS declared`,
      params: { d: p.deploymentId, metric: p.metric },
    });
    if (!row) throw notFound("Deployment", p.deploymentId);
    if (Date.parse(p.windowStart) < Date.parse(row.startedAt)) throw badInput("input.windowStart", `lies before the deployment started (${row.startedAt}): performance in use is measured while it is in use`);
    if (row.endedAt && Date.parse(p.windowEnd) > Date.parse(row.endedAt)) throw badInput("input.windowEnd", `lies after the deployment ended (${row.endedAt})`);
    const declared = row.declared.filter((m) => (m.subgroup ?? null) === p.subgroup).at(-1) ?? row.declared.filter((m) => (m.subgroup ?? null) === null).at(-1);
    if (!declared) throw badInput("input.metric", `no metric ${p.metric}${p.subgroup ? ` (overall or for ${p.subgroup})` : ""} is declared for model version ${row.mv}: performance in use is measured against the declared metrics (Art. 72(2), 15(3)); record it with recordMetrics first`);
    const threshold = (declared.threshold as number | null | undefined) ?? null;
    const passed = threshold === null ? null : declared.lowerIsBetter ? p.value <= threshold : p.value >= threshold;
    const props = { ...p, modelVersionId: row.mv, declaredMetricId: declared.id, threshold, passed };
    const { node, created } = await createOnce(tx, "PerformanceObservation", id, props, new Date().toISOString(), { recordedBy: ctx.caller.sub });
    if (created) await tx.run({ cypher: `MATCH (o:PerformanceObservation {id: $id}), (d:Deployment {id: $d}) CREATE (o)-[:MEASURED_ON]->(d)`, params: { id, d: p.deploymentId } });
    return { result: toPerformance(node), changed: created, subjects: [id, p.deploymentId] };
  });
}

/** Most measurements read per deployment (the latest windows). */
export const MAX_OBSERVATIONS = 1000;

export async function performanceOf(ctx: Pick<Ctx, "stats">, deploymentIds: string[], asOf: string | null): Promise<DeploymentPerformance[]> {
  if (!deploymentIds.length) return [];
  return read({ op: "performanceOf", stats: ctx.stats }, (tx) =>
    tx.run<DeploymentPerformance>({
      cypher: `UNWIND $ids AS did
               MATCH (d:Deployment {id: did})
               CALL (d) { OPTIONAL MATCH (m:Metric {modelVersionId: d.modelVersionId}) WHERE $asOf IS NULL OR m.createdAt <= $asOf
                          WITH m ORDER BY m.name, m.subgroup, m.id RETURN [x IN collect(m) | x {.*}] AS declared }
               CALL (d) { OPTIONAL MATCH (o:PerformanceObservation {deploymentId: d.id}) WHERE $asOf IS NULL OR o.createdAt <= $asOf
                          WITH o ORDER BY o.windowEnd DESC, o.id DESC LIMIT $max
                          WITH o ORDER BY o.metric, o.subgroup, o.windowEnd, o.id RETURN [x IN collect(o) | x {.*}] AS observations }
               RETURN d.id AS deploymentId, d.modelVersionId AS modelVersionId, declared, observations ORDER BY d.id`,
      params: { ids: deploymentIds, asOf, max: MAX_OBSERVATIONS },
    }),
  );
}
