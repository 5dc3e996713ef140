// `npx tsx tools/bench-openlineage.ts [--url http://host:port --token <jwt>] [--events 20000] [--batch 500] [--concurrency 4]`:
// RunEvents per second through POST /api/v1/lineage/batch, each event with three datasets
// (one input, two outputs) carrying schema facets. Against a running gateway with --url and
// --token (lineage:write); without them it starts its own stack (DATA_DIR .data/bench-openlineage),
// also measures the raw-Cypher floor, and prints each process's CPU milliseconds per event (for the
// floor, "load generator" is this process writing through neo4j-driver).
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { cpuSeconds, throughput } from "./bench/measure.js";

export interface OpenLineageBenchOptions {
  /** Gateway base URL, e.g. http://127.0.0.1:4000 (a trailing /graphql is ignored). */
  url: string;
  /** Bearer token with lineage:write. */
  token: string;
  /** RunEvents to send (default 20,000). */
  events?: number;
  /** Events per batch request (default 500). */
  batch?: number;
  /** Batch requests in flight (default 4). */
  concurrency?: number;
  /** Fields per dataset schema facet (default 8). */
  fields?: number;
  log?: (line: string) => void;
}

export interface OpenLineageBenchResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

const PRODUCER = "https://github.com/ai-lineage/bench";
const facet = (name: string, extra: Record<string, unknown>) => ({ _producer: PRODUCER, _schemaURL: `https://openlineage.io/spec/facets/1-2-0/${name}.json#/$defs/${name}`, ...extra });

/** One COMPLETE RunEvent: three datasets (drawn from a pool of 300), each with a schema facet. */
function runEvent(i: number, fields: number, tag: string) {
  const schema = facet("SchemaDatasetFacet", { fields: Array.from({ length: fields }, (_, k) => ({ name: `col_${k}`, type: k % 2 ? "varchar" : "bigint" })) });
  const ds = (k: number) => ({ namespace: `postgres://bench-${tag}:5432`, name: `db.public.table_${k % 300}`, facets: { schema } });
  return {
    eventType: "COMPLETE",
    eventTime: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId: randomUUID() },
    job: { namespace: `bench-${tag}`, name: `job_${i % 50}` },
    inputs: [ds(i)],
    outputs: [ds(i + 1), ds(i + 2)],
  };
}

/** Sends the events in gzip batches, `concurrency` requests in flight; throws on any failed event. */
export async function benchOpenLineage(opts: OpenLineageBenchOptions): Promise<OpenLineageBenchResult> {
  const total = opts.events ?? 20_000;
  const size = opts.batch ?? 500;
  const fields = opts.fields ?? 8;
  const log = opts.log ?? (() => {});
  const endpoint = `${opts.url.replace(/\/graphql$/, "").replace(/\/$/, "")}/api/v1/lineage/batch`;
  const tag = randomUUID().slice(0, 8);
  // Bodies are built before the clock starts: the figure is the server's, not the generator's.
  const bodies: Buffer[] = [];
  for (let i = 0; i < total; i += size) bodies.push(gzipSync(JSON.stringify(Array.from({ length: Math.min(size, total - i) }, (_, k) => runEvent(i + k, fields, tag)))));
  let sent = 0;
  const t0 = performance.now();
  const perSecond = await throughput(async (b) => {
    const res = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", "content-encoding": "gzip", authorization: `Bearer ${opts.token}` }, body: new Uint8Array(bodies[b]) });
    const answer = (await res.json()) as { summary?: { successful: number; failed: number }; error?: unknown };
    if (res.status !== 200 || !answer.summary || answer.summary.failed > 0) throw new Error(`batch refused (${res.status}): ${JSON.stringify(answer).slice(0, 300)}`);
    sent += answer.summary.successful;
    if (b % 10 === 9) log(`${sent} events, ${Math.round(sent / ((performance.now() - t0) / 1000))}/s`);
  }, bodies.length, opts.concurrency ?? 4);
  const seconds = bodies.length / perSecond;
  return { events: sent, seconds, eventsPerSecond: sent / seconds };
}

/**
 * The floor: the graph the same RunEvents must become (raw event kept, run of its job, two new
 * output versions with their schema, lineage edges), written by one raw UNWIND statement per
 * batch through neo4j-driver against the same constraints and indexes (full-text included), with
 * no HTTP, gzip, validation, version resolution, deduplication, facts or audit event. Needs a
 * process connected to the database (runtime/db.ts connect).
 */
