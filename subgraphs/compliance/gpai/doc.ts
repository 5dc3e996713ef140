import { ENERGY_ESTIMATE_METHOD, flopsMethod } from "../../../runtime/domain/flops.js";
import { metricData } from "../annex-iv/development.js";
import { Checks, joined, type DocModel } from "../docs/model.js";
import { approvalData, dataLabel, metricLine, num, sci, sumKnown, text } from "../docs/values.js";
import type { GpaiFacts } from "./facts.js";

/** Version of the GPAI document's JSON form. */
export const GPAI_SCHEMA = "gpai-annex-xi/1";
/** Art. 51(2): a model trained with more cumulative compute is presumed to have high-impact capabilities. */
export const SYSTEMIC_RISK_FLOPS = 1e25;

/** Cumulative training compute across the version and its base models, and whether it is complete. */
export function cumulativeCompute(f: GpaiFacts) {
  const flops = sumKnown(f.lineage.map((l) => l.flops));
  return {
    flops,
    known: flops !== null && f.externalBase === null,
    energyKWh: sumKnown(f.lineage.map((l) => l.energyKWh)),
    // Art. 51(2): true once the estimate passes 10^25; false only when the whole lineage's compute is known; else null (unknown).
    presumedSystemicRisk: flops !== null && flops > SYSTEMIC_RISK_FLOPS ? true : flops !== null && f.externalBase === null ? false : null,
  };
}

/**
 * Art. 51(2) answer: "yes" as soon as the (upper-bound) estimate passes 10^25 FLOPs; "no" only
 * when the whole lineage's compute is known and stays at or below it; otherwise "unknown".
 */
export function systemicRiskAnswer(total: ReturnType<typeof cumulativeCompute>, externalBase: string | null): string {
  if (total.presumedSystemicRisk) return "YES: above 10^25 FLOPs; notify the Commission within 2 weeks (Art. 52(1))";
  if (total.flops === null) return "unknown: training compute not recorded";
  if (!total.known) return `unknown: ${sci(total.flops)} FLOPs is a lower bound, the compute of base model ${externalBase} is not in the graph`;
  return "no: the estimated upper bound is at most 10^25 FLOPs";
}

