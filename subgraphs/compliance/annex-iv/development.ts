import type { Props } from "../../../runtime/mutation.js";
import { EU_MEMBER_STATES } from "../../../runtime/validate.js";
import { estimateFlops, flopsMethod, isPrecision } from "../../../runtime/domain/flops.js";
import type { AnnexIvFacts, DocumentedVersion } from "./facts.js";
import { Checks, joined, type Block, type Section } from "../docs/model.js";
import { approvalData, approvalLine, dataLabel, metricLine, num, sci, sumKnown, text } from "../docs/values.js";

/** Data-governance facts of a dataset version (Annex IV 2(d), Art. 10(2)-(3)), with what each is. */
export const GOVERNANCE_FACTS: [field: string, hint: string][] = [
  ["provenance", "where the data came from, Annex IV 2(d)"],
  ["scope", "what the data covers, Annex IV 2(d)"],
  ["characteristics", "main characteristics, Annex IV 2(d)"],
  ["selectionMethod", "how the data was obtained and selected, Annex IV 2(d)"],
  ["collectionMethod", "data collection process, Art. 10(2)(b)"],
  ["labelling", "labelling procedure, Annex IV 2(d)"],
  ["cleaning", "data cleaning, Annex IV 2(d)"],
  ["assumptions", "what the data is assumed to measure and represent, Art. 10(2)(d)"],
  ["rowCount", "number of data points, Art. 10(2)(e)"],
  ["biasExamination", "examination for possible biases, Art. 10(2)(f)"],
  ["biasMitigation", "measures against biases, Art. 10(2)(g)"],
  ["knownGaps", "data gaps or shortcomings, Art. 10(2)(h)"],
  ["legalBasis", "legal basis of the data, Art. 10(5)"],
];
const REGISTER_DATASET = "register a new dataset version with it and train on that";

const inEu = (code: unknown) => code === "EU" || (typeof code === "string" && EU_MEMBER_STATES.has(code));

/** Personal data under EU jurisdiction trained on compute outside the EU sovereignty zone. */
export function sovereigntyFindings(d: DocumentedVersion, upstream: AnnexIvFacts["upstream"]): string[] {
  const out: string[] = [];
  const data = [...d.datasets, ...upstream.map((u) => u.node)];
  for (const ds of data) {
    if (!ds.containsPersonalData || !inEu(ds.jurisdiction)) continue;
    for (const c of d.compute) {
      if (c.zone !== "EU") out.push(`DatasetVersion ${ds.id} (${dataLabel(ds)}): personal data under ${ds.jurisdiction} jurisdiction trained outside the EU sovereignty zone (ComputeAllocation ${c.id} at Site ${c.siteId ?? "unknown"}, ${c.country ?? "?"})`);
    }
  }
  return out;
}

function computeOf(d: DocumentedVersion) {
  const precision = isPrecision(d.run?.precision) ? d.run.precision : null;
  const allocations = d.compute.map((a) => ({
    id: a.id, gpuModel: a.gpuModel, gpuCount: a.gpuCount, gpuHours: a.gpuHours ?? null, energyKWh: a.energyKWh ?? null,
    startedAt: a.startedAt, endedAt: a.endedAt ?? null, cluster: a.clusterName, siteId: a.siteId, country: a.country, sovereigntyZone: a.zone ?? null,
  }));
  return {
    allocations,
    gpuHours: sumKnown(allocations.map((a) => a.gpuHours as number | null)),
    energyKWh: sumKnown(allocations.map((a) => a.energyKWh as number | null)),
    // The recorded training precision when there is one, else the maximum over precisions (Annex IV 2(c), Annex XI 1(2)(d)).
    precision,
    estimatedFlops: estimateFlops(allocations.map((a) => ({ gpuHours: a.gpuHours as number | null, gpuModel: String(a.gpuModel ?? "") })), precision),
    flopsMethod: flopsMethod(precision),
  };
}

