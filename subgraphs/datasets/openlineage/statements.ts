/**
 * The Cypher of OpenLineage ingestion: one UNWIND statement per kind of row, so a batch of any
 * size costs the same number of statements. Labels and relationship types are fixed here.
 */

/** Model versions named by aiLineage facets, by id or by artifact digest. */
export const RESOLVE_MODEL_VERSIONS = `
  UNWIND $refs AS ref
  CALL (ref) {
    OPTIONAL MATCH (a:ModelVersion {id: ref.modelVersionId})
    OPTIONAL MATCH (b:ModelVersion {artifactDigest: ref.artifactDigest})
    RETURN coalesce(a.id, b.id) AS id
  }
  RETURN ref.key AS key, id`;

/** Raw events, append-only; returns the ids that were new. */
export const MERGE_EVENTS = `
  UNWIND $events AS x
  MERGE (e:OpenLineageEvent {id: x.id})
  ON CREATE SET e += x, e.receivedAt = $now, e.receivedBy = $sub, e._new = true
  WITH e, e._new IS NOT NULL AS created
  REMOVE e._new
  WITH e, created WHERE created
  RETURN e.id AS id`;

/**
 * Facts are written only where they change: a job or dataset named by every event of a busy
 * pipeline is then only read, and concurrent batches do not queue on its write lock.
 */
const CHANGED = (n: string) => `any(k IN keys(x.facts) WHERE ${n}[k] IS NULL OR ${n}[k] <> x.facts[k])`;

export const MERGE_JOBS = `
  UNWIND $jobs AS x
  MERGE (j:Job {id: x.id})
  ON CREATE SET j:Entity, j.namespace = x.namespace, j.name = x.name, j.nodeKey = x.nodeKey, j.createdAt = $now, j.registeredBy = $sub, j += x.facts
  WITH j, x WHERE ${CHANGED("j")}
  SET j += x.facts`;

/**
 * An edge whose first end this transaction created (`fresh`: by default the row's `x.fresh`, one
 * row per edge) is CREATEd: a new node has no edges yet. Any other is MERGEd. A MERGE of an edge
 * that does not exist takes an exclusive lock on both ends until commit, so CREATE keeps
 * concurrent batches from queueing on the jobs, tables and schemas they all name.
 */
const EDGE = (pattern: string, { onCreate = "", when = "true", fresh = "x.fresh" } = {}) =>
  `FOREACH (_ IN CASE WHEN ${when} AND ${fresh} THEN [1] ELSE [] END | CREATE ${pattern}${onCreate ? ` SET ${onCreate}` : ""})
  FOREACH (_ IN CASE WHEN ${when} AND NOT ${fresh} THEN [1] ELSE [] END | MERGE ${pattern}${onCreate ? ` ON CREATE SET ${onCreate}` : ""})`;

/**
 * One row per run (store.ts folds a batch's events of one run, in batch order). A run's state
 * follows its latest event by eventTime, whatever order the events arrive in. Returns each run
 * with whether this statement created it (its RUN_OF edge then CREATEd, see EDGE). The marker
 * `_new` is removed from every run: each is written here anyway, so that takes no extra lock.
 */
export const MERGE_RUNS = `
  UNWIND $runs AS x
  MATCH (j:Job {id: x.jobId})
  MERGE (r:Run {id: x.id})
  ON CREATE SET r:Entity, r.runId = x.id, r.createdAt = $now, r.registeredBy = $sub, r._new = true
  WITH r, j, x, r._new IS NOT NULL AS created, (x.state IS NOT NULL AND (r.stateAt IS NULL OR x.stateAt >= r.stateAt)) AS newer
  SET r.name = x.name, r.jobId = x.jobId, r += x.facts,
      r.state = CASE WHEN newer THEN x.state ELSE r.state END,
      r.stateAt = CASE WHEN newer THEN x.stateAt ELSE r.stateAt END,
      r.startedAt = CASE WHEN x.startedAt IS NOT NULL AND (r.startedAt IS NULL OR x.startedAt < r.startedAt) THEN x.startedAt ELSE r.startedAt END,
      r.endedAt = coalesce(x.endedAt, r.endedAt),
      r.firstEventAt = CASE WHEN r.firstEventAt IS NULL OR x.firstEventAt < r.firstEventAt THEN x.firstEventAt ELSE r.firstEventAt END,
      r.nominalStartTime = coalesce(x.props.nominalStartTime, r.nominalStartTime),
      r.nominalEndTime = coalesce(x.props.nominalEndTime, r.nominalEndTime),
      r.errorMessage = coalesce(x.props.errorMessage, r.errorMessage),
      r.parentRunId = coalesce(x.props.parentRunId, r.parentRunId)
  REMOVE r._new
  ${EDGE("(r)-[:RUN_OF]->(j)", { fresh: "created" })}
  RETURN r.id AS id, created`;

