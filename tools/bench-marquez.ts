// `npx tsx tools/bench-marquez.ts [--quick]`: the Marquez-shaped read routes on a pipeline graph
// built through POST /api/v1/lineage/batch (tools/bench/marquez-fixture.ts): GET /api/v1/lineage and
// GET /api/v1/column-lineage at depth 5, p95 against the raw-Cypher floor of the same walk measured
// in the same run. Full: 10,000 jobs and 50,000 datasets; --quick: 500 jobs and 2,500 datasets.
// Standalone it starts its own stack (DATA_DIR .data/bench-marquez); `npm run bench` calls
// benchMarquez on its stack.
import { pathToFileURL } from "node:url";
import { buildMarquezGraph } from "./bench/marquez-fixture.js";
import { fmt } from "./bench/measure.js";
import { MARQUEZ_BENCH_DEPTH } from "./bench/raw-marquez.js";
import type { Figure } from "./bench/report.js";
import { runLoad } from "./bench/run-load.js";
import type { LoadResult, LoadSpec } from "./bench/load.js";

/** The goal of issue 26: p95 of either route at depth 5 on the full graph. */
const GOAL_P95_MS = 200;

export interface MarquezBenchOptions {
  base: string;
  /** lineage:write, to build the graph; lineage:read, to read it. */
  writer: string;
  reader: string;
  /** Neo4j connection for the floor's load process (NEO4J_URI ...). */
  dbEnv: Record<string, string>;
  quick: boolean;
  seconds: number;
  log: (line: string) => void;
}

export async function benchMarquez(o: MarquezBenchOptions) {
  const jobs = o.quick ? 500 : 10_000;
  o.log(`Marquez routes: building ${fmt(jobs, 0)} jobs and ${fmt(jobs * 5, 0)} datasets through POST /api/v1/lineage/batch`);
  const g = await buildMarquezGraph(o.base, o.writer, jobs, { log: o.log });
  const buildRate = g.events / g.seconds;
  o.log(`built in ${fmt(g.seconds)} s: ${fmt(buildRate, 0)} RunEvents/s (${fmt(g.datasets / g.seconds, 0)} datasets/s)`);
  const enc = encodeURIComponent;
  const lineagePaths = g.starts.map((k) => `/api/v1/lineage?nodeId=${enc(k)}&depth=${MARQUEZ_BENCH_DEPTH}`);
  const columnPaths = g.starts.map((k) => `/api/v1/column-lineage?nodeId=${enc(k)}&depth=${MARQUEZ_BENCH_DEPTH}`);
  // What one walk returns, so the figure says what was measured.
  const sizeOf = async (path: string) => {
    const res = await fetch(`${o.base}${path}`, { headers: { authorization: `Bearer ${o.reader}` } });
    const body = (await res.json()) as { graph?: unknown[] };
    if (res.status !== 200 || !Array.isArray(body.graph) || body.graph.length === 0) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return body.graph.length;
  };
  const lineageNodes = await sizeOf(lineagePaths[0]);
  const columnNodes = await sizeOf(columnPaths[0]);
  o.log(`one walk: ${lineageNodes} jobs and datasets (lineage), ${columnNodes} columns (column lineage)`);
  const get = (ids: string[]): LoadSpec => ({ kind: "http-get", url: o.base, token: o.reader, ids, connections: 1, seconds: o.seconds });
  const raw = (kind: LoadSpec["kind"]): LoadSpec => ({ kind, ids: g.starts, connections: 1, seconds: o.seconds });
  const m: Record<string, LoadResult> = {};
  for (const [name, spec] of [["raw marquez lineage", raw("raw-marquez-lineage")], ["marquez lineage", get(lineagePaths)], ["raw column lineage", raw("raw-column-lineage")], ["column lineage", get(columnPaths)]] as const) {
    m[name] = await runLoad(spec, o.dbEnv);
    if (m[name].requests === 0 || m[name].errors > 0) m[name] = { ...m[name], p50: NaN, p95: NaN };
    o.log(`${name}: p50 ${fmt(m[name].p50, 2)} ms, p95 ${fmt(m[name].p95, 2)} ms, ${fmt(m[name].rps)} req/s, ${m[name].errors} errors`);
  }
  const size = `${fmt(g.jobs, 0)} jobs, ${fmt(g.datasets, 0)} datasets`;
  const figure = (route: string, what: string, r: LoadResult, floor: LoadResult): Figure[] => [
    { figure: `GET ${route} depth ${MARQUEZ_BENCH_DEPTH} (${what}), ${size}, p95 (1 client)`, value: `${fmt(r.p95, 2)} ms`, target: `< ${GOAL_P95_MS} ms${o.quick ? " (full graph)" : ""}`, met: o.quick ? null : r.p95 < GOAL_P95_MS },
    { figure: `GET ${route} depth ${MARQUEZ_BENCH_DEPTH} p95 ÷ raw Cypher for the same walk`, value: `${fmt(r.p95 / floor.p95, 2)}× (${fmt(r.p95, 2)} vs ${fmt(floor.p95, 2)} ms)`, target: "-", met: null },
  ];
  const figures: Figure[] = [
    { figure: `Marquez graph built through POST /api/v1/lineage/batch (${size}, 5 outputs per RunEvent with schema and columnLineage facets)`, value: `${fmt(buildRate, 0)} RunEvents/s (${fmt(g.seconds, 0)} s)`, target: "-", met: null },
    ...figure("/api/v1/lineage", `${lineageNodes} nodes`, m["marquez lineage"], m["raw marquez lineage"]),
    ...figure("/api/v1/column-lineage", `${columnNodes} columns`, m["column lineage"], m["raw column lineage"]),
  ];
  return { figures, measurements: { ...m, build: { jobs: g.jobs, datasets: g.datasets, seconds: g.seconds, eventsPerSecond: buildRate }, lineageNodes, columnNodes } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const quick = process.argv.includes("--quick");
  process.env.DATA_DIR ??= ".data/bench-marquez";
  const log = (line: string) => console.log(`[bench-marquez] ${new Date().toISOString().slice(11, 19)} ${line}`);
  const { provisionNeo4j } = await import("../launcher/neo4j/provision.js");
  const { startStack } = await import("../launcher/stack.js");
  const { issueDevToken } = await import("../runtime/auth/dev-issuer.js");
  const neo4j = await provisionNeo4j({ log });
  const stack = await startStack({ port: 0, subgraphPortBase: 0, neo4j, env: { LOG_LEVEL: "warn" } });
  try {
    const [writer, reader] = await Promise.all([issueDevToken("bench-pipeline", ["lineage:write"], 3600), issueDevToken("bench-marquez-ui", ["lineage:read"], 3600)]);
    const dbEnv = { NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database };
    const r = await benchMarquez({ base: stack.gateway.url.replace(/\/graphql$/, ""), writer, reader, dbEnv, quick, seconds: quick ? 5 : 15, log });
    for (const f of r.figures) log(`${f.figure}: ${f.value} (target ${f.target})`);
  } finally {
    await stack.stop();
    await neo4j.stop();
  }
  process.exit(0);
}