export async function benchOpenLineageFloor(opts: Omit<OpenLineageBenchOptions, "url" | "token">): Promise<OpenLineageBenchResult> {
  const { write } = await import("../runtime/db.js");
  const { schemaOf } = await import("../subgraphs/datasets/openlineage/mapping.js");
  const total = opts.events ?? 20_000;
  const size = opts.batch ?? 500;
  const tag = `floor-${randomUUID().slice(0, 8)}`;
  const batches: unknown[][] = [];
  for (let i = 0; i < total; i += size) {
    batches.push(Array.from({ length: Math.min(size, total - i) }, (_, k) => {
      const e = runEvent(i + k, opts.fields ?? 8, tag);
      const ds = (d: (typeof e.inputs)[number]) => ({ id: `${tag}:${d.namespace}:${d.name}`, name: d.name });
      const schema = schemaOf(e.inputs[0].facets.schema);
      return {
        id: `${tag}:${e.run.runId}`, json: JSON.stringify(e), at: e.eventTime, runId: e.run.runId, jobId: `${tag}:${e.job.name}`, job: e.job.name,
        schemaId: schema.id, schema: schema.facet, input: ds(e.inputs[0]),
        outputs: e.outputs.map((o) => ({ ...ds(o), versionId: `${tag}:${o.name}:${e.run.runId}` })),
      };
    }));
  }
  const cypher = `
    UNWIND $rows AS x
    CREATE (:OpenLineageEvent {id: x.id, json: x.json, runId: x.runId, eventTime: x.at})
    MERGE (j:Job {id: x.jobId}) ON CREATE SET j:Entity, j.name = x.job
    CREATE (r:Run:Entity {id: x.runId, name: x.job, state: 'COMPLETE', jobId: x.jobId})-[:RUN_OF]->(j)
    MERGE (s:DatasetSchema {id: x.schemaId}) ON CREATE SET s.facet = x.schema
    MERGE (i:Dataset {id: x.input.id}) ON CREATE SET i:Entity, i.name = x.input.name
    CREATE (r)-[:READ]->(i)
    WITH x, r, s, i
    UNWIND x.outputs AS o
    MERGE (d:Dataset {id: o.id}) ON CREATE SET d:Entity, d.name = o.name
    CREATE (v:DatasetVersion:Entity {id: o.versionId, datasetId: o.id, datasetName: o.name, version: x.runId, writtenAt: x.at})-[:VERSION_OF]->(d)
    CREATE (v)-[:HAS_SCHEMA]->(s), (v)-[:WRITTEN_BY]->(r), (v)-[:DERIVED_FROM]->(i)`;
  const perSecond = await throughput((b) => write({ op: "bench openlineage floor" }, (tx) => tx.run({ cypher, params: { rows: batches[b] } })), batches.length, opts.concurrency ?? 4);
  const seconds = batches.length / perSecond;
  return { events: total, seconds, eventsPerSecond: total / seconds };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: { url: { type: "string" }, token: { type: "string" }, events: { type: "string", default: "20000" }, batch: { type: "string", default: "500" }, concurrency: { type: "string", default: "4" } },
  });
  const log = (line: string) => console.log(`[bench-openlineage] ${line}`);
  let stop = async () => {};
  /** Processes whose CPU time per event is reported (only for the stack started here). */
  let pids: Record<string, number> = {};
  let url = values.url;
  let token = values.token;
  if (!url) {
    process.env.DATA_DIR ??= ".data/bench-openlineage";
    const { provisionNeo4j } = await import("../launcher/neo4j/provision.js");
    const { startStack } = await import("../launcher/stack.js");
    const { issueDevToken } = await import("../runtime/auth/dev-issuer.js");
    const neo4j = await provisionNeo4j({ log });
    const stack = await startStack({ port: 0, subgraphPortBase: 0, neo4j });
    url = stack.gateway.url;
    token = await issueDevToken("bench-openlineage", ["lineage:write"], 3600);
    const { config } = await import("../runtime/config.js");
    const neo4jPid = Number(await readFile(path.join(config.dataDir, "neo4j", "launcher.pid"), "utf8")); // written by the launcher JVM
    pids = { neo4j: neo4jPid, datasets: stack.subgraphs.find((s) => s.name === "datasets")!.pid!, gateway: stack.gateway.pid!, "load generator": process.pid };
    // A stack given its Neo4j leaves it running: stop both, or this process never exits.
    stop = async () => {
      await stack.stop();
      await neo4j.stop();
    };
  }
  if (!token) throw new Error("--token <jwt with lineage:write> is required with --url");
  try {
    const opts = { url, token, batch: Number(values.batch), concurrency: Number(values.concurrency), log };
    log("warm-up: 2,000 events (and as many for the floor, when it is measured)");
    await benchOpenLineage({ ...opts, events: 2000 });
    if (!values.url) await benchOpenLineageFloor({ events: 2000, batch: opts.batch, concurrency: opts.concurrency });
    const events = Number(values.events);
    // CPU per event of each process over a measurement: what the 2,000/s target must fit in.
    const withCpu = async <T>(work: () => Promise<T>): Promise<[T, string]> => {
      const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
      const result = await work();
      return [result, Object.entries(pids).map(([k, pid]) => `${k} ${(((cpuSeconds(pid) - before[k]) * 1000) / events).toFixed(2)}`).join(", ")];
    };
    const [r, routeCpu] = await withCpu(() => benchOpenLineage({ ...opts, events }));
    log(`${r.events} RunEvents (3 datasets each, schema facets) in ${r.seconds.toFixed(1)} s: ${Math.round(r.eventsPerSecond)} events/s (target >= 2,000/s)`);
    if (!values.url) {
      log(`  CPU ms per event: ${routeCpu}`);
      const [floor, floorCpu] = await withCpu(() => benchOpenLineageFloor({ events, batch: opts.batch, concurrency: opts.concurrency }));
      log(`raw Cypher floor, same graph: ${Math.round(floor.eventsPerSecond)} events/s; route / floor = ${(r.eventsPerSecond / floor.eventsPerSecond).toFixed(2)}x`);
      log(`  CPU ms per event: ${floorCpu}`);
    }
  } finally {
    await stop();
  }
}
