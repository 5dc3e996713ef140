import type { Ctx } from "../../runtime/context.js";
import { badInput, notFound } from "../../runtime/errors.js";
import { decisionsAudited, decisionsDigest } from "../../runtime/domain/decision-digest.js";
import { mutate } from "../../runtime/mutation.js";
import { requireIds } from "../../runtime/nodes.js";
import * as v from "../../runtime/validate.js";

export { decisionRows, MAX_DECISIONS_PER_CALL, type DecisionIn, type DecisionRow } from "./decision-input.js";
import type { DecisionRow } from "./decision-input.js";

/**
 * Writes a batch of decisions with one UNWIND statement, idempotent by decision id: the
 * uniqueness constraint on Decision.id makes concurrent senders of the same ids store each
 * once. Decisions reference their model version and deployment by indexed id (no relationship
 * on a node with millions of edges), which keeps ingestion fast.
 */
export function recordDecisions(ctx: Ctx, rows: DecisionRow[]) {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)); // same lock order for every writer
  const batch = crypto.randomUUID(); // per call: a retry of this call still counts its decisions as accepted
  return mutate(ctx, "recordDecisions", { ids: sorted.map((r) => r.id) }, async (tx) => {
    // Per attempt: if the driver retries after a commit whose reply was lost, nothing is created
    // by the retry, so no second audit event is written for the same effect.
    const now = new Date().toISOString();
    const mvIds = [...new Set(rows.map((r) => r.modelVersionId))];
    const depIds = [...new Set(rows.map((r) => r.deploymentId).filter((d): d is string => !!d))];
    await requireIds(tx, "ModelVersion", mvIds);
    if (depIds.length) {
      const deps = await tx.run<{ id: string; mv: string }>({
        cypher: `UNWIND $ids AS id MATCH (d:Deployment {id: id}) RETURN d.id AS id, d.modelVersionId AS mv`,
        params: { ids: depIds },
      });
      const depMv = new Map(deps.map((d) => [d.id, d.mv]));
      const missing = depIds.find((id) => !depMv.has(id));
      if (missing) throw notFound("Deployment", missing);
      const wrong = rows.find((r) => r.deploymentId && depMv.get(r.deploymentId) !== r.modelVersionId);
      if (wrong) throw badInput(`decisions (id ${wrong.id}).deploymentId`, "that deployment does not deploy this model version");
    }
    // Tagged with the digest of the whole batch; when some ids already existed, the digest is
    // recomputed over the decisions this attempt created and they are tagged again.
    const allDigest = decisionsDigest(sorted);
    const res = await tx.one<{ accepted: number; created: string[] }>({
      cypher: `UNWIND $rows AS r
               MERGE (d:Decision {id: r.id})
               ON CREATE SET d += r, d.createdAt = $now, d.batch = $batch, d.auditDigest = $digest
               RETURN count(CASE WHEN d.batch = $batch THEN 1 END) AS accepted,
                      collect(CASE WHEN d.batch = $batch AND d.createdAt = $now THEN d.id END) AS created`,
      params: { rows: sorted, now, batch, digest: allDigest },
    });
    const accepted = res?.accepted ?? 0;
    const created = new Set(res?.created ?? []);
    let createdRows = sorted;
    if (created.size !== sorted.length) {
      createdRows = sorted.filter((r) => created.has(r.id));
      if (createdRows.length) {
        await tx.run({
          cypher: `UNWIND $ids AS id MATCH (d:Decision {id: id}) SET d.auditDigest = $digest`,
          params: { ids: createdRows.map((r) => r.id), digest: decisionsDigest(createdRows) },
        });
      }
    }
    return {
      result: { accepted, duplicates: rows.length - accepted },
      changed: created.size > 0,
      // The decisions themselves are named by the event's digest (decisionsAudited): up to 10,000 ids.
      subjects: [...mvIds, ...depIds],
      audited: decisionsAudited(createdRows),
    };
  });
}
