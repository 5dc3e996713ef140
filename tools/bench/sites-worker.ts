// One process of the "hundred sites" bench (tools/bench/recorder.ts): several site recorders in
// one process, each with its own data directory, hash chain, integration client and forwarder
// (site-recorder/log.ts and forward.ts, as `npm run serve -- recorder` runs them, without the
// local HTTP server). It records `records` decisions per site offline, says "ready", and on "go"
// (stdin) starts every forwarder at once; it prints one JSON line when the centre acknowledged all.
// Usage: tsx tools/bench/sites-worker.ts <config.json>
import fs from "node:fs";
import readline from "node:readline";
import { loadClientKey } from "../../site-recorder/assertion.js";
import { readCursor } from "../../site-recorder/cursor.js";
import { Forwarder } from "../../site-recorder/forward.js";
import { SiteLog } from "../../site-recorder/log.js";
import { env } from "../../runtime/config.js";

export interface WorkerConfig {
  upstream: string;
  batchSize: number;
  records: number;
  modelVersionId: string;
  sites: { siteId: string; clientId: string; keyFile: string; dir: string }[];
}

const cfg = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as WorkerConfig;
const decision = (siteId: string, i: number) => ({
  id: `${siteId}-${i}`, modelVersionId: cfg.modelVersionId, occurredAt: "2026-03-01T10:00:00Z", inputDigest: `sha256:${i.toString(16).padStart(64, "0")}`, output: { score: 0.5 },
});
const sites = await Promise.all(
  cfg.sites.map(async (s) => {
    const log = await SiteLog.open(s.dir, { maxBytes: 1024 ** 3 });
    for (let i = 0; i < cfg.records; i += 500)
      await log.append(Array.from({ length: Math.min(500, cfg.records - i) }, (_, k) => ({ kind: "decision" as const, body: decision(s.siteId, i + k + 1) })));
    const forwarder = new Forwarder({
      log, dir: s.dir, cursor: await readCursor(s.dir), upstream: cfg.upstream, siteId: s.siteId, key: await loadClientKey(s.clientId, s.keyFile),
      batchSize: cfg.batchSize, reportRecords: env.RECORDER_REPORT_RECORDS, backoffMs: 200, backoffMaxMs: 5000, retentionMs: 3_600_000, heartbeatMs: 0,
    });
    return { ...s, log, forwarder, doneAt: 0 };
  }),
);
process.stdout.write("ready\n");
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === "go") break;
lines.close();
const startedAt = Date.now();
for (const s of sites) s.forwarder.start();
await Promise.all(
  sites.map(async (s) => {
    while (s.forwarder.cursor.seq < cfg.records) await new Promise((r) => setTimeout(r, 20));
    s.doneAt = Date.now();
  }),
);
await Promise.all(sites.map(async (s) => (await s.forwarder.stop(), await s.log.close())));
process.stdout.write(`${JSON.stringify({ startedAt, finishedAt: Math.max(...sites.map((s) => s.doneAt)), sites: sites.length })}\n`);
process.exit(0);
