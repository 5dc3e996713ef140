import { canonicalJson, sha256Hex, stableId } from "../../../runtime/canonical.js";
import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { badInput } from "../../../runtime/errors.js";
import { createOnce, mutate, type Props } from "../../../runtime/mutation.js";
import { requireIds } from "../../../runtime/nodes.js";
import { toEvidence } from "./mappers.js";
import type { ComplianceEvidence } from "./types.js";

/** An evidence record as the rules read it (ComplianceEvidence's fields). */
export type EvidenceRecord = ComplianceEvidence;

/** Most evidence records the rules read for one system (the latest ones). */
export const MAX_EVIDENCE = 5000;

/**
 * The latest `limit` evidence records of a system as the graph stood at `asOf` (null: now),
 * oldest first. Records are append-only: a record made after asOf did not exist then.
 */
export async function evidenceOf(ctx: Pick<Ctx, "stats">, systemId: string, asOf: string | null, limit = MAX_EVIDENCE): Promise<EvidenceRecord[]> {
  const rows = await read({ op: "evidenceOf", stats: ctx.stats }, (tx) =>
    tx.run<{ e: Props }>({
      cypher: `MATCH (e:ComplianceEvidence {systemId: $id}) WHERE $asOf IS NULL OR e.createdAt <= $asOf
               RETURN e {.*} AS e ORDER BY e.createdAt DESC, e.id DESC LIMIT $limit`,
      params: { id: systemId, asOf, limit },
    }),
  );
  return rows.map((r) => toEvidence(r.e)).reverse();
}

/**
 * Records one evidence record for a system (and its deployment), with its audit event in one
 * transaction. The id derives from the content, so recording the same record again changes
 * nothing; `performedAt` may not lie in the future.
 */
export function recordEvidence(ctx: Ctx, operation: string, systemId: string, facts: Record<string, string | null>) {
  if (Date.parse(facts.performedAt as string) > Date.now() + 60_000) throw badInput("performedAt", "lies in the future: evidence records what was done");
  const id = stableId("evid", systemId, sha256Hex(canonicalJson(facts)).slice(0, 24));
  return mutate(ctx, operation, { systemId, input: facts }, async (tx) => {
    await requireIds(tx, "AISystem", [systemId]);
    if (facts.deploymentId) {
      await requireIds(tx, "Deployment", [facts.deploymentId]);
      const ok = await tx.one<{ n: number }>({
        cypher: `MATCH (d:Deployment {id: $d})-[:DEPLOYS]->(:ModelVersion)-[:VERSION_OF]->(:Model {systemId: $s}) RETURN count(*) AS n`,
        params: { d: facts.deploymentId, s: systemId },
      });
      if (!ok?.n) throw badInput("input.deploymentId", `deployment ${facts.deploymentId} does not deploy a model of system ${systemId}`);
    }
    const { node, created } = await createOnce(tx, "ComplianceEvidence", id, { ...facts, systemId }, new Date().toISOString(), { recordedBy: ctx.caller.sub });
    if (created) await tx.run({ cypher: `MATCH (e:ComplianceEvidence {id: $id}), (s:AISystem {id: $s}) MERGE (e)-[:DESCRIBES]->(s)`, params: { id, s: systemId } });
    return { result: toEvidence(node), changed: created, subjects: [id, systemId] };
  });
}
