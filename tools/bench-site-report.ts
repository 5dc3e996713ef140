// `npx tsx tools/bench-site-report.ts [rounds]`: where the cost of a site recorder's report goes
// at the centre (docs/performance.md, site recorder). On a private stack, interleaved round by
// round so that each comparison is a ratio within one run:
// - through the gateway: a report of 5,000 records in the row format of earlier recorders and
//   in the columnar one, beside the ingest of 500 decisions it follows (wall ms; CPU ms of the
//   gateway, the gpu service and Neo4j, from /proc);
// - in this process: JSON size, JSON.parse and parseReport of each format;
// - the statements alone, on the same Neo4j: the batch write with and without `ids`, the link
//   to the range before read from the `hashes` array or from `lastHash`, and an audit event.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { provisionNeo4j } from "../launcher/neo4j/provision.js";
import { startStack } from "../launcher/stack.js";
import { appendAudit } from "../runtime/audit.js";
import { issueDevToken } from "../runtime/auth/dev-issuer.js";
import { write } from "../runtime/db.js";
import { clientAssertion, loadClientKey } from "../site-recorder/assertion.js";
import { parseReport } from "../subgraphs/gpu/recorder/report.js";
import { recordReport } from "../subgraphs/gpu/recorder/store.js";
import { newContext } from "../runtime/context.js";
import { buildTraceFixture } from "./bench/fixture.js";
import { cpuSeconds } from "./bench/measure.js";
import { registerSite } from "./bench/recorder.js";

const ROUNDS = Number(process.argv[2] ?? 6);
const N = 5_000;
const hex = (n: number, salt: string) => `${salt}${n.toString(16)}`.padStart(64, "0").slice(-64);
const time = (i: number) => new Date(Date.UTC(2026, 11, 8, 0, 0, 0, i)).toISOString();

/** A report of sequences from..from+N-1 as the old recorders sent it (rows) and as they send it now (columns). */
function bodies(siteId: string, from: number) {
  const seqs = Array.from({ length: N }, (_, i) => from + i);
  const hash = (s: number) => hex(s, "ab");
  const rows = seqs.map((s) => ({ seq: s, kind: "decision", id: `${siteId}-${s}`, at: time(s), prev: s === 1 ? "0".repeat(64) : hash(s - 1), hash: hash(s), status: "stored" }));
  const sentAt = new Date().toISOString();
  return {
    rows: JSON.stringify({ backlog: 1, sentAt, records: rows }),
    columns: JSON.stringify({ from, prev: from === 1 ? "0".repeat(64) : hash(from - 1), hashes: seqs.map(hash), ats: seqs.map(time), broken: [], rejected: [], backlog: 1, sentAt }),
  };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-report-neo4j-"));
const neo4j = await provisionNeo4j({ dataDir });
const stack = await startStack({ port: 0, subgraphPortBase: 0, neo4j, env: { LOG_LEVEL: "warn" } });
const neo4jPid = Number(fs.readFileSync(path.join(dataDir, "launcher.pid"), "utf8"));
const pids = { gateway: stack.gateway.pid, gpu: stack.subgraphs.find((s) => s.name === "gpu")!.pid, neo4j: neo4jPid };
const cpu = () => Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuSeconds(p)]));
const base = stack.gateway.url.replace(/\/graphql$/, "").replace(/\/+$/, "");
const samples: Record<string, { ms: number; cpu: Record<string, number> }[]> = {};
async function measure(name: string, op: () => Promise<unknown>) {
  const c0 = cpu();
  const t0 = performance.now();
  await op();
  const ms = performance.now() - t0;
  const c1 = cpu();
  (samples[name] ??= []).push({ ms, cpu: Object.fromEntries(Object.keys(c0).map((k) => [k, (c1[k] - c0[k]) * 1000])) });
}

