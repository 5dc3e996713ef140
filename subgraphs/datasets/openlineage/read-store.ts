import { read } from "../../../runtime/db.js";

/** Default and maximum depth of the Marquez-shaped lineage (Marquez's default is 20). */
export const DEFAULT_MARQUEZ_DEPTH = 20;
export const MAX_MARQUEZ_DEPTH = 50;
/** Most nodes one answer holds. */
export const MAX_MARQUEZ_NODES = 2000;

export interface JobDatasetEdge {
  jobKey: string;
  datasetKey: string;
  type: "READS" | "WRITES";
}

export interface MarquezRows {
  start: string | null;
  edges: JobDatasetEdge[];
  datasets: Record<string, any>[];
  jobs: Record<string, any>[];
}

const LEVEL = `
  UNWIND $keys AS key
  CALL (key) {
    MATCH (n:Dataset {nodeKey: key}) RETURN n
    UNION
    MATCH (n:Job {nodeKey: key}) RETURN n
  }
  MATCH (n)-[r:READS|WRITES]-(m)
  RETURN startNode(r).nodeKey AS jobKey, endNode(r).nodeKey AS datasetKey, type(r) AS type, m.nodeKey AS next
  LIMIT $limit`;

export const DATASETS = `
  UNWIND $keys AS key
  MATCH (d:Dataset {nodeKey: key})
  CALL (d) {
    OPTIONAL MATCH (v:DatasetVersion {datasetId: d.id})
    WITH v ORDER BY v.writtenAt DESC, v.createdAt DESC LIMIT 1
    RETURN v
  }
  CALL (v) {
    OPTIONAL MATCH (v)-[h:HAS_SCHEMA]->(s:DatasetSchema)
    WITH s ORDER BY h.at DESC LIMIT 1
    RETURN s.facet AS schema
  }
  CALL (v) {
    OPTIONAL MATCH (f:DatasetField)-[:FIELD_OF]->(v)
    WITH f WHERE f IS NOT NULL ORDER BY f.name
    RETURN collect(f {.name, .type, .description}) AS columns
  }
  CALL (d) { OPTIONAL MATCH (d)-[:TAGGED]->(t:Tag) WITH t WHERE t IS NOT NULL RETURN collect(t.name) AS tags }
  CALL (d) { OPTIONAL MATCH (d)-[ft:FIELD_TAGGED]->(t:Tag) WITH ft, t WHERE t IS NOT NULL RETURN collect({field: ft.field, tag: t.name}) AS fieldTags }
  RETURN d {.*} AS dataset, v {.*} AS version, schema, columns, tags, fieldTags`;

export const JOBS = `
  UNWIND $keys AS key
  MATCH (j:Job {nodeKey: key})
  CALL (j) {
    OPTIONAL MATCH (r:Run)-[:RUN_OF]->(j)
    WITH r ORDER BY coalesce(r.startedAt, r.firstEventAt) DESC LIMIT 1
    RETURN r
  }
  CALL (j) {
    OPTIONAL MATCH (j)-[:READS]->(i:Dataset)
    WITH i WHERE i IS NOT NULL
    RETURN collect({namespace: i.namespace, name: i.name}) AS inputs
  }
  CALL (j) {
    OPTIONAL MATCH (j)-[:WRITES]->(o:Dataset)
    WITH o WHERE o IS NOT NULL
    RETURN collect({namespace: o.namespace, name: o.name}) AS outputs
  }
  CALL (j) { OPTIONAL MATCH (j)-[:TAGGED]->(t:Tag) WITH t WHERE t IS NOT NULL RETURN collect(t.name) AS tags }
  RETURN j {.*} AS job, r {.*} AS latestRun, inputs, outputs, tags`;

/**
 * The job/dataset graph around a Marquez node id (`dataset:<ns>:<name>` or `job:<ns>:<name>`),
 * breadth-first, one statement per level plus one per node kind. Null when no such node.
 */
export function marquezGraph(nodeKey: string, depth: number): Promise<MarquezRows> {
  return read({ op: "openLineageLineage" }, async (tx) => {
    const seen = new Set<string>();
    const start = await tx.one<{ key: string }>({
      cypher: `CALL () { MATCH (n:Dataset {nodeKey: $key}) RETURN n UNION MATCH (n:Job {nodeKey: $key}) RETURN n } RETURN n.nodeKey AS key LIMIT 1`,
      params: { key: nodeKey },
    });
    if (!start) return { start: null, edges: [], datasets: [], jobs: [] };
    seen.add(nodeKey);
    const edges = new Map<string, JobDatasetEdge>();
    let frontier = [nodeKey];
    for (let level = 0; level < depth && frontier.length > 0 && seen.size < MAX_MARQUEZ_NODES; level++) {
      const rows = await tx.run<JobDatasetEdge & { next: string }>({ cypher: LEVEL, params: { keys: frontier, limit: MAX_MARQUEZ_NODES * 4 } });
      const next: string[] = [];
      for (const r of rows) {
        if (!seen.has(r.next)) {
          if (seen.size >= MAX_MARQUEZ_NODES) continue;
          seen.add(r.next);
          next.push(r.next);
        }
        edges.set(`${r.jobKey}|${r.type}|${r.datasetKey}`, { jobKey: r.jobKey, datasetKey: r.datasetKey, type: r.type });
      }
      frontier = next;
    }
    const keys = [...seen];
    const [datasets, jobs] = [
      await tx.run({ cypher: DATASETS, params: { keys: keys.filter((k) => k.startsWith("dataset:")) } }),
      await tx.run({ cypher: JOBS, params: { keys: keys.filter((k) => k.startsWith("job:")) } }),
    ];
    // Only edges between nodes in the answer (the last level's edges may reach beyond).
    const inside = [...edges.values()].filter((e) => seen.has(e.jobKey) && seen.has(e.datasetKey));
    return { start: nodeKey, edges: inside, datasets, jobs };
  });
}

/** Raw events as received, oldest first: one by id, or every event of a run. */
export function rawEvents(by: { id?: string; runId?: string }): Promise<unknown[]> {
  return read({ op: "openLineageEvents" }, async (tx) => {
    const rows = await tx.run<{ json: string }>({
      cypher: by.id
        ? `MATCH (e:OpenLineageEvent {id: $id}) RETURN e.json AS json`
        : `MATCH (e:OpenLineageEvent {runId: $runId}) RETURN e.json AS json ORDER BY e.eventTime, e.receivedAt, e.id LIMIT 10000`,
      params: { id: by.id ?? null, runId: by.runId?.toLowerCase() ?? null },
    });
    return rows.map((r) => JSON.parse(r.json));
  });
}
