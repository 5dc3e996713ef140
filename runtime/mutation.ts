import { appendAudit } from "./audit.js";
import { canonicalJson, sha256Hex } from "./canonical.js";
import type { Ctx } from "./context.js";
import { write, type Tx } from "./db.js";
import { conflict } from "./errors.js";
import { refuseFrozenChanges } from "./graph/frozen.js";

/** What a mutation's work reports back: its result, whether it changed the graph, and the ids it touched. */
export interface Effect<T> {
  result: T;
  changed: boolean;
  /**
   * Every node id the write created, changed or linked to: its audit event names them all, and
   * the freeze rule (runtime/graph/frozen.ts) checks every approved subject covering them.
   */
  subjects: string[];
  /** What the audit event's digest covers, when only the write can tell (default: the call's variables). */
  audited?: unknown;
}

/**
 * Runs a mutation and its audit event in one write transaction: both commit or neither does.
 * A replay that changes nothing (idempotent re-registration) writes no audit event. A write that
 * changed what an approval in force covers is a CONFLICT and rolls back (runtime/graph/frozen.ts).
 */
export function mutate<T>(ctx: Ctx, operation: string, variables: unknown, work: (tx: Tx) => Promise<Effect<T>>): Promise<T> {
  return write({ op: operation, stats: ctx.stats }, async (tx) => {
    const effect = await work(tx);
    if (effect.changed) {
      await refuseFrozenChanges(tx, effect.subjects);
      await appendAudit(tx, {
        actor: ctx.caller.sub,
        clientId: ctx.caller.clientId,
        operation,
        variables: "audited" in effect ? effect.audited : variables,
        subjects: effect.subjects,
      });
    }
    return effect.result;
  });
}

/** A node property map as stored. */
export type Props = Record<string, unknown>;

/**
 * Creates a node with a deterministic id, or finds it: identical content returns the existing
 * node, different content is a CONFLICT. `label` comes from code, never from input. Every
 * lineage node also gets the label `Entity`, whose unique `id` index lets a walk look up any kind.
 * `meta` (e.g. registeredBy) is stored on creation but is not content: anyone re-registering
 * identical content gets the existing node. A uniqueness constraint on `id` makes this safe
 * under concurrent callers.
 */
export async function createOnce(tx: Tx, label: string, id: string, props: Props, now: string, meta: Props = {}): Promise<{ node: Props; created: boolean }> {
  const contentHash = sha256Hex(canonicalJson(props));
  const row = await tx.one<{ node: Props; created: boolean }>({
    cypher: `MERGE (n:${label} {id: $id})
             ON CREATE SET n:Entity, n += $props, n += $meta, n.contentHash = $contentHash, n.createdAt = $now, n._new = true
             WITH n, n._new IS NOT NULL AS created
             REMOVE n._new
             RETURN n {.*} AS node, created`,
    params: { id, props, meta, contentHash, now },
  });
  if (!row!.created && row!.node.contentHash !== contentHash) {
    throw conflict(`${label} ${id} is already registered with different content`);
  }
  return row!;
}
