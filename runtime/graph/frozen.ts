import { canonicalJson, sha256Hex } from "../canonical.js";
import type { Tx } from "../db.js";
import { conflict } from "../errors.js";
import { latestBySeq } from "./vocabulary.js";

/**
 * "What an approval covers cannot change after the approval": the one rule every write path
 * goes through (runtime/mutation.ts for every GraphQL mutation and POST /ingest/decisions,
 * subgraphs/datasets/openlineage/store.ts for POST /api/v1/lineage[/batch]).
 *
 * What an approval covers (its subject's facts, `subjectFacts` below):
 * - a ModelVersion: its properties, its TrainingRun (properties, the dataset versions it USED with
 *   their roles and properties, its compute allocations, the OpenLineage Run RECORDED_AS it);
 * - a DatasetVersion: its properties, what it was DERIVED_FROM, its schemas, the runs that wrote
 *   it, its fields' column lineage;
 * - a Deployment: its properties but its end (endDeployment records the end of use, Art. 12(3)(a),
 *   which never changes what was approved), the model version it deploys, its site.
 * Decisions, metrics, reviews, releases, risk assessments, reference profiles, drift reports,
 * deployer facts and new deployments are separate records ABOUT a subject: they never change it.
 *
 * The rule: after a write's own statements, every subject ever APPROVED covering a node the write
 * touched must still have the digest its latest approval signed (Approval.subjectDigest);
 * otherwise the write is a CONFLICT and its transaction rolls back. So the rule needs no list of
 * forbidden operations: anything that changes what was approved fails, whatever path it took.
 * A later revocation ends the approval, not the record of what it covered: decisions taken while
 * it was in force are traced to those facts, so they stay frozen (a fix is a new version).
 */

/** Properties that are not what was approved: transient locks (`_…`) and a deployment's end. */
const NOT_COVERED: Record<string, string[]> = { Deployment: ["endedAt", "endedBy", "endRecordedAt"] };

/**
 * The facts of subject `s` (a CALL-free expression over `s`). Lists of related facts are sorted
 * in JS (`subjectFacts`), so pattern order does not matter.
 */
const FACTS = `{
  node: s {.*},
  trainingRuns: [(s)-[:TRAINED_BY]->(tr:TrainingRun) | {
    run: tr {.*},
    inputs: [(tr)-[u:USED]->(v:DatasetVersion) | {role: u.role, version: v {.*}}],
    compute: [(tr)-[:USED_COMPUTE]->(c:ComputeAllocation) | c.id],
    recordedAs: [(tr)-[:RECORDED_AS]->(r:Run) | r {.*}]
  }],
  derivedFrom: [(s)-[d:DERIVED_FROM]->(p:DatasetVersion) | {id: p.id, transformation: d.transformation}],
  schemas: [(s)-[:HAS_SCHEMA]->(x:DatasetSchema) | x.id],
  writtenBy: [(s)-[:WRITTEN_BY]->(r:Run) | r.id],
  fields: [(f:DatasetField)-[:FIELD_OF]->(s) WHERE (f)-[:FIELD_DERIVED_FROM]->() | {id: f.id, from: [(f)-[e:FIELD_DERIVED_FROM]->(g) | {id: g.id, transformation: e.transformation}]}],
  deploys: [(s)-[:DEPLOYS]->(mv:ModelVersion) | mv.id],
  sites: [(s)-[:AT_SITE]->(site:Site) | site {.*}]
}`;

/** The approvable subjects (ids) whose approval covers node `n`. */
const COVERING = `
  CASE WHEN n:ModelVersion OR n:DatasetVersion OR n:Deployment THEN [n.id] ELSE [] END
  + CASE WHEN n:TrainingRun THEN [n.modelVersionId] ELSE [] END
  + [(tr:TrainingRun)-[:RECORDED_AS]->(n) | tr.modelVersionId]
  + [(tr:TrainingRun)-[:USED]->(n) | tr.modelVersionId]`;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const sortList = (list: Json[]): Json[] => [...list].sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1));
const strip = (props: Record<string, Json>, drop: string[] = []): Record<string, Json> =>
  Object.fromEntries(Object.entries(props).filter(([k, v]) => !k.startsWith("_") && !drop.includes(k) && v !== null));

