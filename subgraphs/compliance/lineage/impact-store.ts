import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { approvalInForce } from "../../../runtime/graph/vocabulary.js";

export interface ImpactRow {
  found: boolean;
  datasetVersions: string[];
  trainingRuns: string[];
  modelVersions: string[];
  deployments: string[];
  total: number;
  /** Per deployment; the resolver sums them per site and adds the decisions without a deployment. */
  bySite: { siteId: string; count: number }[];
  approvals: string[];
}

/**
 * Everything downstream of a dataset version, in one statement: derived versions (pruned
 * var-length expansion), the runs that used any of them, the model versions they produced,
 * their deployments, decision counts by site (index counts, no decision is loaded), and the
 * approvals in force now whose subject is any of these.
 */
export async function impact(ctx: Ctx, datasetVersionId: string): Promise<ImpactRow> {
  const rows = await read({ op: "impact", stats: ctx.stats }, (tx) =>
    tx.run<ImpactRow>({
      cypher: `
        OPTIONAL MATCH (root:DatasetVersion {id: $id})
        CALL (root) {
          OPTIONAL MATCH (root)<-[:DERIVED_FROM*0..]-(dv:DatasetVersion)
          WITH DISTINCT dv WHERE dv IS NOT NULL
          RETURN collect(dv) AS dvs
        }
        CALL (dvs) {
          UNWIND dvs AS dv
          MATCH (dv)<-[:USED]-(run:TrainingRun)
          WITH DISTINCT run
          OPTIONAL MATCH (run)<-[:TRAINED_BY]-(mv:ModelVersion)
          RETURN collect(DISTINCT run.id) AS runs, collect(DISTINCT mv) AS mvs
        }
        CALL (mvs) {
          UNWIND mvs AS mv
          MATCH (mv)<-[:DEPLOYS]-(dep:Deployment)
          RETURN collect(DISTINCT dep) AS deps
        }
        CALL (mvs) {
          UNWIND mvs AS mv
          CALL (mv) {
            MATCH (d:Decision) WHERE d.modelVersionId = mv.id AND d.occurredAt IS NOT NULL
            RETURN count(d) AS n
          }
          RETURN sum(n) AS total
        }
        CALL (deps) {
          UNWIND deps AS dep
          CALL (dep) {
            MATCH (d:Decision) WHERE d.deploymentId = dep.id AND d.occurredAt IS NOT NULL
            RETURN count(d) AS n
          }
          RETURN collect({siteId: dep.siteId, count: n}) AS counts
        }
        CALL (dvs, mvs, deps) {
          UNWIND dvs + mvs + deps AS subject
          ${approvalInForce({ subjectId: "subject.id", scope: ["subject"] })}
          WITH a WHERE a.decision = 'APPROVED'
          RETURN collect(a.id) AS approvals
        }
        RETURN root IS NOT NULL AS found,
               [x IN dvs WHERE x.id <> $id | x.id] AS datasetVersions, runs AS trainingRuns,
               [x IN mvs | x.id] AS modelVersions, [x IN deps | x.id] AS deployments,
               total, counts AS bySite,
               approvals`,
      params: { id: datasetVersionId },
    }),
  );
  return rows[0];
}