try {
  const [writer, admin, approver] = await Promise.all([
    issueDevToken("bench-pipeline", ["lineage:write", "lineage:read"]), issueDevToken("bench-ops", ["admin"]), issueDevToken("bench-approver", ["approvals:decide"]),
  ]);
  const fx = await buildTraceFixture(base, { writer, admin, approver }, "report");
  const sites = { rows: await registerSite(base, admin, "bench-report-rows"), columns: await registerSite(base, admin, "bench-report-columns") };
  const keys = { rows: await loadClientKey(sites.rows.clientId, sites.rows.keyFile), columns: await loadClientKey(sites.columns.clientId, sites.columns.keyFile) };
  const siteCaller = { sub: sites.columns.clientId, clientId: sites.columns.clientId, scopes: ["lineage:write"] };
  const report = async (kind: "rows" | "columns", body: string) => {
    const res = await fetch(`${base}/sites/${sites[kind].siteId}/recorder`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await clientAssertion(keys[kind])}` }, body });
    if (res.status !== 200) throw new Error(`report ${kind}: ${res.status} ${await res.text()}`);
  };
  const ingest = async (round: number) => {
    const body = Array.from({ length: 500 }, (_, k) => JSON.stringify({ id: `bench-report-${round}-${k}`, modelVersionId: fx.modelVersionId, occurredAt: "2026-03-01T10:00:00Z", inputDigest: `sha256:${hex(round * 500 + k, "cd")}`, output: { score: 0.4 } })).join("\n");
    const res = await fetch(`${base}/ingest/decisions`, { method: "POST", headers: { "content-type": "application/x-ndjson", authorization: `Bearer ${writer}` }, body });
    if (res.status !== 200) throw new Error(`ingest: ${res.status} ${await res.text()}`);
  };
  // Statements alone, as recordReport runs them (a batch of N hashes, ats and ids), on sites of their own.
  const batchWrite = (siteId: string, from: number, withIds: boolean, shape: "arrays" | "hashes as one string" | "no hashes" = "arrays") => {
    const seqs = Array.from({ length: N }, (_, i) => from + i);
    const params = { key: `${siteId}:${from}`, siteId, from, to: from + N - 1, now: new Date().toISOString(), hashes: seqs.map((s) => hex(s, "ef")), ats: seqs.map(time), ids: seqs.map((s) => `${siteId}-${s}`), lastHash: hex(from + N - 1, "ef") };
    const hashes = shape === "arrays" ? params.hashes : shape === "no hashes" ? null : params.hashes.join("");
    return write({ op: "bench" }, (tx) => tx.run({
      cypher: `MERGE (b:SiteRecordBatch {key: $key}) ON CREATE SET b.receivedAt = $now
               SET b.siteId = $siteId, b.from = $from, b.to = $to, b.hashes = $hashes, b.ats = $ats, b.lastHash = $lastHash, b.breaks = [], b.rejected = []
               ${withIds ? ", b.ids = $ids" : ""}`,
      params: { ...params, hashes },
    }));
  };
  const before = (siteId: string, from: number, viaLastHash: boolean) =>
    write({ op: "bench" }, (tx) => tx.one({
      cypher: `OPTIONAL MATCH (b:SiteRecordBatch {siteId: $siteId}) WHERE b.from <= $from - 1 AND b.to >= $from - 1
               RETURN ${viaLastHash ? "coalesce(CASE WHEN b.to = $from - 1 THEN b.lastHash END, b.hashes[toInteger($from - 1 - b.from)])" : "b.hashes[toInteger($from - 1 - b.from)]"} AS before LIMIT 1`,
      params: { siteId, from },
    }));
  const audit = () => write({ op: "bench" }, (tx) => appendAudit(tx, { actor: "bench", operation: "benchReport", variables: { siteId: "x", from: 1, to: N }, subjects: ["x"] }));

  // Warm-up: one of each, unmeasured.
  const warm = bodies(sites.rows.siteId, 1);
  await ingest(0);
  await report("rows", warm.rows);
  await report("columns", bodies(sites.columns.siteId, 1).columns);
  await batchWrite("st-ids", 1, true);
  await batchWrite("st-noids", 1, false);
  for (let r = 1; r <= ROUNDS; r++) {
    const from = r * N + 1;
    const b = { rows: bodies(sites.rows.siteId, from).rows, columns: bodies(sites.columns.siteId, from).columns };
    const order = r % 2 ? (["rows", "columns"] as const) : (["columns", "rows"] as const);
    await measure("ingest of 500 decisions", () => ingest(r));
    for (const k of order) await measure(`report of ${N}, ${k}`, () => report(k, b[k]));
    for (const withIds of r % 2 ? [true, false] : [false, true]) await measure(`batch write alone, ${withIds ? "with ids" : "without ids"}`, () => batchWrite(withIds ? "st-ids" : "st-noids", from, withIds));
    for (const shape of ["hashes as one string", "no hashes"] as const) await measure(`batch write alone, ${shape}`, () => batchWrite(`st-${shape.replace(/ /g, "")}`, from, false, shape));
    await measure("report of 5000, columns, in this process (no HTTP)", () => recordReport(newContext(siteCaller, "bench"), sites.columns.siteId, parseReport(JSON.parse(bodies(sites.columns.siteId, (ROUNDS + r) * N + 1).columns))));
    for (const last of r % 2 ? [false, true] : [true, false]) await measure(`link before read ${last ? "from lastHash" : "from hashes[]"}`, () => before("st-noids", from + N, last));
    await measure("audit event alone", audit);
    console.error(`round ${r} of ${ROUNDS}`);
  }
  // In this process: size, parse and check of each format (median of 20).
  const med = (f: () => unknown) => {
    const t: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      f();
      t.push(performance.now() - t0);
    }
    return t.sort((a, b) => a - b)[10];
  };
  const one = bodies("site_x", 5001);
  const local = Object.fromEntries((["rows", "columns"] as const).map((k) => [k, {
    bytes: Buffer.byteLength(one[k]),
    parseMs: med(() => JSON.parse(one[k])),
    parseAndCheckMs: med(() => parseReport(JSON.parse(one[k]))),
  }]));
  const summary = Object.fromEntries(Object.entries(samples).map(([name, s]) => {
    const m = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return [name, { n: s.length, medianMs: Math.round(m(s.map((x) => x.ms))), medianCpuMs: Object.fromEntries(Object.keys(pids).map((k) => [k, Math.round(m(s.map((x) => x.cpu[k])))])) }];
  }));
  console.log(JSON.stringify({ at: new Date().toISOString(), loadavg: os.loadavg(), rounds: ROUNDS, local, http: summary }, null, 2));
} finally {
  await stack.stop();
  await neo4j.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