/** A run's parent (one row per run and parent): the parent run and its job exist from then on. */
export const MERGE_PARENTS = `
  UNWIND $parents AS x
  MATCH (r:Run {id: x.runId})
  MERGE (pj:Job {id: x.jobId})
  ON CREATE SET pj:Entity, pj.namespace = x.namespace, pj.name = x.name, pj.nodeKey = x.nodeKey, pj.createdAt = $now, pj.registeredBy = $sub
  MERGE (p:Run {id: x.id})
  ON CREATE SET p:Entity, p.runId = x.id, p.jobId = x.jobId, p.name = x.name + ' run ' + substring(x.id, 0, 8), p.createdAt = $now, p.registeredBy = $sub
  MERGE (p)-[:RUN_OF]->(pj)
  MERGE (r)-[:PARENT_RUN]->(p)`;

export const MERGE_DATASETS = `
  UNWIND $datasets AS x
  MERGE (d:Dataset {id: x.id})
  ON CREATE SET d:Entity, d.namespace = x.namespace, d.name = x.name, d.nodeKey = x.nodeKey, d.source = 'openlineage', d.createdAt = $now, d.registeredBy = $sub, d += x.facts
  WITH d, x WHERE ${CHANGED("d")}
  SET d += x.facts`;

/** Returns each version with whether this statement created it; facts are set only where they change. */
export const MERGE_VERSIONS = `
  UNWIND $versions AS x
  MATCH (d:Dataset {id: x.datasetId})
  MERGE (v:DatasetVersion {id: x.id})
  ON CREATE SET v:Entity, v.version = x.version, v.datasetId = x.datasetId, v.datasetName = d.name, v.writtenAt = x.at,
                v.provenance = x.provenance, v.source = 'openlineage', v.createdAt = $now, v.registeredBy = $sub, v += x.facts, v._new = true
  WITH v, d, x, v._new IS NOT NULL AS created
  FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | REMOVE v._new)
  ${EDGE("(v)-[:VERSION_OF]->(d)", { fresh: "created" })}
  FOREACH (_ IN CASE WHEN NOT created AND ${CHANGED("v")} THEN [1] ELSE [] END | SET v += x.facts)
  RETURN v.id AS id, created`;

/**
 * The version an input read when its event named none: the latest written at or before the
 * event; when none is recorded, one version standing for "version not reported" is created.
 */
export const RESOLVE_VERSIONS = `
  UNWIND $refs AS ref
  CALL (ref) {
    OPTIONAL MATCH (v:DatasetVersion {datasetId: ref.datasetId}) WHERE v.writtenAt <= ref.at
    WITH v ORDER BY v.writtenAt DESC LIMIT 1
    RETURN v.id AS found
  }
  CALL (ref, found) {
    WITH ref, found WHERE found IS NULL
    MATCH (d:Dataset {id: ref.datasetId})
    MERGE (v:DatasetVersion {id: ref.fallbackId})
    ON CREATE SET v:Entity, v.version = 'unversioned', v.datasetId = d.id, v.datasetName = d.name, v.source = 'openlineage', v.createdAt = $now, v.registeredBy = $sub
    MERGE (v)-[:VERSION_OF]->(d)
  }
  RETURN ref.key AS key, coalesce(found, ref.fallbackId) AS id`;

