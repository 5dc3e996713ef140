import { read } from "../../runtime/db.js";

/** Depth of the Marquez-shaped walks the bench measures. */
export const MARQUEZ_BENCH_DEPTH = 5;

/**
 * A breadth-first walk of MARQUEZ_BENCH_DEPTH levels as one Cypher statement: `seen` starts as
 * the list `start`, each level adds the nodes one `step` (a pattern from `f` to `m`) away that
 * are not seen yet. Unrolled per level, so each node is reached once (variable-length patterns,
 * even ANY SHORTEST, enumerate paths and were slower than the route itself).
 */
function bfs(start: string, step: string): string {
  const level = `
    CALL (frontier) { UNWIND frontier AS f MATCH ${step} RETURN collect(DISTINCT m) AS found }
    WITH seen, [m IN found WHERE NOT m IN seen] AS frontier
    WITH seen + frontier AS seen, frontier`;
  return `${start}\n    WITH seen, seen AS frontier${level.repeat(MARQUEZ_BENCH_DEPTH)}`;
}

/**
 * The floor of GET /api/v1/lineage: the same walk (jobs and datasets within DEPTH hops along
 * READS / WRITES, either way), each reachable node once, with the edges between them and the
 * nodes' own properties; none of the route's per-node reads (latest version, schema, latest run,
 * tags) and no HTTP.
 */
export const rawMarquezLineage = (key: string) =>
  read({ op: "bench raw marquez lineage" }, (tx) =>
    tx.run({
      cypher: `${bfs("MATCH (s:Dataset {nodeKey: $key}) WITH [s] AS seen", "(f)-[:READS|WRITES]-(m)")}
        UNWIND seen AS a
        OPTIONAL MATCH (a)-[r:READS|WRITES]->(b) WHERE a:Job AND b IN seen
        RETURN collect(DISTINCT a {.*}) AS nodes, collect(CASE WHEN r IS NOT NULL THEN {job: a.nodeKey, type: type(r), dataset: b.nodeKey} END) AS edges`,
      params: { key },
    }),
  );

/**
 * The floor of GET /api/v1/column-lineage (upstream, Marquez's default): the columns of the
 * dataset and those they derive from within DEPTH hops of FIELD_DERIVED_FROM, each once, with
 * their dataset and the edges between them.
 */
export const rawColumnLineage = (key: string) =>
  read({ op: "bench raw column lineage" }, (tx) =>
    tx.run({
      cypher: `${bfs("MATCH (:Dataset {nodeKey: $key})<-[:VERSION_OF]-(:DatasetVersion)<-[:FIELD_OF]-(f:DatasetField) WITH collect(f) AS seen", "(f)-[:FIELD_DERIVED_FROM]->(m)")}
        UNWIND seen AS a
        MATCH (a)-[:FIELD_OF]->(:DatasetVersion)-[:VERSION_OF]->(d:Dataset)
        OPTIONAL MATCH (a)-[r:FIELD_DERIVED_FROM]->(b) WHERE b IN seen
        RETURN collect(DISTINCT {dataset: d.nodeKey, field: a.name}) AS nodes, collect(CASE WHEN r IS NOT NULL THEN {from: a.id, to: b.id, transformation: r.transformation} END) AS edges`,
      params: { key },
    }),
  );
