import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { DECISION_DIGEST_MIGRATION, decisionsDigest, type DecisionContent } from "../../../runtime/domain/decision-digest.js";
import type { StoredAuditEvent } from "../../../runtime/audit.js";

/**
 * A checker of `recordDecisions` events against the decisions they created: the event's digest
 * must equal the digest recomputed from the stored decisions that carry it, so an output edited
 * (or a decision deleted) in Neo4j after the fact breaks the chain at that event. Events written
 * before migration 0060 covered only ids and are not recomputed.
 */
export async function decisionContentChecker(ctx: Ctx): Promise<(events: StoredAuditEvent[]) => Promise<number | null>> {
  const [row] = await read({ op: "auditIntegrity", stats: ctx.stats }, (tx) =>
    tx.run<{ since: string | null }>({ cypher: `OPTIONAL MATCH (m:Migration {id: $id}) RETURN m.appliedAt AS since`, params: { id: DECISION_DIGEST_MIGRATION } }),
  );
  const since = row?.since ?? null;
  return async (events) => {
    const covered = events.filter((e) => e.operation === "recordDecisions" && since !== null && e.at >= since);
    if (covered.length === 0) return null;
    const rows = await read({ op: "auditIntegrity", stats: ctx.stats }, (tx) =>
      tx.run<{ digest: string; decisions: (DecisionContent & { id: string })[] }>({
        cypher: `UNWIND $digests AS digest
                 OPTIONAL MATCH (d:Decision {auditDigest: digest})
                 RETURN digest, collect(d {.id, .modelVersionId, .deploymentId, .occurredAt, .inputDigest, .outputJson, .confidence, .explanation}) AS decisions`,
        params: { digests: [...new Set(covered.map((e) => e.variablesDigest))] },
      }),
    );
    const recomputed = new Map(rows.map((r) => [r.digest, r.decisions.length ? decisionsDigest(r.decisions) : null]));
    const broken = covered.find((e) => recomputed.get(e.variablesDigest) !== e.variablesDigest);
    return broken ? broken.seq : null;
  };
}