/** Schemas by content: a schema seen before is only matched. */
export const MERGE_SCHEMAS = `
  UNWIND $schemas AS x
  MERGE (s:DatasetSchema {id: x.id})
  ON CREATE SET s.facet = x.facet, s.createdAt = $now`;

/** Each version links the schemas it was reported with; `at` (first report) orders them: the latest is its schema. */
export const LINK_SCHEMAS = `
  UNWIND $links AS x
  MATCH (v:DatasetVersion {id: x.versionId}), (s:DatasetSchema {id: x.schemaId})
  ${EDGE("(v)-[h:HAS_SCHEMA]->(s)", { onCreate: "h.at = x.at" })}`;

/** Job-level edges (one row per job, dataset and direction): only read once they exist. */
export const MERGE_JOB_IO = `
  UNWIND $io AS x
  MATCH (j:Job {id: x.jobId}), (d:Dataset {id: x.datasetId})
  FOREACH (_ IN CASE WHEN x.direction = 'READ' THEN [1] ELSE [] END | MERGE (j)-[:READS]->(d))
  FOREACH (_ IN CASE WHEN x.direction = 'WRITE' THEN [1] ELSE [] END | MERGE (j)-[:WRITES]->(d))`;

/** Run-level edges to the versions a run read and wrote. */
export const MERGE_RUN_IO = `
  UNWIND $io AS x
  MATCH (r:Run {id: x.runId}), (v:DatasetVersion {id: x.versionId})
  ${EDGE("(r)-[:READ]->(v)", { when: "x.direction = 'READ'" })}
  ${EDGE("(v)-[:WRITTEN_BY]->(r)", { when: "x.direction = 'WRITE'" })}`;

export const MERGE_DERIVATIONS = `
  UNWIND $derivations AS x
  MATCH (o:DatasetVersion {id: x.outputId}), (i:DatasetVersion {id: x.inputId})
  ${EDGE("(o)-[:DERIVED_FROM {transformation: x.transformation}]->(i)")}`;

export const MERGE_FIELD_EDGES = `
  UNWIND $edges AS x
  MATCH (ov:DatasetVersion {id: x.outputVersionId}), (iv:DatasetVersion {id: x.inputVersionId})
  MERGE (o:DatasetField {id: x.outputFieldId})
  ON CREATE SET o:Entity, o.name = x.outputField, o.versionId = ov.id, o.datasetName = ov.datasetName, o.createdAt = $now
  MERGE (o)-[:FIELD_OF]->(ov)
  MERGE (i:DatasetField {id: x.inputFieldId})
  ON CREATE SET i:Entity, i.name = x.inputField, i.versionId = iv.id, i.datasetName = iv.datasetName, i.createdAt = $now
  MERGE (i)-[:FIELD_OF]->(iv)
  MERGE (o)-[:FIELD_DERIVED_FROM {transformation: x.transformation}]->(i)`;

/**
 * A run carrying the aiLineage facet is the model version's TrainingRun (the same id as
 * recordTrainingRun gives it): the model version TRAINED_BY it, it USED the run's inputs.
 */
export const LINK_TRAINING = `
  UNWIND $training AS t
  MATCH (mv:ModelVersion {id: t.modelVersionId}), (r:Run {id: t.runId})
  MERGE (tr:TrainingRun {id: t.id})
  ON CREATE SET tr:Entity, tr.modelVersionId = mv.id, tr.source = 'openlineage', tr.computeAllocationIds = [], tr.createdAt = $now, tr.registeredBy = $sub
  SET tr.openLineageRunId = r.id, tr.startedAt = coalesce(r.startedAt, tr.startedAt, r.firstEventAt), tr.endedAt = coalesce(r.endedAt, tr.endedAt)
  MERGE (mv)-[:TRAINED_BY]->(tr)
  MERGE (tr)-[:RECORDED_AS]->(r)
  WITH tr, t
  UNWIND t.inputs AS i
  MATCH (v:DatasetVersion {id: i.versionId})
  MERGE (tr)-[u:USED]->(v)
  ON CREATE SET u.role = i.role`;
