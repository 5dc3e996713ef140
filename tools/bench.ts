// `npm run bench [-- --quick] [--only=recorder]`: the figures of issue 12, each a ratio against a floor measured in
// the same run: the services as `npm start` runs them (one process each), load from a separate
// process (autocannon; the Cypher floors through neo4j-driver in a separate process too).
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { issueDevToken } from "../runtime/auth/dev-issuer.js";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import { config, env } from "../runtime/config.js";
import { query } from "../runtime/db.js";
import { provisionNeo4j } from "../launcher/neo4j/provision.js";
import { benchMarquez } from "./bench-marquez.js";
import { benchOpenLineage, benchOpenLineageFloor } from "./bench-openlineage.js";
import { buildDag, buildTraceFixture } from "./bench/fixture.js";
import { benchRecorder } from "./bench/recorder.js";
import { ingestRate, viaGraphql, viaRawUnwind, viaRoute } from "./bench/ingest.js";
import type { LoadSpec } from "./bench/load.js";
import { cpuSeconds, fmt } from "./bench/measure.js";
import { profileSection } from "./bench/profile-summary.js";
import { TRACE_QUERY } from "./bench/raw-trace.js";
import { cpuSection, machine, writeResults, type Figure } from "./bench/report.js";
import { runLoad } from "./bench/run-load.js";
import { buildServices } from "./build.js";
import { startStack } from "../launcher/stack.js";
import { spawnService } from "../launcher/supervise.js";

