import { eventHash, GENESIS_HASH, type StoredAuditEvent } from "../../../runtime/audit.js";
import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { conflict } from "../../../runtime/errors.js";
import { decisionContentChecker } from "./decision-content.js";
import type { AuditEvent, AuditIntegrity } from "./types.js";

/** Events recomputed per statement by the integrity check. */
const PAGE = 5000;

export interface EventFilter {
  actor?: string | null;
  subject?: string | null;
  /** Inclusive lower bound of `at` (normalised UTC ISO). */
  from?: string | null;
  /** Exclusive upper bound of `at`. */
  to?: string | null;
  afterSeq: number;
  first: number;
}

/**
 * Audit events in sequence order, filtered; one statement. Only the filters given go into the
 * text (fixed fragments, values always as params), so the planner can use the actor or time index
 * instead of walking the whole log in seq order.
 */
export function listEvents(ctx: Ctx, f: EventFilter): Promise<AuditEvent[]> {
  const where = ["e.seq > $afterSeq"];
  if (f.actor != null) where.push("e.actor = $actor");
  if (f.subject != null) where.push("$subject IN e.subjects");
  if (f.from != null) where.push("e.at >= $from");
  if (f.to != null) where.push("e.at < $to");
  return read({ op: "auditEvents", stats: ctx.stats }, async (tx) =>
    (
      await tx.run<{ e: AuditEvent }>({
        cypher: `MATCH (e:AuditEvent) WHERE ${where.join(" AND ")} RETURN e {.*} AS e ORDER BY e.seq LIMIT $first`,
        params: { actor: f.actor ?? null, subject: f.subject ?? null, from: f.from ?? null, to: f.to ?? null, afterSeq: f.afterSeq, first: f.first },
      })
    ).map((r) => ({ ...r.e, clientId: r.e.clientId ?? null })),
  );
}

/** The head of the chain as recorded by the last append (seq 0 and the genesis hash when empty). */
export async function head(ctx: Ctx): Promise<{ seq: number; hash: string }> {
  const rows = await read({ op: "auditHead", stats: ctx.stats }, (tx) =>
    tx.run<{ seq: number; hash: string }>({
      cypher: `OPTIONAL MATCH (h:AuditHead {id: 'audit'}) RETURN coalesce(h.seq, 0) AS seq, coalesce(h.hash, $g) AS hash`,
      params: { g: GENESIS_HASH },
    }),
  );
  return rows[0];
}

/**
 * The head, checked against the event it names, for signing: a checkpoint must never bless a
 * head that its own log does not end with (CONFLICT then; auditIntegrity says where it broke).
 */
export async function consistentHead(ctx: Ctx): Promise<{ seq: number; hash: string }> {
  const [row] = await read({ op: "auditCheckpoint", stats: ctx.stats }, (tx) =>
    tx.run<{ seq: number; hash: string; eventHash: string | null }>({
      cypher: `OPTIONAL MATCH (h:AuditHead {id: 'audit'})
               WITH coalesce(h.seq, 0) AS seq, coalesce(h.hash, $g) AS hash
               OPTIONAL MATCH (e:AuditEvent {seq: seq})
               RETURN seq, hash, e.hash AS eventHash`,
      params: { g: GENESIS_HASH },
    }),
  );
  const ok = row.seq === 0 ? row.hash === GENESIS_HASH : row.eventHash === row.hash;
  if (!ok) throw conflict(`the audit head does not match event ${row.seq}: the log was altered; run auditIntegrity`);
  return { seq: row.seq, hash: row.hash };
}

/** The first event above `seq` and the head as read after it (so a concurrent append never looks like an intruder). */
async function beyond(ctx: Ctx, seq: number): Promise<{ first: number | null; headSeq: number }> {
  const [row] = await read({ op: "auditIntegrity", stats: ctx.stats }, (tx) =>
    tx.run<{ first: number | null; headSeq: number }>({
      cypher: `OPTIONAL MATCH (e:AuditEvent) WHERE e.seq > $seq
               WITH min(e.seq) AS first
               OPTIONAL MATCH (h:AuditHead {id: 'audit'})
               RETURN first, coalesce(h.seq, 0) AS headSeq`,
      params: { seq },
    }),
  );
  return row;
}

/**
 * Recomputes the chain page by page up to the head read at the start: every event 1..head must
 * exist, link to its predecessor's hash and hash to what it stores, and the last must be the
 * head. Events appended meanwhile are left for the next check; an event above the head that
 * the head does not cover (planted, or the head rolled back) breaks the chain at head + 1.
 * With a checkpoint, also says whether event `checkpoint.length` still has its hash.
 */
export async function verifyChain(ctx: Ctx, checkpoint?: { length: number; headHash: string }): Promise<AuditIntegrity> {
  const h = await head(ctx);
  let prev = GENESIS_HASH;
  let expected = 1;
  let broken: number | null = null;
  let checkpointHash: string | null = checkpoint?.length === 0 ? GENESIS_HASH : null;
  const decisionsIntact = await decisionContentChecker(ctx);
  while (broken === null && expected <= h.seq) {
    const page = await read({ op: "auditIntegrity", stats: ctx.stats }, (tx) =>
      tx.run<{ e: StoredAuditEvent }>({
        cypher: `MATCH (e:AuditEvent) WHERE $from <= e.seq <= $to RETURN e {.*} AS e ORDER BY e.seq LIMIT $page`,
        params: { from: expected, to: h.seq, page: PAGE },
      }),
    );
    if (page.length === 0) broken = expected; // the rest of the chain is gone
    for (const { e } of page) {
      if (e.seq !== expected || e.prevHash !== prev || eventHash(e) !== e.hash) {
        broken = expected; // missing (a gap), relinked, or edited
        break;
      }
      if (checkpoint && e.seq === checkpoint.length) checkpointHash = e.hash;
      prev = e.hash;
      expected++;
    }
    // The events are intact; the decisions they recorded must be too (the first broken one wins).
    const edited = await decisionsIntact(page.map((p) => p.e).filter((e) => broken === null || e.seq < broken));
    if (edited !== null && (broken === null || edited < broken)) broken = edited;
  }
  if (broken === null && prev !== h.hash) broken = Math.max(h.seq, 1); // the head itself was edited
  if (broken === null) {
    let extra = await beyond(ctx, h.seq);
    // Read again before accusing: a reader may catch an append half-visible.
    if (extra.first !== null && extra.first > extra.headSeq) extra = await beyond(ctx, h.seq);
    if (extra.first !== null && extra.first > extra.headSeq) broken = extra.headSeq + 1;
  }
  return {
    verified: broken === null,
    length: h.seq,
    headHash: h.hash,
    firstBrokenSeq: broken,
    extendsCheckpoint: checkpoint ? broken === null && checkpointHash === checkpoint.headHash : null,
  };
}

/**
 * The head to sign, after the whole chain up to it has been recomputed: a checkpoint never
 * blesses a broken log. CONFLICT naming the first broken event otherwise (the same number
 * auditIntegrity reports as firstBrokenSeq).
 */
export async function verifiedHead(ctx: Ctx): Promise<{ seq: number; hash: string }> {
  const chain = await verifyChain(ctx);
  if (!chain.verified) {
    throw conflict(`the audit chain is broken at event ${chain.firstBrokenSeq}: refusing to sign a checkpoint; run auditIntegrity`, { firstBrokenSeq: chain.firstBrokenSeq });
  }
  return { seq: chain.length, hash: chain.headHash };
}
