import type http from "node:http";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** This process's Prometheus registry: one per service process, served at GET /metrics (no token). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Every Cypher statement run, by operation: the counter tests read to prove round trips stay constant. */
export const cypherStatements = new Counter({
  name: "lineage_cypher_statements_total",
  help: "Cypher statements run, by operation name",
  labelNames: ["op"] as const,
  registers: [registry],
});

/** HTTP requests served by this process, by route and status. */
export const httpRequests = new Histogram({
  name: "lineage_http_request_duration_seconds",
  help: "HTTP requests served, by route and status",
  labelNames: ["route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers: [registry],
});

/** Labels every series of this process with its service name. */
export function setServiceName(service: string): void {
  registry.setDefaultLabels({ service });
}

/** Answers GET /metrics in the Prometheus text format. */
export async function metricsHandler(_req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await registry.metrics();
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(body);
}
