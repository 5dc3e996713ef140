// `npx tsx tools/bench-export.ts [--decisions 1000000] [--format jsonl|csv]`: measures the memory of a
// large log export. Seeds decisions straight into Neo4j (UNWIND batches, not through GraphQL), runs
// the stack in a child process, streams GET /exports/decisions and reads the child's peak RSS
// (VmHWM, reset just before the export) from /proc. State lives under DATA_DIR (default .data/bench-export).
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import { parseArgs } from "node:util";
process.env.DATA_DIR ??= ".data/bench-export";
const { issueDevToken } = await import("../runtime/auth/dev-issuer.js");
const { connect, disconnect, getDriver, databaseName } = await import("../runtime/db.js");
const { migrate } = await import("../runtime/migrate.js");
const { provisionNeo4j } = await import("../launcher/neo4j/provision.js");

const { values } = parseArgs({ options: { decisions: { type: "string", default: "1000000" }, format: { type: "string", default: "jsonl" }, batch: { type: "string", default: "20000" } } });
const TOTAL = Number(values.decisions);
const BATCH = Number(values.batch);
const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const log = (line: string) => console.log(`[bench-export] ${line}`);
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** VmRSS and VmHWM (peak) of a process, in KiB. */
async function memory(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await fs.readFile(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN);
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}

async function gql(url: string, bearer: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function startChild(port: number, target: { uri: string; password: string }): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tools/start.ts"], {
    env: { ...process.env, NEO4J_URI: target.uri, NEO4J_PASSWORD: target.password, PORT: String(port), SUBGRAPH_PORT_BASE: "0" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the stack exited with code ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok).catch(() => false);
    if (ready) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the stack did not become ready in 5 minutes");
}

/** Inserts the decisions the system lacks, alternating between its two model versions. */
async function seedDecisions(mvs: string[]) {
  const session = getDriver().session({ database: databaseName() });
  try {
    const [have] = (await session.run(`MATCH (d:Decision) WHERE d.modelVersionId IN $mvs RETURN count(d) AS n`, { mvs })).records.map((r) => Number(r.get("n")));
    if (have >= TOTAL) return log(`${have.toLocaleString("en-US")} decisions already in the graph`);
    const started = Date.now();
    for (let from = have; from < TOTAL; from += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, TOTAL - from) }, (_, k) => {
        const i = from + k;
        return {
          id: `bench-${String(i).padStart(8, "0")}`, modelVersionId: mvs[i % 2], occurredAt: new Date(T0 + i * 1000).toISOString(),
          inputDigest: `sha256:${(i % 16).toString(16).repeat(64)}`, outputJson: JSON.stringify({ fraud: i % 7 === 0, score: (i % 100) / 100 }),
          confidence: 0.5 + (i % 50) / 100, explanation: i % 10 === 0 ? "velocity, new device" : null, createdAt: new Date().toISOString(),
        };
      });
      await session.executeWrite((tx) => tx.run(`UNWIND $rows AS r CREATE (d:Decision) SET d = r`, { rows }));
      if ((from / BATCH) % 10 === 0) log(`seeded ${(from + rows.length).toLocaleString("en-US")} decisions`);
    }
    log(`seeded ${(TOTAL - have).toLocaleString("en-US")} decisions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await session.close();
  }
}

const target = await provisionNeo4j({ log: (l) => log(`neo4j: ${l}`) });
let child: ChildProcess | undefined;
try {
  connect(target);
  await migrate(log);
  const port = await freePort();
  child = await startChild(port, target);
  const url = `http://127.0.0.1:${port}/graphql`;
  const writer = await issueDevToken("bench", ["lineage:write"]);
  const sys = (await gql(url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: "bench-export", version: "1", intendedPurpose: "benchmark the log export", providerName: "Bench", riskCategory: "HIGH" },
  })).registerAISystem;
  const model = (await gql(url, writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "bench-model" } })).registerModel;
  const mvs: string[] = [];
  for (const v of ["1", "2"]) {
    mvs.push((await gql(url, writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model.id, version: v, artifactDigest: `sha256:${v.repeat(64)}` } })).registerModelVersion.id);
  }
  await seedDecisions(mvs);

  const reader = await issueDevToken("bench-auditor", ["reports:read"]);
  const before = await memory(child.pid!);
  await fs.writeFile(`/proc/${child.pid}/clear_refs`, "5").catch(() => log("could not reset the peak RSS (not root?): VmHWM covers the stack's whole life"));
  let sampledMax = 0;
  const sampler = setInterval(() => void memory(child!.pid!).then((m) => (sampledMax = Math.max(sampledMax, m.rss))).catch(() => {}), 200);
  const started = Date.now();
  const to = new Date(T0 + TOTAL * 1000 + 1000).toISOString();
  const res = await fetch(`http://127.0.0.1:${port}/exports/decisions?${new URLSearchParams({ systemId: sys.id, from: new Date(T0).toISOString(), to, format: values.format! })}`, {
    headers: { authorization: `Bearer ${reader}` },
  });
  if (!res.ok || !res.body) throw new Error(`export refused: HTTP ${res.status} ${await res.text()}`);
  let lines = 0;
  let bytes = 0;
  let nextMark = TOTAL / 10;
  const timeline: string[] = [];
  for await (const chunk of res.body as WebReadableStream<Uint8Array>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    if (lines >= nextMark) {
      nextMark += TOTAL / 10;
      // RSS along the way: flat memory means it stops growing once the pipeline is warm, whatever the count.
      timeline.push(`${Math.round(lines / 1000)}k: ${mb((await memory(child.pid!)).rss)}`);
    }
  }
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  const after = await memory(child.pid!);
  const records = values.format === "csv" ? lines - 1 : lines;
  log(`exported ${records.toLocaleString("en-US")} records (${(bytes / 1e6).toFixed(1)} MB ${values.format}) in ${seconds.toFixed(1)} s = ${Math.round(records / seconds).toLocaleString("en-US")} records/s`);
  log(`stack process RSS: ${mb(before.rss)} before the export, peak ${mb(after.hwm)} during it (sampled max ${mb(sampledMax)}), ${mb(after.rss)} after`);
  log(`RSS by records streamed: ${timeline.join(", ")}`);
  if (records !== TOTAL) throw new Error(`expected ${TOTAL} records, got ${records}`);
} finally {
  child?.kill("SIGTERM");
  if (child && child.exitCode === null) await new Promise((r) => child!.once("exit", r));
  await disconnect();
  await target.stop();
}
