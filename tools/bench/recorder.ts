// The site recorder's figures (issue 25) for `npm run bench`: acknowledged durable records per
// second at one recorder and the p99 acknowledgement latency (floor: fdatasyncs per second of
// the same disk), the catch-up rate after an outage against the centre's own ingest rate, and a
// hundred sites forwarding at once to one central stack, checked by counting in Neo4j.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import autocannon from "autocannon";
import { exportJWK, generateKeyPair } from "jose";
import { issueDevToken } from "../../runtime/auth/dev-issuer.js";
import { query } from "../../runtime/db.js";
import { call } from "../client.js";
import { spawnService } from "../../launcher/supervise.js";
import { fmt, throughput } from "./measure.js";
import type { Figure } from "./report.js";
import type { WorkerConfig } from "./sites-worker.js";

type Log = (line: string) => void;
const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `bench-${prefix}-`));
const decision = (id: string, mv: string, i: number) =>
  JSON.stringify({ id, modelVersionId: mv, occurredAt: "2026-03-01T10:00:00Z", inputDigest: `sha256:${i.toString(16).padStart(64, "0")}`, output: { score: 0.42, label: "ok" } });

/** fdatasyncs per second of one small append each on the disk of os.tmpdir(): the floor a recorder without group commit could not beat. */
export async function fdatasyncFloor(seconds: number): Promise<number> {
  const dir = tmp("fsync");
  const fh = await fs.promises.open(path.join(dir, "floor.log"), "w");
  const line = Buffer.from(`${"x".repeat(255)}\n`);
  let n = 0;
  let pos = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  while (performance.now() < end) {
    await fh.write(line, 0, line.length, pos);
    pos += line.length;
    await fh.datasync();
    n++;
  }
  const rate = n / ((performance.now() - t0) / 1000);
  await fh.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return rate;
}

export interface AckRate {
  perRequest: number;
  connections: number;
  recordsPerSecond: number;
  p99AckMs: number;
  p50AckMs: number;
  errors: number;
}

/** A recorder with no centre (RECORDER_UPSTREAM_URL unset), loaded by autocannon: 1 and 50 decisions per request, 64 connections. */
export async function ackRates(seconds: number, log: Log = () => {}): Promise<AckRate[]> {
  const dir = tmp("recorder");
  const svc = await spawnService("recorder", {
    env: { PORT: "0", RECORDER_DATA_DIR: dir, RECORDER_SITE_ID: "bench-site", LOG_LEVEL: "warn" },
    log,
    onUnexpectedExit: (name, code) => log(`${name} exited (${code})`),
  });
  const token = await issueDevToken("bench", ["lineage:write"], 3600);
  const out: AckRate[] = [];
  try {
    for (const perRequest of [1, 50]) {
      const body = Array.from({ length: perRequest }, (_, i) => decision(`bench-${i}`, "mv-bench", i)).join("\n");
      const result = await autocannon({
        url: `${svc.url}/ingest/decisions`, method: "POST", connections: 64, duration: seconds,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" }, body,
      });
      out.push({ perRequest, connections: 64, recordsPerSecond: (result["2xx"] * perRequest) / seconds, p99AckMs: result.latency.p99, p50AckMs: result.latency.p50, errors: result.non2xx + result.errors });
    }
  } finally {
    await svc.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export interface BenchSite {
  siteId: string;
  clientId: string;
  keyFile: string;
}

/** A central Site and its integration client (lineage:write, signed client assertions), registered through the API. */
export async function registerSite(base: string, admin: string, name: string): Promise<BenchSite> {
  const siteId = ((await call(admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name, country: "DE", kind: "ON_PREM" } }, base)) as any).registerSite.id as string;
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const clientId = `${name}-client`;
  await call(admin, `mutation($i: RegisterClientInput!) { registerClient(input: $i) { clientId } }`, {
    i: { clientId, name: clientId, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" }] }, allowedScopes: ["lineage:write"] },
  }, base);
  const keyFile = path.join(tmp("key"), "client.jwk");
  fs.writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid: "k1", alg: "ES256" }), { mode: 0o600 });
  return { siteId, clientId, keyFile };
}

/** Decisions per second through POST /ingest/decisions as a recorder sends them: 500 per request, one in flight. */
export async function centralRate(base: string, writer: string, mv: string, tag: string, records: number): Promise<number> {
  const batches = Math.ceil(records / 500);
  const bodies = Array.from({ length: batches }, (_, b) => Array.from({ length: 500 }, (_, k) => decision(`${tag}-${b}-${k}`, mv, b * 500 + k)).join("\n"));
  return 500 * (await throughput(async (b) => {
    const res = await fetch(`${base}/ingest/decisions`, { method: "POST", headers: { "content-type": "application/x-ndjson", authorization: `Bearer ${writer}` }, body: bodies[b] });
    if (res.status !== 200) throw new Error(`ingest route: ${res.status} ${await res.text()}`);
  }, batches, 1));
}

