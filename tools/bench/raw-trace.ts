import { read } from "../../runtime/db.js";
import { approvalInForce } from "../../runtime/graph/vocabulary.js";

/**
 * The floor: the same trace as one hand-written Cypher query through neo4j-driver, returning
 * every field the GraphQL trace query asks for, with no GraphQL, no HTTP and no federation.
 */
export const rawTrace = (id: string) =>
  read({ op: "bench raw trace" }, (tx) =>
    tx.run({
      cypher: `
        MATCH (d:Decision {id: $id})
        MATCH (mv:ModelVersion {id: d.modelVersionId})
        OPTIONAL MATCH (mv)-[:TRAINED_BY]->(run:TrainingRun)
        CALL (run) {
          OPTIONAL MATCH (run)-[:USED]->(:DatasetVersion)-[:DERIVED_FROM*0..]->(dv:DatasetVersion)
          WITH DISTINCT dv WHERE dv IS NOT NULL
          RETURN collect(dv) AS dvs
        }
        CALL (run) {
          OPTIONAL MATCH (run)-[:USED_COMPUTE]->(a:ComputeAllocation)-[:ON_CLUSTER]->(:GpuCluster)-[:AT_SITE]->(s:Site)
          RETURN collect(DISTINCT a {.id, .gpuHours}) AS compute, collect(DISTINCT s {.id, .country}) AS sites
        }
        CALL (mv, dvs, d) {
          UNWIND [mv] + dvs AS subject
          ${approvalInForce({ subjectId: "subject.id", at: "d.occurredAt", scope: ["subject", "d"] })}
          RETURN collect(a {.id, .decision, .approver, .decidedAt}) AS approvals
        }
        RETURN d {.id, .occurredAt, .outputJson} AS decision, mv {.id, .version} AS modelVersion, run {.id, .startedAt} AS run,
               [x IN dvs | x {.id, .version, .provenance}] AS datasets, compute, sites, approvals`,
      params: { id },
    }),
  );

export const TRACE_QUERY = `query($id: ID!) { traceDecision(id: $id) {
  decision { id occurredAt output } modelVersion { id version } trainingRun { id startedAt }
  datasets { id version provenance } approvals { id decision approver decidedAt } compute { id gpuHours } sites { id country }
  complete gaps } }`;

/**
 * The lineage floor: the same upstream walk (depth 20) as one Cypher query, each reachable
 * dataset version once (ANY SHORTEST: breadth-first, not every path of the DAG), with the
 * edges between them.
 */
export const rawLineage = (id: string) =>
  read({ op: "bench raw lineage" }, (tx) =>
    tx.run({
      cypher: `
        MATCH (s:DatasetVersion {id: $id})
        MATCH ANY SHORTEST (s)-[:DERIVED_FROM]->{0,20}(n:DatasetVersion)
        WITH collect(n) AS ns
        UNWIND ns AS a
        OPTIONAL MATCH (a)-[:DERIVED_FROM]->(b) WHERE b IN ns
        RETURN [x IN ns | x {.id, .version}] AS nodes, collect({from: a.id, to: b.id}) AS edges`,
      params: { id },
    }),
  );
