import { canonicalJson, sha256Hex } from "./canonical.js";
import type { Tx } from "./db.js";

/** Hash of the empty chain: the `prevHash` of event 1. */
export const GENESIS_HASH = "0".repeat(64);

/** Most subject ids one event keeps (a batch may touch more; the digest still covers them all). */
export const MAX_AUDIT_SUBJECTS = 1000;

/** The fields of an audit event that its hash covers. */
export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  clientId: string | null;
  operation: string;
  variablesDigest: string;
  subjects: string[];
  prevHash: string;
}

/** An event as stored or served: its record plus its own hash. */
export type StoredAuditEvent = AuditRecord & { hash: string };

/** The hash of one event: sha256 over the canonical JSON of its record. */
export const auditHash = (r: AuditRecord): string => sha256Hex(canonicalJson(r));

/**
 * Recomputes the hash of an event as read back (from Neo4j or the API). Picks exactly the
 * hashed fields, so extra fields in a query do not change it, and a clientId Neo4j dropped
 * (null is never stored) hashes as null, as it did when appended.
 */
export const eventHash = (e: Omit<AuditRecord, "clientId"> & { clientId?: string | null }): string =>
  auditHash({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    clientId: e.clientId ?? null,
    operation: e.operation,
    variablesDigest: e.variablesDigest,
    subjects: e.subjects,
    prevHash: e.prevHash,
  });

/** `sha256:<hex>` of the canonical JSON of a mutation's variables, as recorded in its event. */
export const variablesDigest = (variables: unknown): string => `sha256:${sha256Hex(canonicalJson(variables ?? null))}`;

export interface AuditInput {
  actor: string;
  clientId?: string;
  operation: string;
  variables: unknown;
  subjects: string[];
}

/**
 * Appends one event to the hash chain inside the caller's transaction. The head node is
 * write-locked before it is read, so concurrent writers queue behind it and the chain never
 * forks (the unique constraint on AuditEvent.seq is the second line). Call it last in the
 * transaction: the lock is then held only until commit, and every writer takes its other locks
 * first, so the head never takes part in a deadlock.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<AuditRecord> {
  const head = await tx.one<{ seq: number; hash: string }>({
    cypher: `MERGE (h:AuditHead {id: 'audit'})
             ON CREATE SET h.seq = 0, h.hash = $genesis
             SET h._lock = true REMOVE h._lock
             WITH h
             RETURN h.seq AS seq, h.hash AS hash`,
    params: { genesis: GENESIS_HASH },
  });
  const record: AuditRecord = {
    seq: head!.seq + 1,
    // Taken under the lock, so time order follows sequence order (on one clock).
    at: new Date().toISOString(),
    actor: input.actor,
    clientId: input.clientId ?? null,
    operation: input.operation,
    variablesDigest: variablesDigest(input.variables),
    subjects: [...new Set(input.subjects)].slice(0, MAX_AUDIT_SUBJECTS),
    prevHash: head!.hash,
  };
  const hash = auditHash(record);
  await tx.run({
    cypher: `MATCH (h:AuditHead {id: 'audit'})
             CREATE (e:AuditEvent) SET e = $record, e.hash = $hash
             SET h.seq = $record.seq, h.hash = $hash`,
    params: { record, hash },
  });
  return record;
}