export interface CatchUpOptions {
  /** The recorder's entrypoint relative to the repository (another checkout's, for an A/B: tools/bench-catchup.ts); default tools/serve.ts. */
  entry?: string;
  /** Called at each poll of the recorder's /readyz (every 25 ms) with the site, the acknowledged sequence and the ms since its start. */
  onPoll?: (siteId: string, acknowledged: number, ms: number) => Promise<void>;
}

/**
 * After an outage: `records` decisions recorded while the recorder had no centre, then the
 * recorder restarted with the centre; decisions per second from its start until the centre
 * acknowledged the last one (its /readyz).
 */
export async function catchUp(base: string, admin: string, mv: string, records: number, log: Log, o: CatchUpOptions = {}): Promise<{ seconds: number; rate: number }> {
  const s = await registerSite(base, admin, `bench-catchup-${Date.now().toString(36)}`);
  const dir = tmp("catchup");
  const env = { PORT: "0", RECORDER_DATA_DIR: dir, RECORDER_SITE_ID: s.siteId, LOG_LEVEL: "warn" };
  const token = await issueDevToken("bench-inference", ["lineage:write"], 3600);
  const offline = await spawnService("recorder", { env, log, onUnexpectedExit: (n, c) => log(`${n} exited (${c})`) });
  for (let i = 0; i < records; i += 500) {
    const body = Array.from({ length: Math.min(500, records - i) }, (_, k) => decision(`${s.siteId}-${i + k}`, mv, i + k)).join("\n");
    const res = await fetch(`${offline.url}/ingest/decisions`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body });
    if (res.status !== 200) throw new Error(`recorder refused: ${res.status} ${await res.text()}`);
  }
  await offline.stop();
  const online = await spawnService("recorder", {
    env: { ...env, RECORDER_UPSTREAM_URL: base, RECORDER_CLIENT_ID: s.clientId, RECORDER_CLIENT_KEY_FILE: s.keyFile },
    entry: o.entry, log, onUnexpectedExit: (n, c) => log(`${n} exited (${c})`),
  });
  const t0 = performance.now();
  try {
    for (;;) {
      const ready = (await (await fetch(`${online.url}/readyz`)).json()) as { acknowledgedSequence: number };
      await o.onPoll?.(s.siteId, ready.acknowledgedSequence, performance.now() - t0);
      if (ready.acknowledgedSequence >= records) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, rate: records / seconds };
  } finally {
    await online.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a sites worker; resolves when it says "ready", with a function that says "go" and resolves with its result. */
function worker(cfg: WorkerConfig, log: Log): Promise<{ go: () => Promise<{ startedAt: number; finishedAt: number }> }> {
  const file = path.join(tmp("sites"), "config.json");
  fs.writeFileSync(file, JSON.stringify(cfg));
  const child = spawn(process.execPath, ["--import", "tsx", "tools/bench/sites-worker.ts", file], { env: { ...process.env, LOG_LEVEL: "warn" }, stdio: ["pipe", "pipe", "pipe"] });
  child.stderr.setEncoding("utf8").on("data", (d: string) => log(d.trimEnd()));
  const lines = readline.createInterface({ input: child.stdout });
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`sites worker exited (${code})`))));
  const next = () => Promise.race([new Promise<string>((resolve) => lines.once("line", resolve)), exited]);
  return next().then((line) => {
    if (line !== "ready") throw new Error(`sites worker: ${line}`);
    return {
      go: async () => {
        const result = next();
        child.stdin.write("go\n");
        return JSON.parse(await result);
      },
    };
  });
}

export interface HundredSites {
  sites: number;
  recordsPerSite: number;
  seconds: number;
  rate: number;
  expected: number;
  stored: number;
  lost: number;
  duplicated: number;
  sitesDrained: number;
}

/** `sites` recorders (in `processes` processes) with `perSite` decisions each, forwarding at once to one central stack. */
async function hundredSites(base: string, admin: string, mv: string, sites: number, perSite: number, processes: number, log: Log): Promise<HundredSites> {
  const tag = `bench-s${Date.now().toString(36)}`;
  const registered: BenchSite[] = [];
  await throughput(async (i) => void registered.push(await registerSite(base, admin, `${tag}-${i}`)), sites, 4);
  const groups = Array.from({ length: processes }, (_, p) => registered.filter((_, i) => i % processes === p));
  const workers = await Promise.all(
    groups.map((g) => worker({ upstream: base, batchSize: 500, records: perSite, modelVersionId: mv, sites: g.map((s) => ({ ...s, dir: tmp("site") })) }, log)),
  );
  log(`${sites} sites ready with ${fmt(perSite, 0)} decisions each; forwarding all at once`);
  const results = await Promise.all(workers.map((w) => w.go()));
  const seconds = (Math.max(...results.map((r) => r.finishedAt)) - Math.min(...results.map((r) => r.startedAt))) / 1000;
  // Counted in the centre's graph: every site's decisions, once each, and each recorder drained.
  const [c] = await query<{ stored: number; once: number; drained: number }>({ op: "bench check" }, {
    cypher: `UNWIND $sites AS s
             OPTIONAL MATCH (r:SiteRecorder {siteId: s})
             CALL (s) { MATCH (d:Decision) WHERE d.id STARTS WITH s + '-' RETURN count(d) AS n, count(DISTINCT d.id) AS once }
             RETURN sum(n) AS stored, sum(once) AS once, sum(CASE WHEN r.lastSequence = $perSite AND r.backlog = 0 THEN 1 ELSE 0 END) AS drained`,
    params: { sites: registered.map((s) => s.siteId), perSite },
  });
  const expected = sites * perSite;
  return { sites, recordsPerSite: perSite, seconds, rate: expected / seconds, expected, stored: c.stored, lost: expected - c.once, duplicated: c.stored - c.once, sitesDrained: c.drained };
}

