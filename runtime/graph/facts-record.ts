import { canonicalJson, sha256Hex, stableId } from "../canonical.js";
import type { Tx } from "../db.js";
import { createOnce, type Props } from "../mutation.js";
import { requireIds } from "../nodes.js";
import { latestBySeq, type Label } from "./vocabulary.js";

/**
 * An append-only series of fact records about one node, such as a system's ComplianceProfile or
 * a deployment's DeploymentCompliance. Each record states every fact (absent = unknown), the
 * latest (highest `seq`, `latestBySeq`) is in force, and each record DESCRIBES its node.
 */
export interface FactsSeries {
  /** Label of the records, e.g. "ComplianceProfile". */
  label: Label;
  /** Property of a record holding the id of the node it describes, e.g. "systemId". */
  key: string;
  /** Label of the node described, e.g. "AISystem". */
  owner: Label;
  /** Prefix of the records' ids: `stableId(idPrefix, ownerId, seq)`. */
  idPrefix: string;
}

/**
 * Appends a record of `facts` about node `ownerId` inside the caller's write transaction (run it
 * in `mutate`, so the record and its audit event commit together). The node is write-locked first,
 * so concurrent recorders get consecutive seq numbers; the facts in force recorded again change
 * nothing. NOT_FOUND when the node does not exist. Returns the record in force afterwards.
 */
export async function appendFacts(tx: Tx, series: FactsSeries, ownerId: string, facts: Props, recordedBy: string): Promise<{ node: Props; changed: boolean; subjects: string[] }> {
  const { label, key, owner } = series;
  const factsHash = sha256Hex(canonicalJson(facts));
  await requireIds(tx, owner, [ownerId]);
  // SET + REMOVE takes the lock (held until commit) and leaves nothing on a node another subgraph may own.
  await tx.run({ cypher: `MATCH (o:${owner} {id: $id}) SET o._factsLock = true REMOVE o._factsLock`, params: { id: ownerId } });
  const latest = (await tx.one<{ p: Props | null }>({
    cypher: `${latestBySeq({ label, key, of: "$id", scope: [], as: "p" })} RETURN p {.*} AS p`,
    params: { id: ownerId },
  }))?.p;
  if (latest && latest.factsHash === factsHash) return { node: latest, changed: false, subjects: [] };
  const seq = ((latest?.seq as number | undefined) ?? 0) + 1;
  const id = stableId(series.idPrefix, ownerId, seq);
  const { node } = await createOnce(tx, label, id, { ...facts, [key]: ownerId, seq, factsHash }, new Date().toISOString(), { recordedBy });
  await tx.run({ cypher: `MATCH (p:${label} {id: $id}), (o:${owner} {id: $o}) MERGE (p)-[:DESCRIBES]->(o)`, params: { id, o: ownerId } });
  return { node, changed: true, subjects: [id, ownerId] };
}
