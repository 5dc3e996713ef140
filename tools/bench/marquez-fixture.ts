// A pipeline graph in OpenLineage terms, built through POST /api/v1/lineage/batch: `jobs` jobs in
// LAYERS layers, each job writing OUTPUTS datasets (a main table, read by the next layer, and side
// tables), so the graph has jobs x OUTPUTS datasets. A job of layer l > 0 reads the main tables of
// two jobs of layer l - 1; every output carries a schema facet and a columnLineage facet naming the
// input columns it derives from. One COMPLETE RunEvent per job.
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { throughput } from "./measure.js";

const LAYERS = 20;
const OUTPUTS = 5;
const FIELDS = ["id", "amount", "customer_id", "updated_at"];
const PRODUCER = "https://github.com/ai-lineage/bench";
const facet = (name: string, extra: Record<string, unknown>) => ({ _producer: PRODUCER, _schemaURL: `https://openlineage.io/spec/facets/1-0-1/${name}.json#/$defs/${name}`, ...extra });
const SCHEMA = facet("SchemaDatasetFacet", { fields: FIELDS.map((name, k) => ({ name, type: k === 1 ? "decimal(12,2)" : "bigint" })) });

export interface MarquezGraph {
  jobs: number;
  datasets: number;
  events: number;
  seconds: number;
  /** Marquez node ids (`dataset:<ns>:<name>`) of main tables in the middle layer: the walks start there. */
  starts: string[];
}

/** Builds the graph; events go layer by layer (an input is read after it was written), `concurrency` batches in flight. */
export async function buildMarquezGraph(base: string, token: string, jobs: number, opts: { batch?: number; concurrency?: number; log?: (s: string) => void } = {}): Promise<MarquezGraph> {
  const tag = randomUUID().slice(0, 8);
  const width = Math.ceil(jobs / LAYERS);
  const dsNs = `postgres://bench-${tag}:5432`;
  const jobNs = `airflow-bench-${tag}`;
  const table = (l: number, i: number, k: number) => ({ namespace: dsNs, name: `warehouse.l${l}.t${i}_${k}` });
  const event = (l: number, i: number) => {
    const other = (i * 7 + 3) % width === i % width ? (i + 1) % width : (i * 7 + 3) % width;
    const inputs = l === 0 ? [] : [...new Set([i % width, other])].map((j) => table(l - 1, j, 0));
    const columnLineage = inputs.length
      ? facet("ColumnLineageDatasetFacet", { fields: Object.fromEntries(FIELDS.map((f, k) => [f, { inputFields: (k === 0 ? inputs : inputs.slice(0, 1)).map((d) => ({ ...d, field: f, transformations: [{ type: "DIRECT", subtype: k === 1 ? "AGGREGATION" : "IDENTITY" }] })) }])) })
      : undefined;
    return {
      eventType: "COMPLETE",
      eventTime: new Date(Date.UTC(2026, 0, 1) + (l * width + i) * 1000).toISOString(),
      producer: PRODUCER,
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      run: { runId: randomUUID() },
      job: { namespace: jobNs, name: `etl.layer_${l}.job_${i}` },
      inputs,
      outputs: Array.from({ length: OUTPUTS }, (_, k) => ({ ...table(l, i, k), facets: { schema: SCHEMA, ...(columnLineage ? { columnLineage } : {}) } })),
    };
  };
  const size = opts.batch ?? 100;
  const endpoint = `${base}/api/v1/lineage/batch`;
  const post = async (body: Buffer) => {
    const res = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", "content-encoding": "gzip", authorization: `Bearer ${token}` }, body: new Uint8Array(body) });
    const answer = (await res.json()) as { summary?: { failed: number } };
    if (res.status !== 200 || !answer.summary || answer.summary.failed > 0) throw new Error(`batch refused (${res.status}): ${JSON.stringify(answer).slice(0, 300)}`);
  };
  let events = 0;
  let seconds = 0;
  for (let l = 0; l < LAYERS; l++) {
    const layer = Array.from({ length: Math.min(width, jobs - l * width) }, (_, i) => event(l, i));
    if (!layer.length) break;
    const bodies: Buffer[] = [];
    for (let i = 0; i < layer.length; i += size) bodies.push(gzipSync(JSON.stringify(layer.slice(i, i + size))));
    const t0 = performance.now();
    await throughput((b) => post(bodies[b]), bodies.length, opts.concurrency ?? 4);
    seconds += (performance.now() - t0) / 1000;
    events += layer.length;
    opts.log?.(`layer ${l + 1}/${LAYERS}: ${events} jobs, ${events * OUTPUTS} datasets, ${Math.round(events / seconds)} events/s`);
  }
  const mid = Math.floor(LAYERS / 2);
  const starts = Array.from({ length: Math.min(width, 200) }, (_, i) => { const t = table(mid, i, 0); return `dataset:${t.namespace}:${t.name}`; });
  return { jobs: events, datasets: events * OUTPUTS, events, seconds, starts };
}