/** Annex IV(2): how the system was developed, per documented model version. */
export function developmentSection(f: AnnexIvFacts): Section {
  const c = new Checks();
  const sid = f.system.id as string;
  const blocks: Block[] = [];
  const sources = new Set<string>();
  const versions = f.documented.map((d) => {
    const mv = d.version;
    const mvId = mv.id as string;
    sources.add(mvId);
    const run = d.run;
    const compute = computeOf(d);
    const validation = d.datasets.filter((x) => x.role === "VALIDATION" || x.role === "TEST");
    const approval = f.inForce.get(mvId);
    if (approval) sources.add(approval.id as string);
    blocks.push({
      kind: "fields",
      heading: `Model ${d.modelName}, version ${mv.version} (${mvId})`,
      rows: [
        ["(a) Methodology", run ? c.need("TrainingRun", run.id as string, "methodology", text(run.methodology), "training methods and steps, Annex IV 2(a)") : null],
        ["(a) Pre-trained component", (mv.baseModel as string | undefined) ?? null],
        ["(b) Design rationale", c.need("ModelVersion", mvId, "designRationale", text(mv.designRationale), "key design choices and rationale, Annex IV 2(b)")],
        ["(b) Optimisation objective", c.need("ModelVersion", mvId, "optimisationObjective", text(mv.optimisationObjective), "what the system optimises, Annex IV 2(b)")],
        ["(c) Architecture", c.need("ModelVersion", mvId, "architecture", text(mv.architecture), "system architecture, Annex IV 2(c)")],
        ["(c) Parameters", num(mv.parameterCount as number | null)],
        ["Artifact digest", mv.artifactDigest as string],
        ["Training run", c.need("ModelVersion", mvId, "trainingRun", run ? `${run.id}: ${run.startedAt} to ${run.endedAt ?? "(open)"}, code ${run.codeRevision ?? "?"}` : null, "the training run that produced it (recordTrainingRun), Annex IV 2(a)")],
        ["(c) Compute: GPU-hours", num(compute.gpuHours)],
        ["(c) Compute: energy (kWh)", num(compute.energyKWh)],
        ["(c) Compute: estimated FLOPs", sci(compute.estimatedFlops)],
        ["(g) Approval in force", c.need("ModelVersion", mvId, "approval", approval?.decision === "APPROVED" ? approvalLine(approval) : null, "a signed APPROVED decision by a responsible person (decideApproval), Annex IV 2(g)")],
      ],
    });
    if (run) {
      sources.add(run.id as string);
      c.need("TrainingRun", run.id as string, "codeRevision", run.codeRevision ?? null, "version of the training code, Annex IV 1(c)");
      c.need("TrainingRun", run.id as string, "computeAllocations", d.compute, "GPU allocations used to develop, train, test and validate, Annex IV 2(c)");
      for (const a of d.compute) {
        sources.add(a.id as string);
        c.need("ComputeAllocation", a.id as string, "gpuHours", a.gpuHours ?? null, "GPU-hours, Annex IV 2(c)");
        c.need("ComputeAllocation", a.id as string, "energyKWh", a.energyKWh ?? null, "energy consumed, Annex IV 2(c)");
      }
      if (d.compute.length && compute.gpuHours !== null) c.need("TrainingRun", run.id as string, "estimatedFlops", compute.estimatedFlops, "needs a GPU model of known peak throughput, Annex IV 2(c)");
      c.need("TrainingRun", run.id as string, "datasets", d.datasets.filter((x) => x.role === "TRAINING"), "training datasets, Annex IV 2(d)");
      c.need("TrainingRun", run.id as string, "validation or test datasets", validation, "data used for validation and testing (role VALIDATION or TEST), Annex IV 2(g)");
    }
    if (compute.allocations.length) {
      blocks.push({
        kind: "table",
        heading: "(c) Compute allocations",
        columns: ["Allocation", "GPU", "GPUs", "GPU-hours", "Energy kWh", "Site", "Zone"],
        rows: compute.allocations.map((a) => [a.id as string, a.gpuModel as string, a.gpuCount as number, num(a.gpuHours as number | null), num(a.energyKWh as number | null), `${a.siteId ?? "?"} (${a.country ?? "?"})`, (a.sovereigntyZone as string | null) ?? null]),
      });
    }
    const datasets = d.datasets.map((ds) => datasetData(c, f, ds, sources));
    if (datasets.length) {
      blocks.push({
        kind: "table",
        heading: "(d) Datasets with provenance and governance facts",
        columns: ["Dataset version", "Role", "Provenance", "Rows", "Personal data", "Jurisdiction", "Legal basis", "Approval"],
        rows: d.datasets.map((ds) => [`${dataLabel(ds)} (${ds.id})`, ds.role, ds.provenance as string, (ds.rowCount as number | null) ?? null, ds.containsPersonalData ? "yes" : "no", ds.jurisdiction as string, (ds.legalBasis as string | null) ?? null, f.inForce.get(ds.id as string)?.decision as string ?? null]),
      });
      for (const ds of d.datasets) {
        blocks.push({ kind: "fields", heading: `Governance of ${dataLabel(ds)} (${ds.id})`, rows: GOVERNANCE_FACTS.map(([field]) => [field, (ds[field] as string | number | null) ?? null]) });
      }
    }
    c.need("ModelVersion", mvId, "metrics", d.metrics, "validation and test metrics (recordMetrics), Annex IV 2(g)");
    for (const m of d.metrics) sources.add(m.id as string);
    if (d.metrics.length) blocks.push({ kind: "list", heading: "(g) Validation and test metrics", items: d.metrics.map(metricLine) });
    return {
      id: mvId, model: d.modelName, version: mv.version, artifactDigest: mv.artifactDigest, architecture: text(mv.architecture),
      designRationale: text(mv.designRationale), optimisationObjective: text(mv.optimisationObjective), parameterCount: mv.parameterCount ?? null,
      baseModel: mv.baseModel ?? null, licence: mv.licence ?? null, modalities: mv.modalities ?? [],
      trainingRun: run ? { id: run.id, methodology: run.methodology ?? null, codeRevision: run.codeRevision ?? null, startedAt: run.startedAt, endedAt: run.endedAt ?? null, parameters: run.parametersJson ? JSON.parse(run.parametersJson as string) : null } : null,
      compute,
      datasets,
      validation: { datasetIds: validation.map((x) => x.id), metrics: d.metrics.map(metricData), approval: approval ? approvalData(approval) : null },
    };
  });
  if (f.documented.length === 0) c.need("AISystem", sid, "models", [], "at least one model with a version (registerModel, registerModelVersion), Annex IV 2");
  for (const u of f.upstream) sources.add(u.node.id as string);
  if (f.upstream.length) {
    blocks.push({
      kind: "table",
      heading: "(d) Upstream provenance (derivations)",
      columns: ["Dataset version", "Provenance", "Derived from (transformation)"],
      rows: f.upstream.map((u) => [`${dataLabel(u.node)} (${u.node.id})`, u.node.provenance as string, joined(u.edges.map((e) => `${e.to} (${e.transformation})`))]),
    });
  }
  const p = f.profile;
  const need = (field: string, value: unknown, hint: string) => c.need("ComplianceProfile", sid, field, value ?? null, `${hint}; record with recordSystemCompliance`);
  blocks.push({
    kind: "fields",
    heading: "System-level measures",
    rows: [
      ["(e) Human oversight measures (Art. 14)", need("humanOversightMeasures", p?.humanOversightMeasures, "human-oversight measures, Annex IV 2(e)") as string | null],
      ["(f) Pre-determined changes", need("predeterminedChanges", p?.predeterminedChanges, "pre-determined changes and how conformity is kept, Annex IV 2(f)") as string | null],
      ["(h) Cybersecurity measures (Art. 15)", need("cybersecurityMeasures", p?.cybersecurityMeasures, "cybersecurity measures, Annex IV 2(h)") as string | null],
    ],
  });
  return {
    number: "2",
    title: "Detailed description of the elements of the system and of the process for its development",
    ref: "Annex IV(2)",
    blocks,
    data: {
      modelVersions: versions,
      upstreamDatasets: f.upstream.map((u) => ({ ...u.node, derivedFrom: u.edges })),
      humanOversightMeasures: p?.humanOversightMeasures ?? null,
      predeterminedChanges: p?.predeterminedChanges ?? null,
      cybersecurityMeasures: p?.cybersecurityMeasures ?? null,
    },
    sources: [...sources],
    checks: c.list,
  };
}

