import { createHash } from "node:crypto";
import type { JobDatasetEdge, MarquezRows } from "./read-store.js";

type Obj = Record<string, any>;
const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : undefined);

/** Facets kept as `facet_<key>` properties, back as an object. */
export function facetsOf(props: Obj | null | undefined): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(props ?? {})) if (k.startsWith("facet_")) out[k.slice(6)] = parse(v);
  return out;
}

/** Marquez's run states for OpenLineage's event types. */
export const RUN_STATE: Record<string, string> = { START: "RUNNING", RUNNING: "RUNNING", COMPLETE: "COMPLETED", FAIL: "FAILED", ABORT: "ABORTED" };

/**
 * Marquez names versions by UUID; ours are named by producers (`12`, `run:<runId>`). A version's
 * UUID is derived from its node id (RFC 9562 version 8, name-based on SHA-256): stable, and
 * `GET .../versions/<uuid>` finds it again.
 */
export function versionUuid(nodeId: string): string {
  const h = createHash("sha256").update(nodeId).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const edge = (origin: string, destination: string) => ({ origin, destination });

/** A dataset in Marquez's shape, from a DATASETS row (read-store.ts): its latest version's schema and facets. */
export function datasetData({ dataset: d, version: v, schema, columns, tags = [], fieldTags = [] }: Obj) {
  // The version's schema facet (its DatasetSchema node); else the columns lineage named.
  const schemaFacet = schema ? (JSON.parse(schema) as Obj) : undefined;
  const fields: Obj[] = schemaFacet?.fields ?? columns;
  const facets: Obj = { ...facetsOf(d), ...facetsOf(v), ...(schemaFacet ? { schema: schemaFacet } : {}) };
  return {
    id: { namespace: d.namespace, name: d.name },
    type: "DB_TABLE",
    name: d.name,
    physicalName: d.name,
    namespace: d.namespace,
    sourceName: facets.dataSource?.name ?? null,
    createdAt: d.createdAt,
    updatedAt: v?.createdAt ?? d.createdAt,
    currentVersion: v ? versionUuid(v.id) : null,
    fields: fields.map((f) => ({ name: f.name, type: f.type ?? null, tags: (fieldTags as Obj[]).filter((t) => t.field === f.name).map((t) => t.tag).sort(), description: f.description ?? null })),
    tags: [...tags].sort(),
    lastModifiedAt: v?.writtenAt ?? null,
    lastLifecycleState: facets.lifecycleStateChange?.lifecycleStateChange ?? null,
    description: facets.documentation?.description ?? null,
    facets,
    deleted: false,
  };
}

/** A run in Marquez's shape (IncompleteRun plus facets). */
export function runData(r: Obj | null | undefined) {
  if (!r) return null;
  const started = r.startedAt ?? null;
  const ended = r.endedAt ?? null;
  return {
    id: r.runId,
    createdAt: r.createdAt,
    updatedAt: r.stateAt ?? r.createdAt,
    nominalStartTime: r.nominalStartTime ?? null,
    nominalEndTime: r.nominalEndTime ?? null,
    state: RUN_STATE[r.state] ?? "NEW",
    startedAt: started,
    endedAt: ended,
    durationMs: started && ended ? Date.parse(ended) - Date.parse(started) : null,
    args: {},
    facets: facetsOf(r),
  };
}

/** A job in Marquez's shape, from a JOBS row (read-store.ts). */
export function jobData({ job: j, latestRun: r, inputs, outputs, tags = [] }: Obj) {
  const facets = facetsOf(j);
  const run = runData(r);
  return {
    id: { namespace: j.namespace, name: j.name },
    type: "BATCH",
    name: j.name,
    simpleName: j.name.split(".").pop(),
    namespace: j.namespace,
    inputs,
    outputs,
    createdAt: j.createdAt,
    updatedAt: r?.stateAt ?? j.createdAt,
    location: facets.sourceCodeLocation?.url ?? null,
    description: facets.documentation?.description ?? null,
    latestRun: run,
    latestRuns: run ? [run] : [],
    tags: [...tags].sort(),
    facets,
  };
}

/**
 * Marquez's lineage response: `{graph: [{id, type, data, inEdges, outEdges}]}`. A job's inEdges
 * come from the datasets it reads, its outEdges go to the datasets it writes; a dataset's are
 * the reverse.
 */
export function toMarquez(rows: MarquezRows) {
  const ins = new Map<string, { origin: string; destination: string }[]>();
  const outs = new Map<string, { origin: string; destination: string }[]>();
  const push = (m: typeof ins, k: string, e: { origin: string; destination: string }) => (m.get(k) ?? m.set(k, []).get(k)!).push(e);
  for (const e of rows.edges as JobDatasetEdge[]) {
    const x = e.type === "READS" ? edge(e.datasetKey, e.jobKey) : edge(e.jobKey, e.datasetKey);
    push(outs, x.origin, x);
    push(ins, x.destination, x);
  }
  const node = (id: string, type: string, data: Obj) => ({ id, type, data, inEdges: ins.get(id) ?? [], outEdges: outs.get(id) ?? [] });
  const datasets = rows.datasets.map((row: Obj) => node(row.dataset.nodeKey, "DATASET", datasetData(row)));
  const jobs = rows.jobs.map((row: Obj) => node(row.job.nodeKey, "JOB", jobData(row)));
  return { graph: [...datasets, ...jobs] };
}
