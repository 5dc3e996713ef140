import { encodeCursor } from "../../../runtime/cursor.js";
import { enqueueDriftEvent } from "../webhook/outbox.js";
import { toReport, type DriftReportRow } from "./report.js";
import { canonicalJson, sha256Hex, stableId } from "../../../runtime/canonical.js";
import type { Ctx } from "../../../runtime/context.js";
import { loader } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { badInput } from "../../../runtime/errors.js";
import { createOnce, mutate, type Props } from "../../../runtime/mutation.js";
import { related, requireIds } from "../../../runtime/nodes.js";
import { evaluateDrift } from "./evaluate.js";
import type { DriftStatus } from "./types.js";
import { referenceForDeployment } from "../profile/store.js";
import type { WindowProfile } from "../profile/validate.js";


/** Bounds of time filters when a caller gives none (normalised ISO strings sort by time). */
const EARLIEST = "0000-01-01T00:00:00.000Z";
const LATEST = "9999-12-31T23:59:59.999Z";


// ---------------------------------------------------------------- reads
export const loadReport = (ctx: Ctx, id: string) =>
  loader<string, DriftReportRow>(ctx, "driftReportById", async (ids) => {
    const rows = await read({ op: "load DriftReport", stats: ctx.stats }, (tx) =>
      tx.run<{ n: Props }>({ cypher: `MATCH (n:DriftReport) WHERE n.id IN $ids RETURN n {.*} AS n`, params: { ids } }),
    );
    return new Map(rows.map((r) => [r.n.id as string, toReport(r.n)]));
  }).load(id);

export interface ReportFilter {
  deploymentId?: string | null;
  modelVersionId?: string | null;
  from?: string | null;
  to?: string | null;
  first: number;
  /** The decoded cursor: [windowStart, createdAt, id]. */
  after?: (string | number)[] | null;
}

/**
 * Reports whose window overlaps [from, to), by window start then creation, paginated. The
 * MATCH names the most selective indexed key given; its text comes from this closed choice.
 */
export async function listReports(ctx: Ctx, f: ReportFilter): Promise<DriftReportRow[]> {
  const match = f.deploymentId
    ? "MATCH (r:DriftReport {deploymentId: $deploymentId})"
    : f.modelVersionId
      ? "MATCH (r:DriftReport {modelVersionId: $modelVersionId})"
      : "MATCH (r:DriftReport)";
  const rows = await read({ op: "driftReports", stats: ctx.stats }, (tx) =>
    tx.run<{ r: Props }>({
      cypher: `${match}
               WHERE r.windowStart < $to AND r.windowEnd > $from
                 AND ($modelVersionId IS NULL OR r.modelVersionId = $modelVersionId)
                 AND ($after IS NULL OR r.windowStart > $after[0] OR (r.windowStart = $after[0] AND
                      (r.createdAt > $after[1] OR (r.createdAt = $after[1] AND r.id > $after[2]))))
               RETURN r {.*} AS r ORDER BY r.windowStart, r.createdAt, r.id LIMIT $first`,
      params: {
        deploymentId: f.deploymentId ?? null, modelVersionId: f.modelVersionId ?? null,
        from: f.from ?? EARLIEST, to: f.to ?? LATEST, after: f.after ?? null, first: f.first,
      },
    }),
  );
  return rows.map((r) => toReport(r.r));
}

/** Opaque cursor of a report in listReports order. */
export const reportCursor = (r: DriftReportRow) => encodeCursor([r.windowStart, r.createdAt, r.id]);

export interface DriftPointRow {
  windowStart: string;
  windowEnd: string;
  status: DriftStatus;
  reportId: string;
}

/**
 * A deployment's status per window overlapping [from, to), oldest first; where a window was
 * submitted more than once, the latest report stands (as in the decision trace).
 */
export const statusOverTime = (ctx: Ctx, deploymentId: string, from: string | null, to: string | null, first: number) =>
  related(
    ctx,
    "driftStatusOverTime",
    `MATCH (r:DriftReport) WHERE r.deploymentId IN $ids AND r.windowStart < $to AND r.windowEnd > $from
     WITH r ORDER BY r.createdAt DESC
     WITH r.deploymentId AS key, r.windowStart AS ws, r.windowEnd AS we, collect(r)[0] AS r
     WITH key, r ORDER BY r.windowStart, r.windowEnd
     WITH key, collect(r {.windowStart, .windowEnd, .status, reportId: r.id})[0..$first] AS points
     UNWIND points AS n RETURN key, n`,
    { from: from ?? EARLIEST, to: to ?? LATEST, first },
  ).load(deploymentId) as Promise<DriftPointRow[] | null>;


// ---------------------------------------------------------------- writes
export interface WindowSubmission {
  deploymentId: string;
  windowStart: string;
  windowEnd: string;
  window: WindowProfile;
}

/**
 * Evaluates a window against the deployment's reference and stores the report, in one
 * transaction with its audit event. Idempotent: the id covers the deployment, the window, the
 * window's content and the reference profile, so a resent window returns the stored report
 * (`created` false) and a corrected one adds a report that supersedes it for its window.
 */
export function submitWindow(ctx: Ctx, s: WindowSubmission, variables: unknown): Promise<{ report: DriftReportRow; created: boolean }> {
  const strip = <T extends { field: string }>({ field: _f, ...rest }: T) => rest;
  const liveDigest = `sha256:${sha256Hex(canonicalJson({ numeric: s.window.numeric.map(strip), categorical: s.window.categorical.map(strip), samples: s.window.samples.map(strip) }))}`;
  return mutate(ctx, "submitFeatureProfile", variables, async (tx) => {
    await requireIds(tx, "Deployment", [s.deploymentId]);
    const { modelVersionId, reference } = await referenceForDeployment(tx, s.deploymentId);
    if (!reference) throw badInput("deploymentId", `no reference profile for the training data of model version ${modelVersionId}`);
    const evaluation = evaluateDrift(reference.profile, s.window);
    const id = stableId("drift", s.deploymentId, s.windowStart, s.windowEnd, liveDigest, reference.id);
    const props = {
      deploymentId: s.deploymentId,
      modelVersionId,
      referenceDatasetVersionId: reference.datasetVersionId,
      referenceProfileId: reference.id,
      windowStart: s.windowStart,
      windowEnd: s.windowEnd,
      status: evaluation.status,
      features: JSON.stringify(evaluation.features),
      unmeasuredFeatures: evaluation.unmeasured,
      liveDigest,
      live: JSON.stringify(evaluation.window),
    };
    const { node, created } = await createOnce(tx, "DriftReport", id, props, new Date().toISOString(), { submittedBy: ctx.caller.sub });
    if (created) {
      await tx.run({
        cypher: `MATCH (r:DriftReport {id: $id}), (dep:Deployment {id: $dep}), (mv:ModelVersion {id: $mv}), (dv:DatasetVersion {id: $dv})
                 CREATE (r)-[:DRIFT_OF]->(dep), (r)-[:DRIFT_OF_MODEL]->(mv), (r)-[:DRIFT_REFERENCE]->(dv)`,
        params: { id, dep: s.deploymentId, mv: modelVersionId, dv: reference.datasetVersionId },
      });
      // The webhook event commits with its report: it is sent even if this process dies now.
      await enqueueDriftEvent(tx, toReport(node));
    }
    return {
      result: { report: toReport(node), created },
      changed: created,
      subjects: [id, s.deploymentId, modelVersionId, reference.datasetVersionId],
    };
  });
}