function datasetData(c: Checks, f: AnnexIvFacts, ds: Props & { role: string }, sources: Set<string>) {
  const id = ds.id as string;
  sources.add(id);
  const out: Record<string, unknown> = {
    id, dataset: ds.datasetName ?? null, version: ds.version, role: ds.role, contentDigest: ds.contentDigest,
    containsPersonalData: ds.containsPersonalData, jurisdiction: ds.jurisdiction,
    derivedFrom: ((ds.derivedFromIds as string[] | undefined) ?? []).map((to, i) => ({ to, transformation: (ds.derivedFromTransformations as string[] | undefined)?.[i] ?? null })),
  };
  for (const [field, hint] of GOVERNANCE_FACTS) out[field] = c.need("DatasetVersion", id, field, ds[field] ?? null, `${hint}; ${REGISTER_DATASET}`);
  if (ds.containsPersonalData) out.originalPurpose = c.need("DatasetVersion", id, "originalPurpose", ds.originalPurpose ?? null, `original purpose of collection of personal data, Art. 10(2)(b); ${REGISTER_DATASET}`);
  const approval = f.inForce.get(id);
  c.need("DatasetVersion", id, "approval", approval?.decision === "APPROVED" ? approval : null, "an APPROVED decision on the dataset version (decideApproval)");
  if (approval) sources.add(approval.id as string);
  out.approval = approval ? approvalData(approval) : null;
  return out;
}

export const metricData = (m: Props) => ({
  id: m.id, name: m.name, value: m.value, threshold: m.threshold ?? null, lowerIsBetter: m.lowerIsBetter ?? false,
  passed: m.passed ?? null, subgroup: m.subgroup ?? null, datasetVersionId: m.datasetVersionId ?? null, recordedBy: m.recordedBy ?? null, createdAt: m.createdAt,
});
