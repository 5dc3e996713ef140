import { read } from "../../runtime/db.js";

/** Depth of the Marquez-shaped walks the bench measures. */
export const MARQUEZ_BENCH_DEPTH = 5;

/**
 * The floor of GET /api/v1/lineage: the same walk (jobs and datasets within DEPTH hops along
 * READS / WRITES, either way) as one Cypher query, each reachable node once (ANY SHORTEST), with
 * the edges between them and the nodes' own properties; none of the route's per-node reads
 * (latest version, schema, latest run, tags) and no HTTP.
 */
export const rawMarquezLineage = (key: string) =>
  read({ op: "bench raw marquez lineage" }, (tx) =>
    tx.run({
      cypher: `
        MATCH (s:Dataset {nodeKey: $key})
        MATCH ANY SHORTEST (s)-[:READS|WRITES]-{0,${MARQUEZ_BENCH_DEPTH}}(n)
        WITH collect(n) AS ns
        UNWIND ns AS a
        OPTIONAL MATCH (a:Job)-[r:READS|WRITES]->(b) WHERE b IN ns
        RETURN [x IN ns | x {.*}] AS nodes, collect({job: a.nodeKey, type: type(r), dataset: b.nodeKey}) AS edges`,
      params: { key },
    }),
  );

/**
 * The floor of GET /api/v1/column-lineage (upstream, as Marquez's default): the columns of the
 * dataset and those they derive from within DEPTH hops of FIELD_DERIVED_FROM, each once, with
 * their dataset and the edges between them, as one Cypher query.
 */
export const rawColumnLineage = (key: string) =>
  read({ op: "bench raw column lineage" }, (tx) =>
    tx.run({
      cypher: `
        MATCH (:Dataset {nodeKey: $key})<-[:VERSION_OF]-(:DatasetVersion)<-[:FIELD_OF]-(f:DatasetField)
        MATCH ANY SHORTEST (f)-[:FIELD_DERIVED_FROM]->{0,${MARQUEZ_BENCH_DEPTH}}(g:DatasetField)
        WITH collect(DISTINCT g) AS gs
        UNWIND gs AS a
        MATCH (a)-[:FIELD_OF]->(:DatasetVersion)-[:VERSION_OF]->(d:Dataset)
        OPTIONAL MATCH (a)-[r:FIELD_DERIVED_FROM]->(b) WHERE b IN gs
        RETURN collect(DISTINCT {dataset: d.nodeKey, field: a.name}) AS nodes, collect({from: a.id, to: b.id, transformation: r.transformation}) AS edges`,
      params: { key },
    }),
  );
