// `npx tsx tools/bench-recorder.ts`: acknowledged durable records per second at one site recorder
// (no centre: RECORDER_UPSTREAM_URL unset), loaded by autocannon, and the p99 acknowledgement
// latency, beside the fdatasyncs per second of the same disk. Two shapes: one decision per request
// (every record waits for its own fdatasync, shared by group commit) and 50 per request.
// BENCH_SECONDS per shape (default 10). The catch-up and hundred-sites figures need a central
// stack: `npm run bench -- --only=recorder` (tools/bench/recorder.ts).
import { env } from "../runtime/config.js";
import { ackRates, fdatasyncFloor } from "./bench/recorder.js";

const SECONDS = env.BENCH_SECONDS ?? 10;
console.log(JSON.stringify({ fdatasyncPerSecond: Math.round(await fdatasyncFloor(Math.min(SECONDS, 3))) }));
for (const r of await ackRates(SECONDS, (line) => console.error(line))) console.log(JSON.stringify(r));