/** Builds the Annex XI Section 1 technical documentation of a general-purpose model (Art. 53(1)(a)). */
export function buildGpaiDoc(f: GpaiFacts, generatedAt: string): DocModel {
  const v = f.version;
  const id = v.id as string;
  const own = f.lineage[0];
  const total = cumulativeCompute(f);
  const label = `${f.model?.name ?? "model"} ${v.version}`;
  const general = new Checks();
  const dev = new Checks();
  const data = new Checks();
  const compute = new Checks();
  const hours = own.startedAt && own.endedAt ? (Date.parse(own.endedAt) - Date.parse(own.startedAt)) / 3_600_000 : null;
  const approval = f.inForce;

  general.need("ModelVersion", id, "architecture", text(v.architecture), "architecture, Annex XI 1(1)(d)");
  general.need("ModelVersion", id, "parameterCount", v.parameterCount ?? null, "number of parameters, Annex XI 1(1)(d)");
  general.need("ModelVersion", id, "modalities", v.modalities ?? null, "modality and format of inputs and outputs, Annex XI 1(1)(e)");
  general.need("ModelVersion", id, "licence", text(v.licence), "licence, Annex XI 1(1)(f)");
  dev.need("ModelVersion", id, "trainingRun", f.run, "the training run (recordTrainingRun), Annex XI 1(2)(b)");
  dev.need("ModelVersion", id, "designRationale", text(v.designRationale), "key design choices and rationale, Annex XI 1(2)(b)");
  dev.need("ModelVersion", id, "optimisationObjective", text(v.optimisationObjective), "what the training optimises, Annex XI 1(2)(b)");
  if (f.run) dev.need("TrainingRun", f.run.id as string, "methodology", text(f.run.methodology), "training methodologies and techniques, Annex XI 1(2)(b)");
  if (f.run) data.need("TrainingRun", f.run.id as string, "datasets", f.datasets, "data used for training, testing and validation, Annex XI 1(2)(c)");
  for (const d of f.datasets) {
    for (const [field, hint] of [["provenance", "provenance"], ["characteristics", "type and main characteristics"], ["selectionMethod", "how the data was obtained and selected"], ["cleaning", "curation (cleaning, filtering)"], ["rowCount", "number of data points"], ["biasExamination", "measures to detect identifiable biases"]] as const) {
      data.need("DatasetVersion", d.id as string, field, d[field] ?? null, `${hint}, Annex XI 1(2)(c)`);
    }
  }
  if (f.run) {
    compute.need("TrainingRun", f.run.id as string, "computeAllocations", own.allocations, "computational resources used to train, Annex XI 1(2)(d)");
    compute.need("TrainingRun", f.run.id as string, "endedAt", text(f.run.endedAt), "training time, Annex XI 1(2)(d)");
    for (const a of own.allocations) {
      compute.need("ComputeAllocation", a.id as string, "gpuHours", a.gpuHours ?? null, "GPU-hours, Annex XI 1(2)(d)");
      // Annex XI 1(2)(e) accepts an estimate, so a missing measurement is estimated, not missing - unless the GPU is unknown too.
      compute.need("ComputeAllocation", a.id as string, "energyKWh", a.energyKWh ?? (own.energyKWh === null ? null : "estimated"), "known or estimated energy consumption, Annex XI 1(2)(e)");
    }
    if (own.allocations.length && own.gpuHours !== null) compute.need("TrainingRun", f.run.id as string, "estimatedFlops", own.flops, "needs a GPU model of known peak throughput, Annex XI 1(2)(d)");
  }
  const risk = new Checks();
  if (f.externalBase) risk.need("ModelVersion", id, "baseModel compute", null, `base model ${f.externalBase} is not a model version in the graph: its training compute is unknown, so the cumulative compute (Art. 51(2)) is a lower bound`);

  return {
    schema: GPAI_SCHEMA,
    title: `Technical documentation of a general-purpose AI model (Art. 53, Annex XI): ${label}`,
    subject: { type: "ModelVersion", id, label },
    generatedAt,
    summary: [
      ["Model version", `${label} (${id})`],
      ["Provider", (f.system?.providerName as string | undefined) ?? null],
      ["Cumulative training compute (FLOPs)", total.flops === null ? null : `${sci(total.flops)}${total.known ? "" : " (lower bound)"}`],
      ["Systemic risk presumed (Art. 51(2))", systemicRiskAnswer(total, f.externalBase)],
    ],
    findings: total.presumedSystemicRisk ? [`Cumulative training compute ${sci(total.flops)} FLOPs exceeds 10^25: presumed to have high-impact capabilities (Art. 51(2)); notify the Commission within 2 weeks (Art. 52(1)) and meet Art. 55`] : [],
    sections: [
      {
        number: "1", title: "General description of the model", ref: "Annex XI Section 1(1)",
        blocks: [{ kind: "fields", rows: [
          ["(a) Tasks and systems it can be integrated into", text(f.system?.intendedPurpose)],
          ["(c) Release date", general.need("ModelVersion", id, "releasedAt", (f.release?.releasedAt as string | undefined) ?? null, "date the model was placed on the market (recordModelRelease), Annex XI 1(1)(c)")],
          ["Registered in the graph", v.createdAt as string],
          ["(d) Architecture", text(v.architecture)],
          ["(d) Parameters", num(v.parameterCount as number | null)],
          ["(e) Modalities", joined(v.modalities as string[] | null)],
          ["(f) Licence", text(v.licence)],
          ["Base model", text(v.baseModel)],
          ["Artifact digest", v.artifactDigest as string],
        ] }],
        data: { id, model: f.model?.name ?? null, version: v.version, tasks: f.system?.intendedPurpose ?? null, registeredAt: v.createdAt, releasedAt: f.release?.releasedAt ?? null, architecture: v.architecture ?? null, parameterCount: v.parameterCount ?? null, modalities: v.modalities ?? [], licence: v.licence ?? null, baseModel: v.baseModel ?? null, artifactDigest: v.artifactDigest },
        sources: [id, ...(f.model ? [f.model.id as string] : []), ...(f.system ? [f.system.id as string] : [])],
        checks: general.list,
      },
      {
        number: "2", title: "Training process", ref: "Annex XI Section 1(2)(b)",
        blocks: [
          { kind: "fields", rows: [["Methodology", text(f.run?.methodology)], ["Design rationale", text(v.designRationale)], ["Optimisation objective", text(v.optimisationObjective)], ["Training run", f.run ? `${f.run.id}: ${f.run.startedAt} to ${f.run.endedAt ?? "(open)"}` : null], ["Approval", approval ? `${approval.decision} by ${approval.approver} on ${approval.decidedAt}` : null]] },
          { kind: "list", heading: "Evaluation results", items: f.metrics.map(metricLine) },
        ],
        data: { trainingRun: f.run ? { id: f.run.id, methodology: f.run.methodology ?? null, startedAt: f.run.startedAt, endedAt: f.run.endedAt ?? null } : null, designRationale: v.designRationale ?? null, optimisationObjective: v.optimisationObjective ?? null, metrics: f.metrics.map(metricData), approvals: f.approvals.map(approvalData) },
        sources: [...(f.run ? [f.run.id as string] : []), ...f.metrics.map((m) => m.id as string), ...f.approvals.map((a) => a.id as string)],
        checks: dev.list,
      },
      {
        number: "3", title: "Data used for training, testing and validation", ref: "Annex XI Section 1(2)(c)",
        blocks: [{ kind: "table", columns: ["Dataset version", "Role", "Provenance", "Characteristics", "Curation", "Data points"], rows: f.datasets.map((d) => [`${dataLabel(d)} (${d.id})`, d.role, text(d.provenance), text(d.characteristics), text(d.cleaning), (d.rowCount as number | null) ?? null]) }],
        data: { datasets: f.datasets.map((d) => ({ id: d.id, role: d.role, provenance: d.provenance, characteristics: d.characteristics ?? null, selectionMethod: d.selectionMethod ?? null, cleaning: d.cleaning ?? null, rowCount: d.rowCount ?? null, biasExamination: d.biasExamination ?? null })), dataPoints: sumKnown(f.datasets.map((d) => d.rowCount as number | null)) },
        sources: f.datasets.map((d) => d.id as string),
        checks: data.list,
      },
      {
        number: "4", title: "Computational resources and energy", ref: "Annex XI Section 1(2)(d)-(e)",
        blocks: [{ kind: "fields", rows: [["GPU-hours", num(own.gpuHours)], ["Training time (hours)", num(hours)], ["Estimated training compute (FLOPs)", sci(own.flops)], ["Training precision", own.precision ?? "not recorded: the bound takes the maximum over precisions"], ["Method", flopsMethod(own.precision)], ["Energy (kWh)", own.energyKWh === null ? null : `${num(own.energyKWh)}${own.energyEstimated ? ` (${ENERGY_ESTIMATE_METHOD})` : " (measured)"}`]] }],
        data: { gpuHours: own.gpuHours, gpuHoursBasis: "allocated", trainingHours: hours, flops: own.flops, precision: own.precision, flopsBasis: own.precision ? "recorded precision" : "maximum over precisions", flopsMethod: flopsMethod(own.precision), energyKWh: own.energyKWh, energyEstimated: own.energyEstimated, energyMethod: own.energyEstimated ? ENERGY_ESTIMATE_METHOD : "measured", allocations: own.allocations.map((a) => ({ id: a.id, gpuModel: a.gpuModel, gpuCount: a.gpuCount, gpuHours: a.gpuHours ?? null, energyKWh: a.energyKWh ?? null })) },
        sources: own.allocations.map((a) => a.id as string),
        checks: compute.list,
      },
      {
        number: "5", title: "Classification as a model with systemic risk", ref: "Art. 51(2), 52(1)",
        blocks: [{ kind: "table", heading: "Cumulative training compute (this version and its base models)", columns: ["Model version", "FLOPs", "Energy kWh"], rows: f.lineage.map((l) => [l.modelVersionId, sci(l.flops), num(l.energyKWh)]) },
          { kind: "fields", rows: [["Cumulative FLOPs", sci(total.flops)], ["Threshold", "10^25 FLOPs"], ["Presumed systemic risk", systemicRiskAnswer(total, f.externalBase)], ["External base model (compute unknown)", f.externalBase]] }],
        data: { cumulativeFlops: total.flops, cumulativeEnergyKWh: total.energyKWh, complete: total.known, thresholdFlops: SYSTEMIC_RISK_FLOPS, presumedSystemicRisk: total.presumedSystemicRisk, lineage: f.lineage.map((l) => ({ modelVersionId: l.modelVersionId, flops: l.flops, precision: l.precision, energyKWh: l.energyKWh })), externalBase: f.externalBase },
        sources: f.lineage.map((l) => l.modelVersionId),
        checks: risk.list,
      },
    ],
  };
}
