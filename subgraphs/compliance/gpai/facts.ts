import type { Ctx } from "../../../runtime/context.js";
import { read, type Tx } from "../../../runtime/db.js";
import { notFound, requireRecordedBy } from "../../../runtime/errors.js";
import { approvalInForce } from "../../../runtime/graph/vocabulary.js";
import type { Props } from "../../../runtime/mutation.js";
import { estimateEnergyKWh, estimateFlops, isPrecision, type Precision } from "../../../runtime/domain/flops.js";
import { sumKnown } from "../docs/values.js";

/** Training compute of one model version, from its run's allocations. */
export interface VersionCompute {
  modelVersionId: string;
  runId: string | null;
  allocations: Props[];
  gpuHours: number | null;
  /** Measured where recorded, else estimated from GPU-hours (Annex XI 1(2)(e)). */
  energyKWh: number | null;
  /** True when any allocation's energy is an estimate rather than a measurement. */
  energyEstimated: boolean;
  flops: number | null;
  /** The run's recorded precision (Annex XI 1(2)(d)); null = not recorded, the bound then takes the maximum over precisions. */
  precision: Precision | null;
  startedAt: string | null;
  endedAt: string | null;
}

export interface GpaiFacts {
  version: Props;
  model: Props | null;
  system: Props | null;
  run: Props | null;
  datasets: (Props & { role: string })[];
  metrics: Props[];
  approvals: Props[];
  /** The version's approval in force at asOf, else now (runtime/graph/vocabulary.ts approvalInForce), if any decision was taken. */
  inForce: Props | null;
  /** This version's compute, then its base models' that are in the graph, nearest first. */
  lineage: VersionCompute[];
  /** Base model named but not a model version in the graph (its compute is unknown here). */
  externalBase: string | null;
  /** When the version was placed on the market (recordModelRelease); null = not recorded. */
  release: Props | null;
}

/** Most fine-tuning generations followed to sum cumulative compute (Art. 51(2)). */
const MAX_BASE_DEPTH = 10;

/**
 * Model versions with their run and its allocations (GPU model from the cluster), as of $asOf
 * (null: now): the run and allocations recorded by then.
 */
const WITH_COMPUTE = `
  UNWIND $ids AS mvId
  MATCH (v:ModelVersion {id: mvId})
  OPTIONAL MATCH (v)-[:TRAINED_BY]->(r:TrainingRun) WHERE $asOf IS NULL OR r.createdAt <= $asOf
  CALL (r) {
    OPTIONAL MATCH (r)-[:USED_COMPUTE]->(a:ComputeAllocation) WHERE $asOf IS NULL OR a.createdAt <= $asOf
    OPTIONAL MATCH (a)-[:ON_CLUSTER]->(c:GpuCluster)
    WITH a, c WHERE a IS NOT NULL
    WITH a, c ORDER BY a.startedAt, a.id
    RETURN collect(a {.*, gpuModel: c.gpuModel}) AS allocations
  }`;
/** A base model version recorded after asOf was not in the graph then: its compute is unknown (externalBase). */
const COMPUTE = `${WITH_COMPUTE} WITH v, r, allocations WHERE $asOf IS NULL OR v.createdAt <= $asOf RETURN v {.*} AS version, r {.*} AS run, allocations`;

function computeOf(version: Props, run: Props | null, allocations: Props[]): VersionCompute {
  const precision = isPrecision(run?.precision) ? run.precision : null;
  const energy = allocations.map((a) => (a.energyKWh as number | null | undefined) ?? estimateEnergyKWh((a.gpuHours as number | null) ?? null, String(a.gpuModel ?? "")));
  return {
    modelVersionId: version.id as string,
    runId: (run?.id as string | undefined) ?? null,
    allocations,
    gpuHours: sumKnown(allocations.map((a) => a.gpuHours as number | null)),
    energyKWh: sumKnown(energy),
    energyEstimated: allocations.some((a) => a.energyKWh == null),
    flops: estimateFlops(allocations.map((a) => ({ gpuHours: (a.gpuHours as number | null) ?? null, gpuModel: String(a.gpuModel ?? "") })), precision),
    precision,
    startedAt: (run?.startedAt as string | undefined) ?? null,
    endedAt: (run?.endedAt as string | undefined) ?? null,
  };
}

