import type http from "node:http";
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from "@opentelemetry/api";
import { tracingConfig } from "./config.js";

/**
 * OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set. Then the OpenTelemetry
 * Node SDK exports spans over OTLP (the SDK reads the other standard OTEL_* variables itself:
 * OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_TRACES_SAMPLER, OTEL_BSP_*, OTEL_RESOURCE_ATTRIBUTES) and
 * propagates W3C `traceparent`. Off, `tracer` stays undefined and every hook below returns at
 * once: the hot path pays one comparison.
 */
let tracer: Tracer | undefined;
let shutdown: (() => Promise<void>) | undefined;

/** True after startTracing() found an endpoint. */
export const tracingOn = (): boolean => tracer !== undefined;

/**
 * Starts the SDK for service `name` (service.name, unless OTEL_SERVICE_NAME overrides it), before
 * any server starts. Traces only: metrics stay Prometheus (GET /metrics), logs stay on stderr.
 * The SDK is imported here, not at the top, so a process without tracing never loads it.
 */
export async function startTracing(name: string): Promise<void> {
  if (!tracingConfig.endpoint || tracer) return;
  const { NodeSDK } = await import("@opentelemetry/sdk-node");
  const sdk = new NodeSDK({ serviceName: tracingConfig.serviceName ?? name, metricReaders: [], logRecordProcessors: [] });
  sdk.start();
  shutdown = () => sdk.shutdown();
  tracer = trace.getTracer("ai-lineage-graph");
}

/** Flushes spans not yet exported (bounded, so a collector that is gone never blocks a stop). */
export async function stopTracing(): Promise<void> {
  if (!shutdown) return;
  await Promise.race([shutdown().catch(() => {}), new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
}

/** Per-request facts that spans further down read (the OTel context itself is immutable). */
interface RequestFacts {
  operation?: string;
}
const FACTS = Symbol.for("ai-lineage.request-facts");

/**
 * Runs `work` (one HTTP request a service serves) in a SERVER span that continues the caller's
 * trace (W3C `traceparent` in `req.headers`). Without tracing, just runs `work`.
 */
export function inServerSpan<T>(req: http.IncomingMessage, res: http.ServerResponse, route: string, work: () => Promise<T>): Promise<T> {
  if (!tracer) return work();
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(`${req.method} ${route}`, { kind: SpanKind.SERVER, attributes: { "http.request.method": req.method ?? "GET", "http.route": route, "url.path": (req.url ?? "/").split("?")[0] } }, parent);
  const ctx = trace.setSpan(parent, span).setValue(FACTS, {} satisfies RequestFacts);
  return context.with(ctx, work).then(
    (result) => {
      endSpan(span, res.statusCode);
      return result;
    },
    (err: unknown) => {
      span.recordException(err as Error);
      endSpan(span, 500);
      throw err;
    },
  );
}

function endSpan(span: Span, status: number | undefined): void {
  if (status) span.setAttribute("http.response.status_code", status);
  if (status && status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** Names the request's GraphQL operation on its server span and on the Cypher spans to come. */
function setOperationName(name: string): void {
  if (!tracer) return;
  const facts = context.active().getValue(FACTS) as RequestFacts | undefined;
  if (facts) facts.operation = name;
  trace.getActiveSpan()?.setAttribute("graphql.operation.name", name);
}

/** Apollo Server plugin of the subgraphs: the operation's name, once resolved, on the request's spans. */
export const tracingPlugin = {
  async requestDidStart() {
    if (!tracer) return;
    return {
      async didResolveOperation(rc: { operationName?: string | null; operation?: { name?: { value: string } } }) {
        const name = rc.operationName ?? rc.operation?.name?.value;
        if (name) setOperationName(name);
      },
    };
  },
};

/** The context a transaction's statements are parented to: captured where the transaction starts. */
export const traceContext = (): Context | undefined => (tracer ? context.active() : undefined);

/**
 * Runs one Cypher statement in a CLIENT span under `parent` (only inside a traced request, so the
 * outbox poll and the /metrics scrape make no traces). The text carries no values: parameters only.
 */
export async function inCypherSpan<T>(parent: Context | undefined, op: string, database: string, cypher: string, run: () => Promise<T>): Promise<T> {
  if (!tracer || !parent || !trace.getSpan(parent)) return run();
  const facts = parent.getValue(FACTS) as RequestFacts | undefined;
  const span = tracer.startSpan(
    `cypher ${op}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "db.system.name": "neo4j",
        "db.namespace": database,
        "db.query.text": cypher,
        "lineage.cypher.op": op,
        ...(facts?.operation ? { "graphql.operation.name": facts.operation } : {}),
      },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), run);
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span.end();
  }
}

/** Adds the current trace's `traceparent` to outgoing headers (the gateway's REST proxy). */
export function injectTraceHeaders(headers: Record<string, unknown>): void {
  if (tracer) propagation.inject(context.active(), headers);
}
