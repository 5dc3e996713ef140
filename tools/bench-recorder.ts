// `npx tsx tools/bench-recorder.ts`: acknowledged durable records per second at one site recorder
// (no centre: RECORDER_UPSTREAM_URL unset), from a separate load process (autocannon), and the
// p99 acknowledgement latency. Two shapes: one decision per request (every record waits for its
// own fdatasync, shared by group commit) and 50 per request. BENCH_SECONDS per shape (default 10).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { issueDevToken } from "../runtime/auth/dev-issuer.js";
import { env } from "../runtime/config.js";
import { spawnService } from "../launcher/supervise.js";

const SECONDS = env.BENCH_SECONDS ?? 10;
const decision = (i: number) => JSON.stringify({ id: `bench-${i}`, modelVersionId: "mv-bench", occurredAt: "2026-03-01T10:00:00Z", inputDigest: `sha256:${"e".repeat(64)}`, output: { score: 0.42, label: "ok" } });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-recorder-"));
const svc = await spawnService("recorder", {
  env: { PORT: "0", RECORDER_DATA_DIR: dir, RECORDER_SITE_ID: "bench-site", LOG_LEVEL: "warn" },
  log: (line) => console.error(line),
  onUnexpectedExit: (name, code) => console.error(`${name} exited (${code})`),
});
const token = await issueDevToken("bench", ["lineage:write"], 3600);
try {
  for (const perRequest of [1, 50]) {
    const body = Array.from({ length: perRequest }, (_, i) => decision(i)).join("\n");
    const result = await autocannon({
      url: `${svc.url}/ingest/decisions`,
      method: "POST",
      connections: 64,
      duration: SECONDS,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
      body,
    });
    const ok = result["2xx"];
    console.log(JSON.stringify({ perRequest, connections: 64, seconds: SECONDS, requests: ok, errors: result.non2xx + result.errors, recordsPerSecond: Math.round((ok * perRequest) / SECONDS), p99AckMs: result.latency.p99, p50AckMs: result.latency.p50 }));
  }
} finally {
  await svc.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
