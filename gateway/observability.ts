import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { getOperationAST } from "graphql";
import { Counter, Histogram } from "prom-client";
import { operationLabel, registry } from "../runtime/metrics.js";

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const metric = <T>(existing: string, make: () => T): T => (registry.getSingleMetric(existing) as T | undefined) ?? make();

const requests = metric("lineage_gateway_requests_total", () => new Counter({
  name: "lineage_gateway_requests_total",
  help: "GraphQL requests the gateway answered, by operation and HTTP status",
  labelNames: ["operation", "status"],
  registers: [registry],
}));
const duration = metric("lineage_gateway_request_duration_seconds", () => new Histogram({
  name: "lineage_gateway_request_duration_seconds",
  help: "Time the gateway took to answer, by operation",
  labelNames: ["operation"],
  buckets: SECONDS,
  registers: [registry],
}));
const errors = metric("lineage_gateway_errors_total", () => new Counter({
  name: "lineage_gateway_errors_total",
  help: "Errors in gateway responses, by operation and extensions.code",
  labelNames: ["operation", "code"],
  registers: [registry],
}));
const fetches = metric("lineage_gateway_subgraph_requests_total", () => new Counter({
  name: "lineage_gateway_subgraph_requests_total",
  help: "Calls from the gateway to subgraphs, by subgraph and outcome (ok, http_<status>, unreachable)",
  labelNames: ["subgraph", "outcome"],
  registers: [registry],
}));
const fetchDuration = metric("lineage_gateway_subgraph_duration_seconds", () => new Histogram({
  name: "lineage_gateway_subgraph_duration_seconds",
  help: "Time of one gateway-to-subgraph call, by subgraph",
  labelNames: ["subgraph"],
  buckets: SECONDS,
  registers: [registry],
}));

interface Pending {
  operation: string;
  end: (labels?: Record<string, string>) => number;
}

/**
 * `useMetrics` for the gateway: requests, latency and errors per operation, and every subgraph
 * call per subgraph. Operation names are bounded (runtime/metrics.ts operationLabel).
 */
export function useMetrics(subgraphUrls: Record<string, string>): GatewayPlugin {
  const byUrl = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, name]));
  const pending = new WeakMap<Request, Pending>();
  return {
    onRequest({ request }) {
      pending.set(request, { operation: "anonymous", end: duration.startTimer() });
    },
    // The operation's name as written in the document (clients seldom send operationName).
    onExecute({ args }) {
      const p = args.contextValue.request && pending.get(args.contextValue.request);
      if (p) p.operation = operationLabel(getOperationAST(args.document, args.operationName)?.name?.value);
    },
    onResultProcess({ request, result }) {
      const p = pending.get(request);
      const list = Array.isArray(result) ? result : [result];
      for (const r of list) {
        for (const e of (r as { errors?: { extensions?: { code?: string } }[] } | null)?.errors ?? []) {
          errors.inc({ operation: p?.operation ?? "anonymous", code: e.extensions?.code ?? "INTERNAL_SERVER_ERROR" });
        }
      }
    },
    onResponse({ request, response }) {
      const p = pending.get(request);
      if (!p) return;
      pending.delete(request);
      requests.inc({ operation: p.operation, status: String(response.status) });
      p.end({ operation: p.operation });
    },
    onFetch({ url }) {
      const subgraph = byUrl.get(url) ?? "unknown";
      const end = fetchDuration.startTimer({ subgraph });
      return ({ response }) => {
        end();
        fetches.inc({ subgraph, outcome: response.ok ? "ok" : response.status ? `http_${response.status}` : "unreachable" });
      };
    },
  };
}
