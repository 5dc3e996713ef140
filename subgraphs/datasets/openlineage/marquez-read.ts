import { read } from "../../../runtime/db.js";
import { DATASETS, JOBS } from "./read-store.js";

type Obj = Record<string, any>;
export interface Page {
  limit: number;
  offset: number;
}

/** Namespaces are the OpenLineage namespaces of jobs and datasets (no node of their own). */
const NAMESPACES = `
  CALL () { MATCH (n:Job) RETURN n UNION ALL MATCH (n:Dataset) WHERE n.nodeKey IS NOT NULL RETURN n }
  WITH n WHERE $ns IS NULL OR n.namespace = $ns
  WITH n ORDER BY n.createdAt
  WITH n.namespace AS name, min(n.createdAt) AS createdAt, max(n.createdAt) AS updatedAt, head(collect(n.registeredBy)) AS ownerName
  RETURN name, createdAt, updatedAt, ownerName ORDER BY name SKIP $offset LIMIT $limit`;

export const namespaces = (ns: string | null, page: Page) =>
  read({ op: "marquezNamespaces" }, (tx) => tx.run<Obj>({ cypher: NAMESPACES, params: { ns, ...page } }));

/** Full rows (DATASETS / JOBS of read-store.ts) for node keys, in the keys' order. */
async function rowsFor(tx: Parameters<Parameters<typeof read>[1]>[0], cypher: string, keys: string[], key: (r: Obj) => string) {
  const rows = await tx.run<Obj>({ cypher, params: { keys } });
  const byKey = new Map(rows.map((r) => [key(r), r]));
  return keys.map((k) => byKey.get(k)).filter((r): r is Obj => r !== undefined);
}

/** A namespace's datasets by name, with their total. */
export const datasets = (ns: string, page: Page) =>
  read({ op: "marquezDatasets" }, async (tx) => {
    const head = await tx.one<{ total: number; keys: string[] }>({
      cypher: `CALL () { MATCH (d:Dataset {namespace: $ns}) RETURN count(d) AS total }
               CALL () { MATCH (d:Dataset {namespace: $ns}) WITH d ORDER BY d.name SKIP $offset LIMIT $limit RETURN collect(d.nodeKey) AS keys }
               RETURN total, keys`,
      params: { ns, ...page },
    });
    return { total: head?.total ?? 0, rows: await rowsFor(tx, DATASETS, head?.keys ?? [], (r) => r.dataset.nodeKey) };
  });

export const dataset = (key: string) => read({ op: "marquezDataset" }, (tx) => rowsFor(tx, DATASETS, [key], (r) => r.dataset.nodeKey)).then((r) => r[0]);

/** A dataset's versions, newest first: each with its schema, its columns and the run that wrote it. */
export const datasetVersions = (key: string, page: Page) =>
  read({ op: "marquezDatasetVersions" }, async (tx) => {
    const head = await tx.one<{ total: number }>({ cypher: `MATCH (d:Dataset {nodeKey: $key})<-[:VERSION_OF]-(v:DatasetVersion) RETURN count(v) AS total`, params: { key } });
    const rows = await tx.run<Obj>({
      cypher: `MATCH (d:Dataset {nodeKey: $key})<-[:VERSION_OF]-(v:DatasetVersion)
               WITH d, v ORDER BY v.writtenAt DESC, v.createdAt DESC, v.id SKIP $offset LIMIT $limit
               CALL (v) { OPTIONAL MATCH (v)-[h:HAS_SCHEMA]->(s:DatasetSchema) WITH s ORDER BY h.at DESC LIMIT 1 RETURN s.facet AS schema }
               CALL (v) { OPTIONAL MATCH (f:DatasetField)-[:FIELD_OF]->(v) WITH f WHERE f IS NOT NULL ORDER BY f.name RETURN collect(f {.name}) AS columns }
               CALL (v) { OPTIONAL MATCH (v)-[:WRITTEN_BY]->(r:Run) RETURN r LIMIT 1 }
               RETURN d {.*} AS dataset, v {.*} AS version, schema, columns, r {.*} AS run`,
      params: { key, ...page },
    });
    return { total: head?.total ?? 0, rows };
  });

/** Our stored run states (OpenLineage event types) for Marquez's run states. */
const STORED_STATES: Record<string, (string | null)[]> = { NEW: [null], RUNNING: ["START", "RUNNING"], COMPLETED: ["COMPLETE"], FAILED: ["FAIL"], ABORTED: ["ABORT"] };

/** Jobs of a namespace (or all), by name, optionally only those whose latest run is in one of `states` (Marquez's names). */
export const jobs = (ns: string | null, states: string[] | null, page: Page) =>
  read({ op: "marquezJobs" }, async (tx) => {
    const stored = states?.flatMap((s) => STORED_STATES[s]);
    const head = await tx.one<{ total: number; keys: string[] }>({
      cypher: `MATCH (j:Job) WHERE $ns IS NULL OR j.namespace = $ns
               CALL (j) { OPTIONAL MATCH (r:Run)-[:RUN_OF]->(j) WITH r ORDER BY coalesce(r.startedAt, r.firstEventAt) DESC LIMIT 1 RETURN r.state AS last }
               WITH j, last WHERE $states IS NULL OR ($hasNew AND last IS NULL) OR last IN $states
               WITH j ORDER BY j.name, j.namespace
               WITH collect(j.nodeKey) AS matched
               RETURN size(matched) AS total, matched[$offset..$offset + $limit] AS keys`,
      params: { ns, states: stored ?? null, hasNew: stored?.includes(null) ?? false, ...page },
    });
    return { total: head?.total ?? 0, rows: await rowsFor(tx, JOBS, head?.keys ?? [], (r) => r.job.nodeKey) };
  });