const QUICK = process.argv.includes("--quick");
/** `--only=recorder`: only the site recorder's figures (issue 25), on their own stack; written to bench/results.recorder[.quick].*. */
const ONLY = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length) ?? null;
/** `--cpu-prof`: CPU profiles of the gateway and the compliance service over an extra 16-client trace run (the measured one stays unprofiled). */
const PROFILE = process.argv.includes("--cpu-prof");
const SECONDS = env.BENCH_SECONDS ?? (QUICK ? 3 : 15);
const DECISIONS = env.BENCH_DECISIONS ?? (QUICK ? 20_000 : 1_000_000);
const DAG_LAYERS = QUICK ? 10 : 50; // x 20 wide: 200 nodes quick, 1,000 full
const C = 16;
const log = (s: string) => console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${s}`);
const loadAtStart = Number(fmt(os.loadavg()[0], 1));
const x = (a: number, b: number) => `${fmt(a / b, 2)}×`;

if (!env.NEO4J_URI) await fs.rm(path.join(config.dataDir, "neo4j"), { recursive: true, force: true });
const neo4j = await provisionNeo4j({ log });
// Every server, ours and the peers, starts from one esbuild build of the sources (tools/build.ts), not tsx.
const build = await buildServices(path.join(config.dataDir, "build"));
const stack = await startStack({ port: 0, subgraphPortBase: 0, neo4j, build, env: { LOG_LEVEL: "warn" } });
// Side by side over the same subgraph processes, each in a process of its own: the gateway with the
// Rust query planner (a lever), @apollo/gateway without and with the same security work, and our
// gateway with authentication off (the benchmark's switch; tools/bench/serve-peer.ts).
const urlEnv = Object.fromEntries(Object.entries(stack.subgraphUrls).map(([n, u]) => [`SUBGRAPH_URL_${n.toUpperCase()}`, u]));
const dbEnv = { NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database };
const side = (name: string, env: Record<string, string>, entry?: string) =>
  spawnService(name, { env: { ...urlEnv, ...dbEnv, PORT: "0", LOG_LEVEL: "warn", ...env }, entry, build, log: () => {}, onUnexpectedExit: (n, c) => log(`${n} exited ${c}`), startTimeoutMs: 600_000 });
// Started now, awaited before the first measurement: they start while the fixture is built (four
// processes at once on a loaded machine: up to 10 minutes, not the 3 a service gets).
const sides = ONLY ? null : Promise.all([
  side("gateway", { GATEWAY_QUERY_PLANNER: "rust" }),
  side("apollo", {}, "tools/bench/serve-peer.ts"),
  side("apollo-auth", {}, "tools/bench/serve-peer.ts"),
  side("gateway-noauth", {}, "tools/bench/serve-peer.ts"),
]);
sides?.catch(() => {}); // awaited (and so reported) before the first measurement
try {
  const base = stack.gateway.url.replace(/\/graphql$/, "");
  const [writer, admin, approver, reader, reports] = await Promise.all([
    issueDevToken("bench-pipeline", ["lineage:write", "lineage:read"]),
    issueDevToken("bench-ops", ["admin"]),
    issueDevToken("bench-approver", ["approvals:decide"]),
    issueDevToken("bench-auditor", ["lineage:read"], 3600),
    issueDevToken("bench-reports", ["reports:read"], 3600),
  ]);
  log("building the lineage fixture through the API");
  const fx = await buildTraceFixture(base, { writer, admin, approver }, "a");
  const recorderPart = () => benchRecorder({ base, admin, writer, modelVersionId: fx.modelVersionId, quick: QUICK, seconds: SECONDS, log });
  if (ONLY === "recorder") {
    const rec = await recorderPart();
    const [{ version }] = await query<{ version: string }>({ op: "bench" }, { cypher: `CALL dbms.components() YIELD versions RETURN versions[0] AS version`, params: {} });
    const stem = await writeResults(rec.figures, { at: new Date().toISOString(), quick: QUICK, seconds: SECONDS, loadAtStart, ...(await machine(version)) }, { recorder: rec.raw }, QUICK, "recorder");
    console.log("\n" + (await fs.readFile(`${stem}.md`, "utf8")));
    log(`written ${stem}.json and ${stem}.md`);
    process.exit(0);
  }
  if (ONLY) throw new Error(`--only=${ONLY}: the parts are recorder`);
  log(`building a ${DAG_LAYERS * 20}-node derivation DAG through the API`);
  const dagLeaf = await buildDag(base, writer, "a", DAG_LAYERS);
  const [{ version }] = await query<{ version: string }>({ op: "bench" }, { cypher: `CALL dbms.components() YIELD versions RETURN versions[0] AS version`, params: {} });

  const [rust, peer, peerAuth, noAuth] = await sides!;
  const ids = fx.decisionIds;
  const http = (url: string, connections: number, token = reader, q = TRACE_QUERY, idList = ids): LoadSpec => ({ kind: "http", url, token, query: q, ids: idList, connections, seconds: SECONDS });
  const rawSpec = (kind: LoadSpec["kind"], connections: number, idList = ids): LoadSpec => ({ kind, connections, seconds: SECONDS, ids: idList });
  const m: Record<string, Awaited<ReturnType<typeof runLoad>>> = {};
  /** CPU milliseconds per request of each process in `procs`, read from /proc over the measured window (after the warm-up). */
  const cpu: Record<string, Record<string, number>> = {};
  const measure = async (name: string, spec: LoadSpec, procs: { name: string; pid: number }[] = []) => {
    let before: number[] = [];
    m[name] = await runLoad(spec, dbEnv, () => (before = procs.map((p) => cpuSeconds(p.pid))));
    if (procs.length) cpu[name] = Object.fromEntries(procs.map((p, i) => [p.name, ((cpuSeconds(p.pid) - before[i]) * 1000) / m[name].requests]));
    // No request finished within the run: not a measurement (NaN makes every ratio "missed").
    if (m[name].requests === 0) m[name] = { ...m[name], p50: NaN, p95: NaN, rps: NaN };
    const perRequest = cpu[name] ? `; CPU per request ${Object.entries(cpu[name]).map(([k, v]) => `${k} ${fmt(v, 2)} ms`).join(", ")}` : "";
    log(`${name}: p50 ${fmt(m[name].p50, 2)} ms, p95 ${fmt(m[name].p95, 2)} ms, ${fmt(m[name].rps)} req/s, ${m[name].errors} errors${perRequest}`);
  };

  const compliance = stack.subgraphs.find((s) => s.name === "compliance")!;
  const directQuery = `query($id: ID!) { traceDecision(id: $id) { decision { id } modelVersion { id } trainingRun { id } datasets { id } approvals { id } compute { id } sites { id } complete gaps } }`;
  log(`trace: ${SECONDS} s per measurement, 1 and ${C} connections`);
  await measure("raw trace c1", rawSpec("raw-trace", 1));
  await measure("gateway trace c1", http(stack.gateway.url, 1));
  // Internal tokens live INTERNAL_TOKEN_TTL_S (60 s): minted right before the run that uses one.
  const internal = await mintInternalToken({ sub: "bench", scopes: ["lineage:read"] }, "compliance", "bench");
  await measure("compliance direct c1", http(compliance.url, 1, internal, directQuery));
  await measure(`raw trace c${C}`, rawSpec("raw-trace", C));
  const profiled = [stack.gateway, compliance];
  const procs = (gw: { pid: number }, name = "gateway") => [{ name, pid: gw.pid }, { name: "compliance", pid: compliance.pid }];
  await measure(`gateway trace c${C}`, http(stack.gateway.url, C), procs(stack.gateway));
  // Profiled in a run of its own: the sampling profiler costs CPU, which the figures above must not carry.
  if (PROFILE) {
    await Promise.all(profiled.map((s) => s.request("startCpuProfile")));
    await measure(`gateway trace c${C} (profiled)`, http(stack.gateway.url, C));
    await Promise.all(profiled.map((s) => s.request("stopCpuProfile")));
  }
  await measure(`apollo gateway with auth c${C}`, http(peerAuth.url, C), procs(peerAuth, "@apollo/gateway"));
  await measure(`gateway without auth c${C}`, http(noAuth.url, C), procs(noAuth));
  await measure(`apollo gateway c${C}`, http(peer.url, C), procs(peer, "@apollo/gateway"));
  await measure(`gateway rust planner c${C}`, http(rust.url, C), procs(rust));

  log("lineage depth 20");
  const lineageQ = `query($id: ID!) { lineage(id: $id, depth: 20) { nodes { id kind label } edges { from to type } truncated } }`;
  await measure("raw lineage c1", rawSpec("raw-lineage", 1, [dagLeaf]));
  await measure("gateway lineage c1", http(stack.gateway.url, 1, reader, lineageQ, [dagLeaf]));

  log("ingest: batches of 1,000, 4 in flight");
  const probe = Math.min(20, Math.ceil(DECISIONS / 1000));
  const rawRate = await ingestRate(viaRawUnwind(fx.modelVersionId, fx.deploymentId, "raw"), probe);
  const gqlRate = await ingestRate(viaGraphql(base, writer, fx.modelVersionId, fx.deploymentId, "gql"), probe);
  log(`raw UNWIND ${fmt(rawRate, 0)}/s, recordDecisions ${fmt(gqlRate, 0)}/s; POST /ingest/decisions for ${fmt(DECISIONS, 0)}`);
  const routeRate = await ingestRate(viaRoute(base, writer, fx.modelVersionId, fx.deploymentId, "route"), Math.ceil(DECISIONS / 1000));
  log(`POST /ingest/decisions ${fmt(routeRate, 0)}/s`);

  // Right after the decisions, before OpenLineage writes (and Neo4j merges its full-text segments).
  log("trace on the large graph");
  await measure("gateway trace c1 large", http(stack.gateway.url, 1));

  log("OpenLineage: RunEvents (three datasets each, schema facets) through POST /api/v1/lineage/batch");
  // Both paths warmed first: Neo4j's JIT otherwise favours whichever runs second.
  await benchOpenLineage({ url: base, token: writer, events: QUICK ? 1_000 : 2_000 });
  await benchOpenLineageFloor({ events: QUICK ? 1_000 : 2_000 });
  const openLineage = await benchOpenLineage({ url: base, token: writer, events: QUICK ? 4_000 : 20_000 });
  const openLineageFloor = await benchOpenLineageFloor({ events: QUICK ? 4_000 : 20_000 });
  log(`OpenLineage ${fmt(openLineage.eventsPerSecond, 0)} RunEvents/s; raw Cypher floor, same graph, ${fmt(openLineageFloor.eventsPerSecond, 0)}/s`);

  const marquez = await benchMarquez({ base, writer, reader, dbEnv, quick: QUICK, seconds: SECONDS, log });

  log("log extract");
  const status = async (pid: number) => Object.fromEntries((await fs.readFile(`/proc/${pid}/status`, "utf8")).split("\n").map((l) => l.split(/:\s+/)));
  const mib = (kb: string) => Number.parseInt(kb) / 1024;
  const rssBefore = mib((await status(compliance.pid!)).VmRSS);
  const res = await fetch(`${base}/exports/decisions?${new URLSearchParams({ systemId: fx.systemId, from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" })}`, { headers: { authorization: `Bearer ${reports}` } });
  let lines = 0;
  for await (const chunk of res.body as WebReadableStream<Uint8Array>) for (const b of chunk) if (b === 10) lines++;
  const peak = mib((await status(compliance.pid!)).VmHWM);
  log(`export: ${res.status}, ${fmt(lines, 0)} records, compliance RSS ${fmt(rssBefore)} MiB before, peak ${fmt(peak)} MiB`);

  const recorder = await recorderPart();

  const g1 = m["gateway trace c1"], r1 = m["raw trace c1"], gC = m[`gateway trace c${C}`], rC = m[`raw trace c${C}`], aC = m[`apollo gateway c${C}`], rustC = m[`gateway rust planner c${C}`];
  const aAuthC = m[`apollo gateway with auth c${C}`], noAuthC = m[`gateway without auth c${C}`];
  const figures: Figure[] = [
    { figure: "trace p50 through the gateway ÷ raw Cypher (1 client)", value: `${x(g1.p50, r1.p50)} (${fmt(g1.p50, 2)} vs ${fmt(r1.p50, 2)} ms)`, target: "≤ 3×", met: g1.p50 <= 3 * r1.p50 },
    { figure: "trace p95 through the gateway ÷ raw Cypher (1 client)", value: `${x(g1.p95, r1.p95)} (${fmt(g1.p95, 2)} vs ${fmt(r1.p95, 2)} ms)`, target: "-", met: null },
    { figure: "trace p50 on the compliance subgraph directly ÷ raw Cypher", value: x(m["compliance direct c1"].p50, r1.p50), target: "≤ 1.5×", met: m["compliance direct c1"].p50 <= 1.5 * r1.p50 },
    { figure: `trace throughput, gateway ÷ @apollo/gateway doing the same security work (caller JWT verified, an internal token signed per subgraph request), ${C} clients`, value: `${x(gC.rps, aAuthC.rps)} (${fmt(gC.rps)} vs ${fmt(aAuthC.rps)} req/s)`, target: "≥ 1.5×", met: gC.rps >= 1.5 * aAuthC.rps },
    { figure: `trace throughput, gateway without authentication (bench-only switch) ÷ @apollo/gateway without, ${C} clients`, value: `${x(noAuthC.rps, aC.rps)} (${fmt(noAuthC.rps)} vs ${fmt(aC.rps)} req/s)`, target: "≥ 1.5×", met: noAuthC.rps >= 1.5 * aC.rps },
    { figure: `trace throughput, gateway (all its security) ÷ @apollo/gateway without any, ${C} clients`, value: `${x(gC.rps, aC.rps)}`, target: "-", met: null },
    { figure: `trace throughput, gateway with Rust planner ÷ @apollo/gateway doing the same security work, ${C} clients`, value: `${x(rustC.rps, aAuthC.rps)} (${fmt(rustC.rps)} req/s)`, target: "(lever)", met: null },
    { figure: `trace throughput, gateway ÷ raw Cypher, ${C} clients`, value: `${x(gC.rps, rC.rps)} (${fmt(gC.rps)} vs ${fmt(rC.rps)} req/s)`, target: "≥ 0.5×", met: gC.rps >= 0.5 * rC.rps },
    { figure: `trace p95 after ${fmt(DECISIONS, 0)} more decisions ÷ before`, value: x(m["gateway trace c1 large"].p95, g1.p95), target: "≤ 1.2×", met: m["gateway trace c1 large"].p95 <= 1.2 * g1.p95 },
    { figure: "decisions via POST /ingest/decisions ÷ raw UNWIND", value: `${x(routeRate, rawRate)} (${fmt(routeRate, 0)} vs ${fmt(rawRate, 0)}/s)`, target: "≥ 2× (or ≥ 20,000/s)", met: routeRate >= 2 * rawRate || routeRate >= 20_000 },
    { figure: "decisions via POST /ingest/decisions, per second", value: fmt(routeRate, 0), target: "≥ 20,000 (or ≥ 2× raw)", met: routeRate >= 20_000 || routeRate >= 2 * rawRate },
    { figure: "decisions via recordDecisions (GraphQL) ÷ raw UNWIND", value: `${x(gqlRate, rawRate)} (${fmt(gqlRate, 0)}/s)`, target: "-", met: null },
    { figure: "OpenLineage RunEvents via POST /api/v1/lineage/batch (batches of 500, 4 in flight), per second", value: fmt(openLineage.eventsPerSecond, 0), target: "≥ 2,000", met: openLineage.eventsPerSecond >= 2_000 },
    { figure: "OpenLineage RunEvents via the route ÷ raw Cypher floor writing the same graph (no HTTP, validation, version resolution or audit)", value: `${x(openLineage.eventsPerSecond, openLineageFloor.eventsPerSecond)} (${fmt(openLineage.eventsPerSecond, 0)} vs ${fmt(openLineageFloor.eventsPerSecond, 0)}/s)`, target: "≥ 0.7×", met: openLineage.eventsPerSecond >= 0.7 * openLineageFloor.eventsPerSecond },
    { figure: `lineage depth 20 over a ${DAG_LAYERS * 20}-node DAG, p50 ÷ raw Cypher`, value: `${x(m["gateway lineage c1"].p50, m["raw lineage c1"].p50)} (${fmt(m["gateway lineage c1"].p50, 2)} vs ${fmt(m["raw lineage c1"].p50, 2)} ms)`, target: "≤ 3×", met: m["gateway lineage c1"].p50 <= 3 * m["raw lineage c1"].p50 },
    ...marquez.figures,
    { figure: `log extract (${fmt(lines, 0)} records), compliance peak RSS`, value: `${fmt(peak, 0)} MiB (${fmt(rssBefore, 0)} before)`, target: "< 300 MiB", met: peak < 300 },
    ...recorder.figures,
  ];
  const info = { at: new Date().toISOString(), quick: QUICK, seconds: SECONDS, decisions: DECISIONS, loadAtStart, ...(await machine(version)) };
  const profiles = PROFILE ? await profileSection(profiled.map((s) => s.name)) : null;
  const stem = await writeResults(figures, info, { ...m, cpuMsPerRequest: cpu, ingest: { rawRate, gqlRate, routeRate }, openLineage, openLineageFloor, marquez: marquez.measurements, export: { lines, rssBefore, peak }, recorder: recorder.raw, profiles: profiles?.summaries }, QUICK);
  await fs.appendFile(`${stem}.md`, cpuSection(cpu));
  if (profiles) await fs.appendFile(`${stem}.md`, profiles.markdown);
  console.log("\n" + (await fs.readFile(`${stem}.md`, "utf8")));
  log(`written ${stem}.json and ${stem}.md`);
} finally {
  // (A side that failed to start was reported where it was awaited; the others end with this process's IPC.)
  await sides?.then((ps) => Promise.all(ps.map((p) => p.stop())), () => {});
  await stack.stop();
  await neo4j.stop();
}
process.exit(0);
