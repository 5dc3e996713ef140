import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { EU_MEMBER_STATES } from "../../../runtime/validate.js";
import { approvalInForce } from "../../../runtime/graph/vocabulary.js";
import { MAX_LINEAGE_DEPTH } from "../lineage/store.js";

/** Derivation hops a trace follows upstream of the training inputs (as deep as a lineage walk may go). */
export const TRACE_DERIVATION_DEPTH = MAX_LINEAGE_DEPTH;

/** What one traversal returns for a decision; the resolver derives gaps from it. */
export interface TraceRow {
  decision: { id: string; occurredAt: string; deploymentId: string | null; outputJson: string };
  modelVersion: { id: string; version: string };
  deployment: { id: string; siteId: string; country: string | null } | null;
  run: { id: string; startedAt: string } | null;
  /** Oldest first, so a chain reads from its source. */
  datasets: { id: string; version: string; provenance: string | null; legalBasis: string | null; containsPersonalData: boolean; jurisdiction: string; createdAt: string }[];
  compute: { id: string; gpuHours: number | null; siteId: string | null; zone: string | null; country: string | null }[];
  inForce: { subjectId: string; approvalId: string | null; decision: string | null; approver: string | null; decidedAt: string | null }[];
  drift: string | null;
  /** Dataset versions at the depth bound whose own sources were not followed (empty: the chain is whole). */
  cutAt: string[];
}

/**
 * One Cypher traversal from a decision: model version, training run, every upstream dataset
 * version (derivations up to TRACE_DERIVATION_DEPTH hops, pruned var-length expansion; `cutAt`
 * names the versions whose sources lie beyond), compute and sites, the
 * latest approval decision at the decision's time for the model version and each dataset,
 * and the drift status of the deployment in the window of the decision. Index lookups and
 * expansions from them only: its cost follows the size of the answer, not of the graph.
 */
export async function traceDecision(ctx: Ctx, id: string): Promise<TraceRow | null> {
  const rows = await read({ op: "traceDecision", stats: ctx.stats }, (tx) =>
    tx.run<TraceRow>({
      cypher: `
        MATCH (d:Decision {id: $id})
        MATCH (mv:ModelVersion {id: d.modelVersionId})
        OPTIONAL MATCH (dep:Deployment {id: d.deploymentId})
        OPTIONAL MATCH (depSite:Site {id: dep.siteId})
        OPTIONAL MATCH (mv)-[:TRAINED_BY]->(run:TrainingRun)
        CALL (run) {
          OPTIONAL MATCH (run)-[:USED]->(:DatasetVersion)-[:DERIVED_FROM*0..${TRACE_DERIVATION_DEPTH}]->(dv:DatasetVersion)
          WITH DISTINCT dv WHERE dv IS NOT NULL
          RETURN collect(dv) AS dvs
        }
        CALL (dvs) {
          // A source outside the walked set lies beyond the bound (within it, the walk reached it).
          UNWIND dvs AS x
          MATCH (x)-[:DERIVED_FROM]->(beyond:DatasetVersion) WHERE NOT beyond IN dvs
          RETURN collect(DISTINCT x.id) AS cutAt
        }
        CALL (run) {
          OPTIONAL MATCH (run)-[:USED_COMPUTE]->(a:ComputeAllocation)
          OPTIONAL MATCH (a)-[:ON_CLUSTER]->(:GpuCluster)-[:AT_SITE]->(s:Site)
          WITH a, s WHERE a IS NOT NULL
          RETURN collect({id: a.id, gpuHours: a.gpuHours, siteId: s.id, zone: s.sovereigntyZone, country: s.country}) AS compute
        }
        CALL (mv, dvs, d) {
          UNWIND [mv] + dvs AS subject
          ${approvalInForce({ subjectId: "subject.id", at: "d.occurredAt", scope: ["subject", "d"] })}
          RETURN collect({subjectId: subject.id, approvalId: a.id, decision: a.decision, approver: a.approver, decidedAt: a.decidedAt}) AS inForce
        }
        CALL (d) {
          OPTIONAL MATCH (r:DriftReport {deploymentId: d.deploymentId})
          WHERE r.windowStart <= d.occurredAt AND d.occurredAt < r.windowEnd
          WITH r ORDER BY r.createdAt DESC LIMIT 1
          RETURN r.status AS drift
        }
        RETURN d {.id, .occurredAt, .deploymentId, .outputJson} AS decision, mv {.id, .version} AS modelVersion,
               CASE WHEN dep IS NULL THEN null ELSE dep {.id, .siteId, country: depSite.country} END AS deployment,
               CASE WHEN run IS NULL THEN null ELSE run {.id, .startedAt} END AS run,
               [x IN dvs | x {.id, .version, .provenance, .legalBasis, .containsPersonalData, .jurisdiction, .createdAt}] AS datasets,
               compute, inForce, drift, cutAt`,
      params: { id },
    }),
  );
  const row = rows[0];
  if (!row) return null;
  // Sorted here: an ORDER BY in the query would cost the pruning (DISTINCT-driven) var-length expansion.
  row.datasets.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  return row;
}

const inEU = (code: string | null | undefined) => code === "EU" || (!!code && EU_MEMBER_STATES.has(code));

/**
 * Whether compute ran inside the EU sovereignty zone: a site's declared zone decides; a site
 * that declares none is inside when its country is a Member State.
 */
const insideEU = (c: TraceRow["compute"][number]) => (c.zone ? c.zone === "EU" : inEU(c.country));

/** The links the AI Act expects that this trace lacks, in words an auditor can act on. */
export function gapsOf(t: TraceRow): string[] {
  const gaps: string[] = [];
  const at = t.decision.occurredAt;
  const approvalOf = new Map(t.inForce.map((a) => [a.subjectId, a]));
  const noApproval = (kind: string, id: string) => {
    const latest = approvalOf.get(id)?.decision;
    if (latest === "APPROVED") return;
    gaps.push(`${kind} ${id}: no approval in force at ${at}${latest ? ` (latest decision then: ${latest})` : ""}`);
  };
  noApproval("ModelVersion", t.modelVersion.id);
  if (!t.run) gaps.push(`ModelVersion ${t.modelVersion.id}: no training run recorded`);
  else {
    if (t.datasets.length === 0) gaps.push(`TrainingRun ${t.run.id}: no training datasets recorded`);
    if (t.compute.length === 0) gaps.push(`TrainingRun ${t.run.id}: no compute allocations recorded`);
  }
  for (const id of t.cutAt) gaps.push(`DatasetVersion ${id}: its sources lie beyond ${TRACE_DERIVATION_DEPTH} derivation hops and are not in this trace (follow them with lineage)`);
  for (const d of t.datasets) {
    noApproval("DatasetVersion", d.id);
    if (!d.provenance?.trim()) gaps.push(`DatasetVersion ${d.id}: provenance missing`);
    if (!d.legalBasis?.trim()) gaps.push(`DatasetVersion ${d.id}: legal basis missing`);
    if (d.containsPersonalData && inEU(d.jurisdiction)) {
      for (const c of t.compute.filter((c) => !insideEU(c))) {
        gaps.push(
          `DatasetVersion ${d.id}: personal data under ${d.jurisdiction} jurisdiction trained outside the EU sovereignty zone ` +
            `(ComputeAllocation ${c.id} at Site ${c.siteId ?? "unknown"}, ${c.country ?? "?"}${c.zone ? `, zone ${c.zone}` : ""})`,
        );
      }
    }
  }
  return gaps;
}
