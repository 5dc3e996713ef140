import { Counter } from "prom-client";
import { registry } from "./metrics.js";

/** How long a readiness answer is reused (1 s): /readyz needs no token, so it must not fan out per call. */
export const READINESS_CACHE_MS = 1000;

/** Readiness checks actually run (each one pings Neo4j and, at the gateway, every subgraph). */
export const readinessChecks = new Counter({
  name: "lineage_readiness_checks_total",
  help: "Readiness checks run (not answered from the one-second cache)",
  registers: [registry],
});

/**
 * `check`, run at most once per `ms`: callers arriving while it runs share its answer, and the
 * answer is reused for `ms` after it settles. Each run is counted in lineage_readiness_checks_total.
 */
export function cachedCheck<T>(ms: number, check: () => Promise<T>): () => Promise<T> {
  let last: { answer: Promise<T>; until: number } | undefined;
  return () => {
    if (last && Date.now() < last.until) return last.answer;
    readinessChecks.inc();
    const entry = { answer: check(), until: Number.POSITIVE_INFINITY };
    last = entry;
    // Reused while in flight, then for `ms` after it settles (a failed check is not kept).
    entry.answer.then(
      () => (entry.until = Date.now() + ms),
      () => (entry.until = 0),
    );
    return entry.answer;
  };
}
