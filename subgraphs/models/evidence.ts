import { stableId } from "../../runtime/canonical.js";
import type { Ctx } from "../../runtime/context.js";
import { createOnce, mutate } from "../../runtime/mutation.js";
import { decodeCursor } from "../../runtime/cursor.js";
import { pageSize, related, requireIds } from "../../runtime/nodes.js";
import { toDecision, toMetric, toReview } from "./mappers.js";
import type { Decision, Metric } from "./types.js";

/** Evaluation metrics, human reviews and decision listings: the evidence side of a model version. */

export interface MetricRow {
  name: string;
  value: number;
  threshold: number | null;
  lowerIsBetter: boolean;
  datasetVersionId: string | null;
  subgroup: string | null;
}

/** Records evaluation metrics of a model version; each (name, dataset, subgroup) once. */
export function recordMetrics(ctx: Ctx, modelVersionId: string, metrics: MetricRow[]) {
  return mutate(ctx, "recordMetrics", { modelVersionId, metrics }, async (tx) => {
    await requireIds(tx, "ModelVersion", [modelVersionId]);
    await requireIds(tx, "DatasetVersion", metrics.flatMap((m) => (m.datasetVersionId ? [m.datasetVersionId] : [])));
    const now = new Date().toISOString();
    const out: Metric[] = [];
    let changed = false;
    for (const m of metrics) {
      const id = stableId("metric", modelVersionId, m.name, m.datasetVersionId, m.subgroup);
      const passed = m.threshold === null ? null : m.lowerIsBetter ? m.value <= m.threshold : m.value >= m.threshold;
      const { node, created } = await createOnce(tx, "Metric", id, { ...m, passed, modelVersionId }, now, { recordedBy: ctx.caller.sub });
      if (created) {
        changed = true;
        await tx.run({
          cypher: `MATCH (m:Metric {id: $id}), (v:ModelVersion {id: $mv}) CREATE (m)-[:MEASURES]->(v)
                   WITH m OPTIONAL MATCH (d:DatasetVersion {id: $ds}) FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | CREATE (m)-[:MEASURED_ON]->(d))`,
          params: { id, mv: modelVersionId, ds: m.datasetVersionId },
        });
      }
      out.push(toMetric(node));
    }
    return { result: out, changed, subjects: [modelVersionId, ...out.map((m) => m.id), ...metrics.flatMap((m) => (m.datasetVersionId ? [m.datasetVersionId] : []))] };
  });
}

export const metricsOf = async (ctx: Ctx, modelVersionId: string) =>
  ((await related(ctx, "metricsOf", `MATCH (m:Metric) WHERE m.modelVersionId IN $ids RETURN m.modelVersionId AS key, m {.*} AS n ORDER BY m.name, m.subgroup`).load(modelVersionId)) ?? []).map(toMetric);

/** Records a person's review of a decision (Art. 14); several reviews may follow one another. */
export function recordReview(ctx: Ctx, input: { decisionId: string; outcome: string; note: string; overrideOutput: unknown }) {
  const at = new Date().toISOString();
  const id = stableId("review", input.decisionId, ctx.caller.sub, input.outcome, input.note);
  return mutate(ctx, "recordDecisionReview", input, async (tx) => {
    await requireIds(tx, "Decision", [input.decisionId]);
    const props = { decisionId: input.decisionId, outcome: input.outcome, note: input.note, reviewer: ctx.caller.sub, overrideJson: input.overrideOutput == null ? null : JSON.stringify(input.overrideOutput) };
    const { node, created } = await createOnce(tx, "DecisionReview", id, props, at);
    if (created) await tx.run({ cypher: `MATCH (r:DecisionReview {id: $id}), (d:Decision {id: $d}) CREATE (r)-[:REVIEWS]->(d)`, params: { id, d: input.decisionId } });
    return { result: toReview(node), changed: created, subjects: [id, input.decisionId] };
  });
}

export const reviewsOf = async (ctx: Ctx, decisionId: string) =>
  ((await related(ctx, "reviewsOf", `MATCH (r:DecisionReview) WHERE r.decisionId IN $ids RETURN r.decisionId AS key, r {.*} AS n ORDER BY r.createdAt`).load(decisionId)) ?? []).map(toReview);

/** A page of a model version's decisions, newest first (cursor: the last decision's `cursor`). */
export const decisionsOf = async (ctx: Ctx, modelVersionId: string, first?: number | null, after?: string | null): Promise<Decision[]> => {
  const rows = await related(
    ctx,
    "decisionsOf",
    `UNWIND $ids AS mv
     CALL (mv) {
       MATCH (d:Decision) WHERE d.modelVersionId = mv AND d.occurredAt IS NOT NULL
         AND ($after IS NULL OR d.occurredAt < $after[0] OR (d.occurredAt = $after[0] AND d.id < $after[1]))
       RETURN d ORDER BY d.occurredAt DESC, d.id DESC LIMIT $first
     }
     RETURN mv AS key, d {.*} AS n`,
    { first: pageSize(first), after: decodeCursor(after, 2) },
  ).load(modelVersionId);
  return (rows ?? []).map(toDecision);
};