/** The canonical facts of one subject as the digest covers them. */
export function subjectFacts(label: string, raw: Record<string, any>): Record<string, Json> {
  return {
    subjectId: raw.node.id,
    label,
    node: strip(raw.node, NOT_COVERED[label]),
    trainingRuns: sortList(raw.trainingRuns.map((t: any) => ({
      run: strip(t.run),
      inputs: sortList(t.inputs.map((i: any) => ({ role: i.role, version: strip(i.version) }))),
      compute: sortList(t.compute),
      recordedAs: sortList(t.recordedAs.map((r: any) => strip(r))),
    }))),
    derivedFrom: sortList(raw.derivedFrom),
    schemas: sortList(raw.schemas),
    writtenBy: sortList(raw.writtenBy),
    fields: sortList(raw.fields.map((f: any) => ({ id: f.id, from: sortList(f.from) }))),
    deploys: sortList(raw.deploys),
    sites: sortList(raw.sites.map((x: any) => strip(x))),
  };
}

/** `sha256:<hex>` of the canonical JSON (RFC 8785) of a subject's facts. */
export const subjectDigest = (facts: Record<string, Json>): string => `sha256:${sha256Hex(canonicalJson(facts))}`;

/**
 * Reads a subject's facts for an approval being decided. `lock` write-locks what it covers (its
 * training run, the run's inputs and recorded run) first, so a concurrent write of those either
 * commits before the digest is taken or waits and then meets the approval.
 */
export async function readSubjectFacts(tx: Tx, label: string, id: string, lock = false): Promise<Record<string, Json> | null> {
  if (lock) {
    await tx.run({
      cypher: `MATCH (s:${label} {id: $id})
               OPTIONAL MATCH (s)-[:TRAINED_BY]->(tr:TrainingRun)
               OPTIONAL MATCH (tr)-[:USED|RECORDED_AS]->(x)
               WITH collect(DISTINCT tr) + collect(DISTINCT x) AS covered
               FOREACH (c IN covered | SET c._frozenLock = true REMOVE c._frozenLock)`,
      params: { id },
    });
  }
  const row = await tx.one<{ raw: Record<string, any> }>({ cypher: `MATCH (s:${label} {id: $id}) RETURN ${FACTS} AS raw`, params: { id } });
  return row ? subjectFacts(label, row.raw) : null;
}

/** An approved subject a write changed. */
export interface FrozenViolation {
  /** The id the write touched. */
  touched: string;
  subjectId: string;
  label: string;
  approvalId: string;
}

/**
 * The approved subjects covering `ids` (any node ids a write touched) whose facts no longer have
 * the digest their latest APPROVED decision signed. One statement; approvals without a digest
 * (decided before digests were signed) cannot be compared and are not reported.
 */
export async function frozenViolations(tx: Tx, ids: string[]): Promise<FrozenViolation[]> {
  if (ids.length === 0) return [];
  const rows = await tx.run<{ touched: string; label: string; approvalId: string; recorded: string; raw: Record<string, any> }>({
    cypher: `UNWIND $ids AS touched
             MATCH (n:Entity {id: touched})
             UNWIND ${COVERING} AS sid
             WITH DISTINCT sid, touched
             ${latestBySeq({ label: "Approval", key: "subjectId", of: "sid", where: "a.decision = 'APPROVED'", scope: ["sid"], as: "a" })}
             WITH sid, touched, a WHERE a.subjectDigest IS NOT NULL
             MATCH (s:Entity {id: sid})
             WITH s, touched, a, [l IN labels(s) WHERE l IN ['ModelVersion', 'DatasetVersion', 'Deployment']][0] AS label
             RETURN touched, label, a.id AS approvalId, a.subjectDigest AS recorded, ${FACTS} AS raw`,
    params: { ids: [...new Set(ids)] },
  });
  return rows
    .filter((r) => subjectDigest(subjectFacts(r.label, r.raw)) !== r.recorded)
    .map((r) => ({ touched: r.touched, subjectId: r.raw.node.id as string, label: r.label, approvalId: r.approvalId }));
}

/** The sentence a refused write answers with. */
export const frozenMessage = (v: FrozenViolation): string =>
  `${v.label} ${v.subjectId} is APPROVED (approval ${v.approvalId}): what an approval covers cannot change after the approval; record a new version and have it approved`;

/** Throws CONFLICT when the write changed what an approval in force covers (see above). */
export async function refuseFrozenChanges(tx: Tx, ids: string[]): Promise<void> {
  const [first] = await frozenViolations(tx, ids);
  if (first) throw conflict(frozenMessage(first), { subjectId: first.subjectId, approvalId: first.approvalId, reason: "APPROVED_SUBJECT" });
}
