import { auditHash, GENESIS_HASH, type AuditRecord } from "../../runtime/audit.js";
import type { Ctx } from "../../runtime/context.js";
import { read } from "../../runtime/db.js";
import type { AuditEvent, AuditIntegrity } from "./audit-types.js";

const PAGE = 5000;

export interface EventFilter {
  actor?: string | null;
  subject?: string | null;
  from?: string | null;
  to?: string | null;
  afterSeq: number;
  first: number;
}

/** Audit events in sequence order, filtered; one statement. */
export function listEvents(ctx: Ctx, f: EventFilter): Promise<AuditEvent[]> {
  return read({ op: "auditEvents", stats: ctx.stats }, async (tx) =>
    (
      await tx.run<{ e: AuditEvent }>({
        cypher: `MATCH (e:AuditEvent) WHERE e.seq > $afterSeq
                   AND ($actor IS NULL OR e.actor = $actor)
                   AND ($subject IS NULL OR $subject IN e.subjects)
                   AND ($from IS NULL OR e.at >= $from) AND ($to IS NULL OR e.at < $to)
                 RETURN e {.*} AS e ORDER BY e.seq LIMIT $first`,
        params: { actor: f.actor ?? null, subject: f.subject ?? null, from: f.from ?? null, to: f.to ?? null, afterSeq: f.afterSeq, first: f.first },
      })
    ).map((r) => r.e),
  );
}

/** The head of the chain as recorded by the last append. */
export async function head(ctx: Ctx): Promise<{ seq: number; hash: string }> {
  const rows = await read({ op: "auditHead", stats: ctx.stats }, (tx) =>
    tx.run<{ seq: number; hash: string }>({ cypher: `OPTIONAL MATCH (h:AuditHead {id: 'audit'}) RETURN coalesce(h.seq, 0) AS seq, coalesce(h.hash, $g) AS hash`, params: { g: GENESIS_HASH } }),
  );
  return rows[0];
}

/**
 * Recomputes the whole chain page by page: every event 1..head must exist, link to its
 * predecessor's hash, and hash to what it stores; the last must match the head, and nothing
 * may sit beyond the head. Optionally checks that event `checkpoint.length` still has the
 * checkpoint's hash (the log extends the checkpoint).
 */
export async function verifyChain(ctx: Ctx, checkpoint?: { length: number; headHash: string }): Promise<AuditIntegrity> {
  const h = await head(ctx);
  let prev = GENESIS_HASH;
  let expected = 1;
  let broken: number | null = null;
  let checkpointHash: string | null = checkpoint?.length === 0 ? GENESIS_HASH : null;
  while (broken === null) {
    const page = await read({ op: "auditIntegrity", stats: ctx.stats }, (tx) =>
      tx.run<{ e: AuditRecord & { hash: string } }>({
        cypher: `MATCH (e:AuditEvent) WHERE e.seq >= $from RETURN e {.*} AS e ORDER BY e.seq LIMIT $page`,
        params: { from: expected, page: PAGE },
      }),
    );
    for (const { e } of page) {
      const { hash, ...record } = e;
      const recomputed = auditHash({
        seq: record.seq, at: record.at, actor: record.actor, clientId: record.clientId ?? null, operation: record.operation,
        variablesDigest: record.variablesDigest, subjects: record.subjects, prevHash: record.prevHash,
      });
      if (e.seq !== expected || e.prevHash !== prev || recomputed !== hash || e.seq > h.seq) {
        broken = Math.min(expected, e.seq);
        break;
      }
      if (checkpoint && e.seq === checkpoint.length) checkpointHash = hash;
      prev = hash;
      expected++;
    }
    if (page.length < PAGE) break;
  }
  if (broken === null && (expected - 1 !== h.seq || prev !== h.hash)) broken = expected <= h.seq ? expected : h.seq || 1;
  return {
    verified: broken === null,
    length: h.seq,
    headHash: h.hash,
    firstBrokenSeq: broken,
    extendsCheckpoint: checkpoint ? broken === null && checkpointHash === checkpoint.headHash : null,
  };
}
