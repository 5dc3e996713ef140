import { canonicalJson, sha256Hex, stableId } from "../../../runtime/canonical.js";
import { emptyRows, type Rows, type VersionRef } from "./rows.js";
import { AI_LINEAGE_FACET } from "./schemas.js";
import { kindOf } from "./validate.js";

type Obj = Record<string, any>;

/** Run states of the spec; OTHER adds facts without changing the state. */
const STATES = new Set(["START", "RUNNING", "COMPLETE", "ABORT", "FAIL"]);

export const jobId = (namespace: string, name: string) => stableId("job", namespace, name);
export const datasetId = (namespace: string, name: string) => stableId("ds", "openlineage", namespace, name);
/** One id per dataset version: the same formula as registerDatasetVersion, so both name one node. */
export const versionId = (dsId: string, version: string) => stableId("dsv", dsId, version);
/** Version of an output no `version` facet names: one per writing run. */
export const runVersion = (runId: string) => `run:${runId}`;
export const fieldId = (versionId: string, name: string) => stableId("fld", versionId, name);
/** Schemas seen lately, by their plain JSON: a pipeline reports the same few over and over. */
const recentSchemas = new Map<string, { id: string; facet: string }>();
const RECENT_SCHEMAS = 1000;

/** A schema facet as stored (canonical JSON) and its content-addressed DatasetSchema id. */
export function schemaOf(facet: unknown): { id: string; facet: string } {
  const key = JSON.stringify(facet);
  let known = recentSchemas.get(key);
  if (!known) {
    const json = canonicalJson(facet);
    known = { id: `sch_${sha256Hex(json)}`, facet: json };
    if (recentSchemas.size >= RECENT_SCHEMAS) recentSchemas.clear();
    recentSchemas.set(key, known);
  }
  return known;
}
export const trainingRunId = (modelVersionId: string) => stableId("run", modelVersionId);
/** The raw event's id: its content hash, so the same event sent twice is stored once. */
export const eventId = (event: unknown) => `ole_${sha256Hex(canonicalJson(event))}`;
/** Marquez node ids. */
export const datasetNodeKey = (ns: string, name: string) => `dataset:${ns}:${name}`;
export const jobNodeKey = (ns: string, name: string) => `job:${ns}:${name}`;

/**
 * Every facet kept as a fact: property `facet_<key>` holding its JSON (custom facets too). The
 * `schema` facet is the exception: it becomes the version's DatasetSchema node instead.
 */
function facts(facets: Obj | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(facets ?? {})) {
    if (key === "schema" || (value && typeof value === "object" && value._deleted === true)) continue;
    out[`facet_${key.replace(/[^A-Za-z0-9_]/g, "_")}`] = JSON.stringify(value);
  }
  return out;
}

const transformationOf = (inputField: Obj): string =>
  (inputField.transformations as Obj[] | undefined)?.map((t) => [t.type, t.subtype].filter(Boolean).join("/")).join(", ") || "column lineage";

/**
 * Maps one valid event into graph rows (see docs/openlineage.md for the table). Pure: no I/O.
 * Inputs without a `version` facet are refs to resolve against the graph (the latest version
 * written at or before the event); outputs without one get a version per writing run.
 */
