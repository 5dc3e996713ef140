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

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A bounded label: client-chosen operation names are kept only while few and well formed. */
const seenOps = new Set<string>();
export function operationLabel(name: string | null | undefined): string {
  if (!name) return "anonymous";
  if (seenOps.has(name)) return name;
  if (seenOps.size >= 200 || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return "other";
  seenOps.add(name);
  return name;
}

export const subgraphRequests = new Counter({
  name: "lineage_subgraph_requests_total",
  help: "GraphQL requests a subgraph served, by subgraph and operation",
  labelNames: ["subgraph", "operation"],
  registers: [registry],
});
export const subgraphErrors = new Counter({
  name: "lineage_subgraph_errors_total",
  help: "Errors in subgraph responses, by subgraph, operation and extensions.code",
  labelNames: ["subgraph", "operation", "code"],
  registers: [registry],
});
export const subgraphDuration = new Histogram({
  name: "lineage_subgraph_request_duration_seconds",
  help: "Time a subgraph took to answer, by subgraph and operation",
  labelNames: ["subgraph", "operation"],
  buckets: SECONDS,
  registers: [registry],
});
export const cypherDuration = new Histogram({
  name: "lineage_cypher_duration_seconds",
  help: "Time of one Cypher statement, by the operation that ran it (code-defined names)",
  labelNames: ["op"],
  buckets: SECONDS,
  registers: [registry],
});

/** An Apollo Server plugin counting a subgraph's requests, errors and latency per operation. */
export function subgraphMetricsPlugin(subgraph: string) {
  return {
    async requestDidStart() {
      const end = subgraphDuration.startTimer({ subgraph });
      let operation = "anonymous";
      return {
        async didResolveOperation(rc: { operationName?: string | null; operation?: { name?: { value: string } } }) {
          operation = operationLabel(rc.operationName ?? rc.operation?.name?.value);
        },
        async didEncounterErrors(rc: { errors: readonly { extensions?: Record<string, unknown> }[] }) {
          for (const e of rc.errors) subgraphErrors.inc({ subgraph, operation, code: String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR") });
        },
        async willSendResponse() {
          subgraphRequests.inc({ subgraph, operation });
          end({ operation });
        },
      };
    },
  };
}
