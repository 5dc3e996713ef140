import { canonicalJson, sha256Hex } from "./canonical.js";
import type { Tx } from "./db.js";

/** Hash of the empty chain: the `prevHash` of event 1. */
export const GENESIS_HASH = "0".repeat(64);

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

/** The hash of one event: sha256 over the canonical JSON of its record. */
export const auditHash = (r: AuditRecord): string => sha256Hex(canonicalJson(r));

export interface AuditInput {
  actor: string;
  clientId?: string;
  operation: string;
  variables: unknown;
  subjects: string[];
}

/**
 * Appends one event to the hash chain inside the caller's transaction. The head node is
 * write-locked first, so concurrent writers queue behind it and the chain never forks.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<AuditRecord> {
  const head = await tx.one<{ seq: number; hash: string }>({
    cypher: `MERGE (h:AuditHead {id: 'audit'})
             ON CREATE SET h.seq = 0, h.hash = $genesis
             SET h._lock = true
             WITH h
             RETURN h.seq AS seq, h.hash AS hash`,
    params: { genesis: GENESIS_HASH },
  });
  const record: AuditRecord = {
    seq: head!.seq + 1,
    at: new Date().toISOString(),
    actor: input.actor,
    clientId: input.clientId ?? null,
    operation: input.operation,
    variablesDigest: `sha256:${sha256Hex(canonicalJson(input.variables ?? null))}`,
    subjects: [...new Set(input.subjects)].slice(0, 1000),
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