export function mapEvent(event: Obj): Rows {
  const rows = emptyRows();
  const kind = kindOf(event);
  const at: string = new Date(event.eventTime).toISOString();
  const job = event.job as Obj | undefined;
  const run = event.run as Obj | undefined;
  const jId = job ? jobId(job.namespace, job.name) : null;
  const runId: string | null = run ? String(run.runId).toLowerCase() : null;
  rows.events.push({
    id: eventId(event), kind, eventType: event.eventType ?? null, eventTime: at, producer: event.producer, runId, jobId: jId,
    datasetId: event.dataset ? datasetId(event.dataset.namespace, event.dataset.name) : null, json: JSON.stringify(event),
  });
  if (job) rows.jobs.push({ id: jId!, namespace: job.namespace, name: job.name, nodeKey: jobNodeKey(job.namespace, job.name), facts: facts(job.facets) });
  const runFacets: Obj = run?.facets ?? {};
  if (run && job) {
    const p = runFacets.parent as Obj | undefined;
    const eventType = event.eventType ?? null;
    rows.runs.push({
      id: runId!, name: `${job.name} run ${runId!.slice(0, 8)}`, jobId: jId!, state: STATES.has(eventType) ? eventType : null, eventType, at,
      props: {
        nominalStartTime: runFacets.nominalTime?.nominalStartTime ?? null,
        nominalEndTime: runFacets.nominalTime?.nominalEndTime ?? null,
        errorMessage: runFacets.errorMessage?.message ?? null,
        parentRunId: p ? String(p.run.runId).toLowerCase() : null,
      },
      facts: facts(runFacets),
      parent: p ? { id: String(p.run.runId).toLowerCase(), jobId: jobId(p.job.namespace, p.job.name), namespace: p.job.namespace, name: p.job.name, nodeKey: jobNodeKey(p.job.namespace, p.job.name) } : null,
    });
  }
  const dataset = (d: Obj) => {
    const id = datasetId(d.namespace, d.name);
    rows.datasets.push({ id, namespace: d.namespace, name: d.name, nodeKey: datasetNodeKey(d.namespace, d.name), facts: {} });
    return id;
  };
  /** A version node this event names; facts of the dataset's facets go on it. */
  const version = (dsId: string, d: Obj, name: string, provenance: string | null): VersionRef => {
    const id = versionId(dsId, name);
    rows.versions.push({ id, datasetId: dsId, version: name, at, provenance, facts: facts({ ...d.facets, ...d.inputFacets, ...d.outputFacets }) });
    return { datasetId: dsId, versionId: id, at };
  };
  const schemaFields = (ref: VersionRef, d: Obj) => {
    const schema = d.facets?.schema as Obj | undefined;
    if (schema?.fields?.length && schema._deleted !== true) rows.schemas.push({ ref, ...schemaOf(schema) });
  };

  if (kind === "DatasetEvent") {
    const d = event.dataset as Obj;
    const dsId = dataset(d);
    const v = d.facets?.version?.datasetVersion;
    if (v) schemaFields(version(dsId, d, String(v), null), d);
    else rows.datasets[rows.datasets.length - 1].facts = facts(d.facets);
    return rows;
  }

  const inputs = new Map<string, VersionRef>();
  for (const d of (event.inputs ?? []) as Obj[]) {
    const dsId = dataset(d);
    const v = d.facets?.version?.datasetVersion;
    const ref: VersionRef = v ? version(dsId, d, String(v), null) : { datasetId: dsId, versionId: null, at };
    if (!v && (d.facets || d.inputFacets)) rows.datasets[rows.datasets.length - 1].facts = facts({ ...d.facets, ...d.inputFacets });
    inputs.set(`${d.namespace}/${d.name}`, ref);
    schemaFields(ref, d);
    rows.io.push({ runId, jobId: jId!, datasetId: dsId, ref, direction: "READ" });
  }
  const how = `OpenLineage job ${job!.namespace}/${job!.name}`;
  for (const d of (event.outputs ?? []) as Obj[]) {
    const dsId = dataset(d);
    const v = d.facets?.version?.datasetVersion ?? (runId ? runVersion(runId) : null);
    // A JobEvent's outputs have no writing run: only the job-level edge is known.
    const ref: VersionRef = v ? version(dsId, d, String(v), runId ? `OpenLineage: written by job ${job!.namespace}/${job!.name}, run ${runId}` : null) : { datasetId: dsId, versionId: null, at };
    schemaFields(ref, d);
    rows.io.push({ runId, jobId: jId!, datasetId: dsId, ref, direction: "WRITE" });
    if (!ref.versionId) continue;
    for (const input of inputs.values()) if (input.datasetId !== dsId) rows.derivations.push({ outputId: ref.versionId, input, transformation: how });
    for (const [outField, lineage] of Object.entries((d.facets?.columnLineage?.fields ?? {}) as Obj)) {
      for (const inf of (lineage.inputFields ?? []) as Obj[]) {
        const input = inputs.get(`${inf.namespace}/${inf.name}`) ?? { datasetId: datasetId(inf.namespace, inf.name), versionId: null, at };
        if (!inputs.has(`${inf.namespace}/${inf.name}`)) dataset({ namespace: inf.namespace, name: inf.name });
        rows.fieldEdges.push({ output: ref, outputField: outField, input, inputField: inf.field, transformation: transformationOf(inf) });
      }
    }
  }
  const ai = runFacets[AI_LINEAGE_FACET] as Obj | undefined;
  if (ai && runId) {
    const roles = (ai.roles ?? {}) as Record<string, string>;
    rows.training.push({
      runId, modelVersionId: ai.modelVersionId ?? null, artifactDigest: ai.artifactDigest ?? null, at,
      inputs: [...inputs].map(([key, ref]) => ({ ref, role: roles[key] ?? "TRAINING" })),
    });
  }
  return rows;
}