export const job = (key: string) => read({ op: "marquezJob" }, (tx) => rowsFor(tx, JOBS, [key], (r) => r.job.nodeKey)).then((r) => r[0]);

const RUN_ROWS = `
  CALL (r) {
    OPTIONAL MATCH (r)-[:READ]->(v:DatasetVersion)-[:VERSION_OF]->(d:Dataset)
    WITH v, d WHERE v IS NOT NULL
    RETURN collect({namespace: d.namespace, name: d.name, id: v.id}) AS inputs
  }
  CALL (r) {
    OPTIONAL MATCH (v:DatasetVersion)-[:WRITTEN_BY]->(r) MATCH (v)-[:VERSION_OF]->(d:Dataset)
    RETURN collect({namespace: d.namespace, name: d.name, id: v.id}) AS outputs
  }
  RETURN r {.*} AS run, j {.namespace, .name, .id} AS job, inputs, outputs`;

/** A job's runs, latest first, with the versions each read and wrote. */
export const runs = (jobKey: string, page: Page) =>
  read({ op: "marquezRuns" }, async (tx) => {
    const head = await tx.one<{ total: number }>({ cypher: `MATCH (:Job {nodeKey: $key})<-[:RUN_OF]-(r:Run) RETURN count(r) AS total`, params: { key: jobKey } });
    const rows = await tx.run<Obj>({
      cypher: `MATCH (j:Job {nodeKey: $key})<-[:RUN_OF]-(r:Run)
               WITH j, r ORDER BY coalesce(r.startedAt, r.firstEventAt, r.createdAt) DESC, r.id SKIP $offset LIMIT $limit ${RUN_ROWS}`,
      params: { key: jobKey, ...page },
    });
    return { total: head?.total ?? 0, rows };
  });

export const run = (id: string) =>
  read({ op: "marquezRun" }, (tx) => tx.one<Obj>({ cypher: `MATCH (r:Run {id: $id})-[:RUN_OF]->(j:Job) ${RUN_ROWS}`, params: { id: id.toLowerCase() } }));

/** Raw events received in a time window (eventTime, ISO strings compare in time order), newest or oldest first. */
export const lineageEvents = (w: { after: string; before: string; desc: boolean }, page: Page) =>
  read({ op: "marquezEvents" }, async (tx) => {
    const row = await tx.one<{ total: number; json: string[] }>({
      cypher: `CALL () { MATCH (e:OpenLineageEvent) WHERE e.eventTime >= $after AND e.eventTime <= $before RETURN count(e) AS total }
               CALL () {
                 MATCH (e:OpenLineageEvent) WHERE e.eventTime >= $after AND e.eventTime <= $before
                 WITH e ORDER BY ${w.desc ? "e.eventTime DESC, e.id DESC" : "e.eventTime, e.id"} SKIP $offset LIMIT $limit
                 RETURN collect(e.json) AS json
               }
               RETURN total, json`,
      params: { after: w.after, before: w.before, ...page },
    });
    return { total: row?.total ?? 0, events: (row?.json ?? []).map((j) => JSON.parse(j)) };
  });

/** Datasets and jobs whose name matches a Java regex (Marquez's case-insensitive LIKE), by name or latest update. */
export const searchNames = (q: { rx: string; type: string | null; ns: string | null; byUpdated: boolean; limit: number }) =>
  read({ op: "marquezSearch" }, async (tx) => {
    const row = await tx.one<{ total: number; results: Obj[] }>({
      cypher: `CALL () { MATCH (n:Dataset) WHERE n.nodeKey IS NOT NULL RETURN n, 'DATASET' AS type UNION ALL MATCH (n:Job) RETURN n, 'JOB' AS type }
               WITH n, type WHERE ($type IS NULL OR type = $type) AND ($ns IS NULL OR n.namespace = $ns) AND n.name =~ $rx
               WITH n, type ORDER BY ${q.byUpdated ? "n.createdAt DESC" : "n.name"}, n.nodeKey
               WITH collect({type: type, name: n.name, namespace: n.namespace, nodeId: n.nodeKey, updatedAt: n.createdAt}) AS matched
               RETURN size(matched) AS total, matched[0..$limit] AS results`,
      params: { rx: q.rx, type: q.type, ns: q.ns, limit: q.limit },
    });
    return { total: row?.total ?? 0, results: row?.results ?? [] };
  });

/** Tags (Marquez's TagList): none are defined until a tag is written. */
export const tags = (page: Page) =>
  read({ op: "marquezTags" }, (tx) =>
    tx.run<Obj>({ cypher: `MATCH (t:Tag) RETURN t.name AS name, t.description AS description ORDER BY name SKIP $offset LIMIT $limit`, params: { ...page } }),
  );
