// `npx tsx tools/bench-catchup.ts <other checkout> [rounds] [records] [--trace]`: the site recorder's
// catch-up after an outage (as in tools/bench/recorder.ts) for this checkout's recorder and for
// another checkout's (e.g. main's), round by round on one private central stack of this
// checkout, each round beside the centre's own ingest rate (500 per request, one in flight):
// an A/B comparison of forwarders as ratios within one run. `--trace`: each catch-up's timeline
// (the centre's decision count, polled every 25 ms).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { provisionNeo4j } from "../launcher/neo4j/provision.js";
import { startStack } from "../launcher/stack.js";
import { spawnService, ROOT } from "../launcher/supervise.js";
import { issueDevToken } from "../runtime/auth/dev-issuer.js";
import { query } from "../runtime/db.js";
import { buildTraceFixture } from "./bench/fixture.js";
import { centralRate, registerSite } from "./bench/recorder.js";

const TRACE = process.argv.includes("--trace");
const args = process.argv.slice(2).filter((a) => a !== "--trace");
const other = path.resolve(args[0] ?? "");
if (!fs.existsSync(path.join(other, "site-recorder/forward.ts"))) throw new Error("usage: npx tsx tools/bench-catchup.ts <other checkout> [rounds] [records] [--trace]");
const ROUNDS = Number(args[1] ?? 3);
const N = Number(args[2] ?? 5_000);
const log = (line: string) => process.stderr.write(`${line}\n`);
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `bench-catchup-${p}-`));
const decision = (id: string, mv: string, i: number) =>
  JSON.stringify({ id, modelVersionId: mv, occurredAt: "2026-03-01T10:00:00Z", inputDigest: `sha256:${i.toString(16).padStart(64, "0")}`, output: { score: 0.42, label: "ok" } });

const dataDir = tmp("neo4j");
const neo4j = await provisionNeo4j({ dataDir });
const stack = await startStack({ port: 0, subgraphPortBase: 0, neo4j, env: { LOG_LEVEL: "warn" } });
const base = stack.gateway.url.replace(/\/graphql$/, "");
const results: Record<string, number[]> = { central: [], this: [], other: [] };
try {
  const [writer, admin, approver] = await Promise.all([
    issueDevToken("bench-pipeline", ["lineage:write", "lineage:read"]), issueDevToken("bench-ops", ["admin"]), issueDevToken("bench-approver", ["approvals:decide"]),
  ]);
  const mv = (await buildTraceFixture(base, { writer, admin, approver }, "catchup")).modelVersionId;
  const inference = await issueDevToken("bench-inference", ["lineage:write"], 3600);
  const catchUp = async (which: "this" | "other", round: number) => {
    const s = await registerSite(base, admin, `bench-catchup-${which}-${round}-${Date.now().toString(36)}`);
    const dir = tmp("site");
    const env = { PORT: "0", RECORDER_DATA_DIR: dir, RECORDER_SITE_ID: s.siteId, LOG_LEVEL: "warn" };
    const offline = await spawnService("recorder", { env, log, onUnexpectedExit: (n, c) => log(`${n} exited (${c})`) });
    for (let i = 0; i < N; i += 500) {
      const body = Array.from({ length: Math.min(500, N - i) }, (_, k) => decision(`${s.siteId}-${i + k}`, mv, i + k)).join("\n");
      const res = await fetch(`${offline.url}/ingest/decisions`, { method: "POST", headers: { authorization: `Bearer ${inference}` }, body });
      if (res.status !== 200) throw new Error(`recorder refused: ${res.status}`);
    }
    await offline.stop();
    const online = await spawnService("recorder", {
      env: { ...env, RECORDER_UPSTREAM_URL: base, RECORDER_CLIENT_ID: s.clientId, RECORDER_CLIENT_KEY_FILE: s.keyFile },
      entry: which === "this" ? undefined : path.relative(ROOT, path.join(other, "tools/serve.ts")),
      log, onUnexpectedExit: (n, c) => log(`${n} exited (${c})`),
    });
    const t0 = performance.now();
    const timeline: string[] = [];
    try {
      for (;;) {
        const ready = (await (await fetch(`${online.url}/readyz`)).json()) as { acknowledgedSequence: number };
        if (TRACE) {
          const [c] = await query<{ n: number }>({ op: "trace" }, { cypher: "MATCH (d:Decision) WHERE d.id STARTS WITH $p RETURN count(d) AS n", params: { p: `${s.siteId}-` } });
          timeline.push(`${Math.round(performance.now() - t0)}ms ingested ${c.n} acked ${ready.acknowledgedSequence}`);
        }
        if (ready.acknowledgedSequence >= N) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      if (TRACE) log(`${which}: ${timeline.filter((l, i, a) => i === 0 || l.split(" ").slice(1).join(" ") !== a[i - 1].split(" ").slice(1).join(" ")).join("; ")}`);
      return N / ((performance.now() - t0) / 1000);
    } finally {
      await online.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  await centralRate(base, writer, mv, "warm", 1_000);
  for (let r = 1; r <= ROUNDS; r++) {
    results.central.push(await centralRate(base, writer, mv, `central-${r}`, N));
    for (const which of r % 2 ? (["other", "this"] as const) : (["this", "other"] as const)) results[which].push(await catchUp(which, r));
    log(`round ${r}: central ${Math.round(results.central.at(-1)!)}/s, this ${Math.round(results.this.at(-1)!)}/s, other ${Math.round(results.other.at(-1)!)}/s`);
  }
  const ratio = (k: "this" | "other") => results[k].map((v, i) => +(v / results.central[i]).toFixed(2));
  console.log(JSON.stringify({ at: new Date().toISOString(), loadavg: os.loadavg(), records: N, other, rates: results, ratioThis: ratio("this"), ratioOther: ratio("other") }, null, 2));
} finally {
  await stack.stop();
  await neo4j.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
