// `npm run bench`: the performance figures of the issue, each a ratio against a baseline taken
// in the same run on this machine (raw Cypher, a direct subgraph call, @apollo/gateway).
import fs from "node:fs/promises";
import path from "node:path";
import { issueDevToken } from "../runtime/auth/dev-issuer.js";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import { config } from "../runtime/config.js";
import { provisionNeo4j } from "../runtime/neo4j-server.js";
import { buildDag, buildTraceFixture } from "./bench/fixture.js";
import { fmt, latency, ratio, throughput, type Latency } from "./bench/measure.js";
import { startApolloGateway } from "./bench/peer.js";
import { rawTrace, TRACE_QUERY } from "./bench/raw-trace.js";
import { call } from "./client.js";
import { startStack } from "./stack.js";

const N = Number(process.env.BENCH_SAMPLES ?? 300);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 1_000_000);
const log = (s: string) => console.log(`[bench] ${s}`);

const post = async (url: string, token: string, query: string, variables: Record<string, unknown>) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body;
};

if (!process.env.NEO4J_URI) await fs.rm(path.join(config.dataDir, "neo4j"), { recursive: true, force: true });
const neo4j = await provisionNeo4j({ log });
const stack = await startStack({ port: 0, subgraphPortBase: 0, neo4j });
const peer = await startApolloGateway(stack.subgraphUrls);
try {
  const base = stack.gateway.url.replace(/\/graphql$/, "");
  const [writer, admin, approver, reader] = await Promise.all([
    issueDevToken("bench-pipeline", ["lineage:write", "lineage:read"]),
    issueDevToken("bench-ops", ["admin"]),
    issueDevToken("bench-approver", ["approvals:decide"]),
    issueDevToken("bench-auditor", ["lineage:read"]),
  ]);
  log("building the lineage fixture through the API");
  const fx = await buildTraceFixture(base, { writer, admin, approver }, "a");
  log("building a 1,000-node derivation DAG through the API");
  const dagLeaf = await buildDag(base, writer, "a");

  const ids = fx.decisionIds;
  const pick = (i: number) => ids[i % ids.length];
  const compliance = stack.subgraphs.find((s) => s.name === "compliance")!;
  const internal = await mintInternalToken({ sub: "bench", scopes: ["lineage:read"] }, "compliance", "bench");
  const directQuery = `query($id: ID!) { traceDecision(id: $id) { decision { id } modelVersion { id } trainingRun { id } datasets { id } approvals { id } compute { id } sites { id } complete gaps } }`;

  let i = 0;
  log(`trace latency, ${N} sequential requests each`);
  const raw = await latency(() => rawTrace(pick(i++)), N);
  const direct = await latency(() => post(compliance.url, internal, directQuery, { id: pick(i++) }), N);
  const hive = await latency(() => post(stack.gateway.url, reader, TRACE_QUERY, { id: pick(i++) }), N);
  const apollo = await latency(() => post(peer.url, reader, TRACE_QUERY, { id: pick(i++) }), N);

  log("trace throughput, 16 clients");
  const total = N * 5;
  const hiveRps = await throughput((k) => post(stack.gateway.url, reader, TRACE_QUERY, { id: pick(k) }), total, 16);
  const apolloRps = await throughput((k) => post(peer.url, reader, TRACE_QUERY, { id: pick(k) }), total, 16);

  log("lineage depth 20 over the DAG");
  const lineageQ = `query($id: ID!) { lineage(id: $id, depth: 20) { nodes { id kind label } edges { from to type } truncated } }`;
  const lineageStats = await post(stack.gateway.url, reader, lineageQ, { id: dagLeaf }) as { data: { lineage: { nodes: unknown[]; edges: unknown[]; truncated: boolean } } };
  const lin = await latency(() => post(stack.gateway.url, reader, lineageQ, { id: dagLeaf }), Math.max(20, N / 10), 3);

  log(`recordDecisions through the gateway: ${fmt(DECISIONS, 0)} decisions in batches of 1,000, 4 in flight`);
  const batches = Math.ceil(DECISIONS / 1000);
  let done = 0;
  const t0 = performance.now();
  await throughput(async (b) => {
    const decisions = Array.from({ length: 1000 }, (_, k) => ({
      id: `bulk-${b}-${k}`, modelVersionId: fx.modelVersionId, deploymentId: fx.deploymentId,
      occurredAt: new Date(Date.UTC(2026, 2, 1) + b * 1000 + k).toISOString(), inputDigest: `sha256:${(b * 1000 + k).toString(16).padStart(64, "0")}`, output: { score: k % 100 },
    }));
    await call(writer, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, { d: decisions }, base);
    if (++done % 100 === 0) log(`  ${fmt(done * 1000, 0)} decisions, ${fmt((done * 1000) / ((performance.now() - t0) / 1000), 0)}/s`);
  }, batches, 4);
  const ingest = (batches * 1000) / ((performance.now() - t0) / 1000);

  log("trace latency on the large graph");
  const hiveLarge = await latency(() => post(stack.gateway.url, reader, TRACE_QUERY, { id: pick(i++) }), N);

  const row = (name: string, l: Latency, base: Latency, target = "") =>
    `| ${name.padEnd(34)} | ${fmt(l.p50, 2).padStart(8)} | ${fmt(l.p95, 2).padStart(8)} | ${ratio(l.p50, base.p50).padStart(9)} | ${target}`;
  console.log(`
Trace of one decision (ms; ratio of p50 to the raw-Cypher floor)
| path                               |      p50 |      p95 | vs floor  | target
|------------------------------------|----------|----------|-----------|-------
${row("raw Cypher via neo4j-driver", raw, raw)}
${row("compliance subgraph, direct", direct, raw)}
${row("gateway (Hive Gateway runtime)", hive, raw, `<= 2x floor: ${hive.p50 <= 2 * raw.p50 ? "met" : "MISSED"}`)}
${row("@apollo/gateway (peer)", apollo, raw)}
${row("gateway, large graph", hiveLarge, raw)}

Throughput, 16 concurrent clients: gateway ${fmt(hiveRps)} req/s, @apollo/gateway ${fmt(apolloRps)} req/s -> ${ratio(hiveRps, apolloRps)} (target >= 2x: ${hiveRps >= 2 * apolloRps ? "met" : "MISSED"})
Latency p50 gateway vs @apollo/gateway: ${ratio(hive.p50, apollo.p50)}
Large (${fmt(DECISIONS, 0)} more decisions) vs small graph, trace p95: ${ratio(hiveLarge.p95, hive.p95)} (target <= 1.2x: ${hiveLarge.p95 <= 1.2 * hive.p95 ? "met" : "MISSED"})
Lineage depth 20 over a 1,000-node DAG: ${lineageStats.data.lineage.nodes.length} nodes, ${lineageStats.data.lineage.edges.length} edges, truncated=${lineageStats.data.lineage.truncated}; p50 ${fmt(lin.p50, 2)} ms, p95 ${fmt(lin.p95, 2)} ms (${ratio(lin.p50, raw.p50)} the trace floor)
recordDecisions through the gateway, batches of 1,000: ${fmt(ingest, 0)} decisions/s (target >= 20,000: ${ingest >= 20000 ? "met" : "MISSED"})
`);
} finally {
  await peer.stop();
  await stack.stop();
  await neo4j.stop();
}
process.exit(0);
