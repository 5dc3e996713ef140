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
import { ROOT } from "../launcher/supervise.js";
import { issueDevToken } from "../runtime/auth/dev-issuer.js";
import { query } from "../runtime/db.js";
import { buildTraceFixture } from "./bench/fixture.js";
import { catchUp, centralRate } from "./bench/recorder.js";

const TRACE = process.argv.includes("--trace");
const args = process.argv.slice(2).filter((a) => a !== "--trace");
const other = path.resolve(args[0] ?? "");
if (!fs.existsSync(path.join(other, "site-recorder/forward.ts"))) throw new Error("usage: npx tsx tools/bench-catchup.ts <other checkout> [rounds] [records] [--trace]");
const ROUNDS = Number(args[1] ?? 3);
const N = Number(args[2] ?? 5_000);
const log = (line: string) => process.stderr.write(`${line}\n`);
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `bench-catchup-${p}-`));

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
  const catchUpOf = async (which: "this" | "other") => {
    const timeline: string[] = [];
    // --trace: the centre's decision count at each poll (a line when it or the acknowledged sequence moved).
    const onPoll = async (siteId: string, acked: number, ms: number) => {
      const [c] = await query<{ n: number }>({ op: "trace" }, { cypher: "MATCH (d:Decision) WHERE d.id STARTS WITH $p RETURN count(d) AS n", params: { p: `${siteId}-` } });
      const line = `ingested ${c.n} acked ${acked}`;
      if (!timeline.at(-1)?.endsWith(line)) timeline.push(`${Math.round(ms)}ms ${line}`);
    };
    const entry = which === "this" ? undefined : path.relative(ROOT, path.join(other, "tools/serve.ts"));
    const { rate } = await catchUp(base, admin, mv, N, log, { entry, onPoll: TRACE ? onPoll : undefined });
    if (TRACE) log(`${which}: ${timeline.join("; ")}`);
    return rate;
  };
  await centralRate(base, writer, mv, "warm", 1_000);
  for (let r = 1; r <= ROUNDS; r++) {
    results.central.push(await centralRate(base, writer, mv, `central-${r}`, N));
    for (const which of r % 2 ? (["other", "this"] as const) : (["this", "other"] as const)) results[which].push(await catchUpOf(which));
    log(`round ${r}: central ${Math.round(results.central.at(-1)!)}/s, this ${Math.round(results.this.at(-1)!)}/s, other ${Math.round(results.other.at(-1)!)}/s`);
  }
  const ratio = (k: "this" | "other") => results[k].map((v, i) => +(v / results.central[i]).toFixed(2));
  console.log(JSON.stringify({ at: new Date().toISOString(), loadavg: os.loadavg(), records: N, other, rates: results, ratioThis: ratio("this"), ratioOther: ratio("other") }, null, 2));
} finally {
  await stack.stop();
  await neo4j.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