/** Follows `baseModel` while it names a model version in the graph: one statement per generation, at most 10. */
async function baseLineage(tx: Tx, first: Props, asOf: string | null): Promise<{ lineage: VersionCompute[]; externalBase: string | null }> {
  const lineage: VersionCompute[] = [];
  const seen = new Set([first.id as string]);
  let base = first.baseModel as string | null | undefined;
  for (let depth = 0; base && depth < MAX_BASE_DEPTH && !seen.has(base); depth++) {
    const row = await tx.one<{ version: Props; run: Props | null; allocations: Props[] }>({ cypher: COMPUTE, params: { ids: [base], asOf } });
    if (!row) return { lineage, externalBase: base };
    seen.add(base);
    lineage.push(computeOf(row.version, row.run, row.allocations));
    base = row.version.baseModel as string | null | undefined;
  }
  return { lineage, externalBase: null };
}

/**
 * Reads what Annex XI asks about a general-purpose model version, in one read transaction.
 * `asOf`: as the graph stood then: the version must have been recorded by then (NOT_FOUND saying
 * when it was, otherwise); its run, compute, datasets, metrics, approvals (the one in force then),
 * release and base versions are those recorded by then. Changed in place, and so read as they
 * stand now: a training run's start and end and its USED datasets, and a dataset version's facts,
 * when OpenLineage events merge them into records that already exist
 * (datasets/openlineage/statements.ts LINK_TRAINING, MERGE_VERSIONS); docs/ai-act.md says so.
 */
export function loadGpaiFacts(ctx: Ctx, modelVersionId: string, asOf: string | null = null): Promise<GpaiFacts> {
  return read({ op: "gpaiFacts", stats: ctx.stats }, async (tx) => {
    const row = await tx.one<{ version: Props; run: Props | null; allocations: Props[]; model: Props | null; system: Props | null; datasets: GpaiFacts["datasets"]; metrics: Props[]; approvals: Props[]; inForce: Props | null; release: Props | null }>({
      cypher: `
        ${WITH_COMPUTE}
        OPTIONAL MATCH (m:Model {id: v.modelId})
        OPTIONAL MATCH (s:AISystem {id: m.systemId})
        CALL (r) { OPTIONAL MATCH (r)-[u:USED]->(d:DatasetVersion) WHERE $asOf IS NULL OR d.createdAt <= $asOf WITH d, u ORDER BY d.id RETURN collect(d {.*, role: u.role}) AS datasets }
        CALL (v) { OPTIONAL MATCH (x:Metric {modelVersionId: v.id}) WHERE $asOf IS NULL OR x.createdAt <= $asOf WITH x ORDER BY x.name, x.subgroup RETURN collect(x {.*}) AS metrics }
        CALL (v) { OPTIONAL MATCH (a:Approval {subjectId: v.id}) WHERE $asOf IS NULL OR a.createdAt <= $asOf WITH a ORDER BY a.seq RETURN collect(a {.*}) AS approvals }
        ${approvalInForce({ subjectId: "v.id", scope: ["v"], as: "current", at: "coalesce($asOf, current.decidedAt) AND ($asOf IS NULL OR current.createdAt <= $asOf)" })}
        CALL (v) { OPTIONAL MATCH (rel:ModelRelease {modelVersionId: v.id}) WHERE $asOf IS NULL OR rel.createdAt <= $asOf RETURN rel {.*} AS release }
        RETURN v {.*} AS version, r {.*} AS run, allocations, m {.*} AS model, s {.*} AS system, datasets, metrics, approvals, current {.*} AS inForce, release`,
      params: { ids: [modelVersionId], asOf },
    });
    if (!row) throw notFound("ModelVersion", modelVersionId);
    requireRecordedBy("ModelVersion", modelVersionId, row.version.createdAt, asOf);
    const base = await baseLineage(tx, row.version, asOf);
    return {
      version: row.version,
      model: row.model,
      system: row.system,
      run: row.run,
      datasets: row.datasets,
      metrics: row.metrics,
      approvals: row.approvals,
      inForce: row.inForce,
      lineage: [computeOf(row.version, row.run, row.allocations), ...base.lineage],
      externalBase: base.externalBase,
      release: row.release,
    };
  });
}
