import type { GatewayConfigContext, GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { tracingOn } from "../runtime/tracing.js";

/**
 * The gateway's OpenTelemetry plugin (`@graphql-hive/plugin-opentelemetry`) when tracing is on
 * (runtime/tracing.ts started the SDK): per request an HTTP span, a GraphQL operation span with
 * parse/validate/execute, and per subgraph call a subgraph-execution and an upstream fetch span;
 * the incoming `traceparent` is continued and each subgraph request carries the fetch span's.
 * Loaded on demand, so a gateway without tracing neither loads nor runs it.
 */
export async function gatewayTracing(): Promise<(ctx: GatewayConfigContext) => GatewayPlugin[]> {
  if (!tracingOn()) return () => [];
  const { useOpenTelemetry } = await import("@graphql-hive/plugin-opentelemetry");
  return (ctx) => [useOpenTelemetry({ ...ctx, traces: true })];
}
