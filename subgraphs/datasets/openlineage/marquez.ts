import type { JobDatasetEdge, MarquezRows } from "./read-store.js";

type Obj = Record<string, any>;
const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : undefined);

/** Facets kept as `facet_<key>` properties, back as an object. */
function facetsOf(props: Obj | null | undefined): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(props ?? {})) if (k.startsWith("facet_")) out[k.slice(6)] = parse(v);
  return out;
}

/** Marquez's run states for OpenLineage's event types. */
const RUN_STATE: Record<string, string> = { START: "RUNNING", RUNNING: "RUNNING", COMPLETE: "COMPLETED", FAIL: "FAILED", ABORT: "ABORTED" };

const edge = (origin: string, destination: string) => ({ origin, destination });

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
  const datasets = rows.datasets.map(({ dataset: d, version: v, schema, columns }: Obj) => {
    // The version's schema facet (its DatasetSchema node); else the columns lineage named.
    const schemaFacet = schema ? (JSON.parse(schema) as Obj) : undefined;
    const fields: Obj[] = schemaFacet?.fields ?? columns;
    const facets: Obj = { ...facetsOf(d), ...facetsOf(v), ...(schemaFacet ? { schema: schemaFacet } : {}) };
    return node(d.nodeKey, "DATASET", {
      id: { namespace: d.namespace, name: d.name },
      type: "DB_TABLE",
      name: d.name,
      physicalName: d.name,
      namespace: d.namespace,
      sourceName: facets.dataSource?.name ?? null,
      createdAt: d.createdAt,
      updatedAt: v?.createdAt ?? d.createdAt,
      currentVersion: v?.version ?? null,
      fields: fields.map((f) => ({ name: f.name, type: f.type ?? null, tags: [], description: f.description ?? null })),
      description: facets.documentation?.description ?? null,
      facets,
    });
  });
  const jobs = rows.jobs.map(({ job: j, latestRun: r, inputs, outputs }: Obj) =>
    node(j.nodeKey, "JOB", {
      id: { namespace: j.namespace, name: j.name },
      type: "BATCH",
      name: j.name,
      simpleName: j.name.split(".").pop(),
      namespace: j.namespace,
      inputs,
      outputs,
      createdAt: j.createdAt,
      location: facetsOf(j).sourceCodeLocation?.url ?? null,
      description: facetsOf(j).documentation?.description ?? null,
      latestRun: r ? { id: r.runId, state: RUN_STATE[r.state] ?? "NEW", startedAt: r.startedAt ?? null, endedAt: r.endedAt ?? null, nominalStartTime: r.nominalStartTime ?? null, nominalEndTime: r.nominalEndTime ?? null } : null,
      facets: facetsOf(j),
    }),
  );
  return { graph: [...datasets, ...jobs] };
}
