import { Counter, Gauge, Histogram } from "prom-client";
import { registry } from "../runtime/metrics.js";

// The recorder's series (GET /metrics, no token), beside the process defaults of runtime/metrics.ts.
const r = [registry];

export const recorded = new Counter({ name: "recorder_records_total", help: "Records made durable at the site, by kind", labelNames: ["kind"] as const, registers: r });
export const refused = new Counter({ name: "recorder_refused_total", help: "Requests refused at the site, by reason (quota, invalid, auth, write_failed)", labelNames: ["reason"] as const, registers: r });
export const ackLatency = new Histogram({
  name: "recorder_ack_seconds",
  help: "Time from a request's body read to its records being on disk (group commit included)",
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  registers: r,
});
export const forwarded = new Counter({ name: "recorder_forwarded_total", help: "Records the centre acknowledged, by outcome (stored, rejected, broken)", labelNames: ["outcome"] as const, registers: r });
export const forwardFailures = new Counter({ name: "recorder_forward_failures_total", help: "Forwarding attempts that failed and will be retried", registers: r });
export const chainBreaks = new Counter({ name: "recorder_chain_breaks_total", help: "Records of the local log that fail the hash chain (tampered or damaged); reported, not forwarded", registers: r });

/** Gauges read from the recorder's state when Prometheus scrapes. */
export function stateGauges(state: () => { lastSeq: number; ackedSeq: number; oldestUnsentAt: number | null; usedBytes: number; maxBytes: number }) {
  const g = (name: string, help: string, value: (s: ReturnType<typeof state>) => number) =>
    new Gauge({
      name,
      help,
      registers: r,
      collect() {
        this.set(value(state()));
      },
    });
  g("recorder_last_sequence", "Last sequence made durable at the site", (s) => s.lastSeq);
  g("recorder_acknowledged_sequence", "Last sequence the centre acknowledged", (s) => s.ackedSeq);
  g("recorder_queue_depth", "Records durable at the site and not yet acknowledged by the centre", (s) => s.lastSeq - s.ackedSeq);
  g("recorder_oldest_unsent_age_seconds", "Age of the oldest record not yet acknowledged by the centre (0 when none)", (s) => (s.oldestUnsentAt ? (Date.now() - s.oldestUnsentAt) / 1000 : 0));
  g("recorder_store_bytes", "Bytes of the site's log on disk", (s) => s.usedBytes);
  g("recorder_quota_bytes", "The log's disk quota (RECORDER_MAX_BYTES)", (s) => s.maxBytes);
}