export interface RecorderBenchOptions {
  /** The central gateway's base URL (no /graphql). */
  base: string;
  admin: string;
  writer: string;
  modelVersionId: string;
  quick: boolean;
  seconds: number;
  log: Log;
}

export async function benchRecorder(o: RecorderBenchOptions): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const x = (a: number, b: number) => `${fmt(a / b, 2)}×`;
  o.log("site recorder: fdatasync floor, then acknowledged records at one recorder");
  const floor = await fdatasyncFloor(Math.min(o.seconds, 3));
  const [one, fifty] = await ackRates(o.seconds, o.log);
  o.log(`fdatasync ${fmt(floor, 0)}/s; 1 per request ${fmt(one.recordsPerSecond, 0)}/s (p99 ${one.p99AckMs} ms), 50 per request ${fmt(fifty.recordsPerSecond, 0)}/s (p99 ${fifty.p99AckMs} ms)`);

  const outage = o.quick ? 5_000 : 50_000;
  o.log(`site recorder: catch-up of ${fmt(outage, 0)} decisions after an outage, against the centre's own ingest`);
  await centralRate(o.base, o.writer, o.modelVersionId, `bench-warm-${Date.now().toString(36)}`, 1_000);
  const central = await centralRate(o.base, o.writer, o.modelVersionId, `bench-central-${Date.now().toString(36)}`, outage);
  const caught = await catchUp(o.base, o.admin, o.modelVersionId, outage, o.log);
  o.log(`central ingest ${fmt(central, 0)}/s; catch-up ${fmt(caught.rate, 0)}/s`);

  const perSite = o.quick ? 100 : 1_000;
  o.log(`site recorder: 100 sites, ${fmt(perSite, 0)} decisions each, forwarding at once`);
  const hundred = await hundredSites(o.base, o.admin, o.modelVersionId, 100, perSite, 4, o.log);
  o.log(`100 sites: ${fmt(hundred.rate, 0)}/s at the centre; lost ${hundred.lost}, duplicated ${hundred.duplicated}, ${hundred.sitesDrained} drained`);

  const figures: Figure[] = [
    { figure: "site recorder: acknowledged durable decisions per second (50 per request, 64 connections)", value: fmt(fifty.recordsPerSecond, 0), target: "≥ 5,000", met: fifty.recordsPerSecond >= 5_000 },
    { figure: "site recorder: acknowledged durable decisions per second, 1 per request ÷ fdatasyncs per second of the same disk (group commit)", value: `${x(one.recordsPerSecond, floor)} (${fmt(one.recordsPerSecond, 0)} vs ${fmt(floor, 0)}/s)`, target: "> 1×", met: one.recordsPerSecond > floor },
    { figure: "site recorder: p99 acknowledgement latency, 1 per request, 64 connections", value: `${fmt(one.p99AckMs, 1)} ms (p50 ${fmt(one.p50AckMs, 1)} ms; 50 per request p99 ${fmt(fifty.p99AckMs, 1)} ms)`, target: "-", met: null },
    { figure: `site recorder: catch-up after an outage (${fmt(outage, 0)} decisions) ÷ the centre's ingest (POST /ingest/decisions, 500 per request, 1 in flight)`, value: `${x(caught.rate, central)} (${fmt(caught.rate, 0)} vs ${fmt(central, 0)}/s)`, target: "≥ 0.8×", met: caught.rate >= 0.8 * central },
    { figure: `100 sites forwarding at once (${fmt(perSite, 0)} decisions each, 4 processes): central ingest ÷ one site's catch-up`, value: `${x(hundred.rate, caught.rate)} (${fmt(hundred.rate, 0)} vs ${fmt(caught.rate, 0)}/s)`, target: "-", met: null },
    { figure: "100 sites: decisions lost / stored twice (counted in Neo4j), sites drained", value: `${hundred.lost} / ${hundred.duplicated} of ${fmt(hundred.expected, 0)}; ${hundred.sitesDrained} of ${hundred.sites} drained`, target: "0 / 0; all", met: hundred.lost === 0 && hundred.duplicated === 0 && hundred.sitesDrained === hundred.sites },
  ];
  return { figures, raw: { fdatasyncPerSecond: floor, ack: [one, fifty], centralIngest: central, catchUp: { records: outage, ...caught }, hundredSites: hundred } };
}
