import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { dbtModelEvents } from "./support/openlineage-events.js";
import { startOtlpReceiver, type ReceivedSpan } from "./support/otlp-receiver.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

// OpenTelemetry across gateway -> subgraphs -> Neo4j, exported over OTLP/HTTP to a receiver
// this test runs (docs/operations.md, "Tracing").
let stack: Stack;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let writer: string;
let admin: string;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  stack = await startTestStack({
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_BSP_SCHEDULE_DELAY: "50" },
  });
  writer = await token("pipeline", "lineage:write lineage:read");
  admin = await token("ops", "admin");
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

/** A GraphQL request sent with a W3C traceparent of our own, so its trace id is known. */
async function tracedGql(traceId: string, parentId: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${writer}`, traceparent: `00-${traceId}-${parentId}-01` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: unknown[] }) };
}

/** The span's ancestors in the trace, nearest first, as far as they were received. */
function ancestors(span: ReceivedSpan, trace: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  const out: ReceivedSpan[] = [];
  const parentOf = (s: ReceivedSpan) => (s.parentSpanId ? byId.get(s.parentSpanId) : undefined);
  for (let p = parentOf(span); p; p = parentOf(p)) out.push(p);
  return out;
}

const ok = (res: { data?: Record<string, any> | null; errors?: unknown[] }): Record<string, any> => {
  expect(res.errors).toBeUndefined();
  return res.data!;
};

describe("tracing (OTEL_EXPORTER_OTLP_ENDPOINT set)", () => {
  it("gives one request one trace: gateway, two subgraphs and their Cypher statements, chained to the gateway's span", async () => {
    const sys = ok(await gql(stack.gateway.url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("traced"), version: "1", intendedPurpose: "inspect welds", providerName: "Acme", riskCategory: "HIGH" },
    })).registerAISystem;
    const model = ok(await gql(stack.gateway.url, writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "weld-net" } })).registerModel;
    const mv = ok(await gql(stack.gateway.url, writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
      i: { modelId: model.id, version: "1.0.0", artifactDigest: `sha256:${"b".repeat(64)}` },
    })).registerModelVersion;
    const site = ok(await gql(stack.gateway.url, admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("plant"), country: "FR", kind: "ON_PREM" } })).registerSite;

    // The traced request: the deployment is written by models, its site resolved by gpu.
    const traceId = randomBytes(16).toString("hex");
    const clientSpan = randomBytes(8).toString("hex");
    const res = await tracedGql(traceId, clientSpan, `mutation TracedDeployment($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id site { id country } modelVersion { id } } }`, {
      i: { modelVersionId: mv.id, siteId: site.id, environment: "production", startedAt: "2026-01-01T00:00:00Z" },
    });
    expect(res.status).toBe(200);
    expect(ok(res).recordDeployment.site).toEqual({ id: site.id, country: "FR" });

    // Complete once the gateway's root span is in and every Cypher span of the trace chains up to it.
    const inTrace = (all: ReceivedSpan[]) => all.filter((s) => s.traceId === traceId);
    const rootOf = (trace: ReceivedSpan[]) => trace.find((s) => s.service === "gateway" && s.parentSpanId === clientSpan);
    const cypherOf = (trace: ReceivedSpan[]) => trace.filter((s) => s.attributes["db.system.name"] === "neo4j");
    const complete = (all: ReceivedSpan[]) => {
      const trace = inTrace(all);
      const root = rootOf(trace);
      const cypher = cypherOf(trace);
      return !!root && new Set(cypher.map((s) => s.service)).size >= 2 && cypher.every((s) => ancestors(s, trace).includes(root));
    };
    const trace = inTrace(await receiver.waitFor(complete));

    const root = rootOf(trace)!;
    expect(root.name).toMatch(/POST/);
    const services = new Set(trace.map((s) => s.service));
    expect(services.has("gateway")).toBe(true);
    expect(services.has("models")).toBe(true);
    expect(services.has("gpu")).toBe(true);

    const cypher = cypherOf(trace);
    expect(new Set(cypher.map((s) => s.service))).toEqual(new Set(["models", "gpu"]));
    for (const s of cypher) {
      expect(s.name).toBe(`cypher ${s.attributes["lineage.cypher.op"]}`);
      // The gateway names the client's operation in its subgraph requests; every statement carries it.
      expect(s.attributes["graphql.operation.name"]).toBe("TracedDeployment");
      expect(s.attributes["db.query.text"]).toEqual(expect.any(String));
      // Each statement's parent is its subgraph's server span, whose parent is a gateway span.
      const [server, caller] = ancestors(s, trace);
      expect(server.service).toBe(s.service);
      expect(server.name).toBe("POST /graphql");
      expect(caller.service).toBe("gateway");
    }
    // The gateway's own spans: the operation, and one execution per subgraph it called.
    const gatewaySpans = trace.filter((s) => s.service === "gateway").map((s) => s.name);
    expect(gatewaySpans).toEqual(expect.arrayContaining(["graphql.operation TracedDeployment", "subgraph.execute (models)", "subgraph.execute (gpu)", "http.fetch"]));
  });

  it("continues the trace through the gateway's REST proxy (OpenLineage) into the datasets service and its Cypher", async () => {
    const ns = `postgres://warehouse-${uniq("db")}:5432`;
    const ev = dbtModelEvents({ project: "traced", model: "orders", inputs: [{ namespace: ns, name: "traced.public.stg_orders" }], output: { namespace: ns, name: "traced.public.orders" } });
    const traceId = randomBytes(16).toString("hex");
    const clientSpan = randomBytes(8).toString("hex");
    const res = await fetch(new URL("/api/v1/lineage", stack.gateway.url), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${writer}`, traceparent: `00-${traceId}-${clientSpan}-01` },
      body: JSON.stringify(ev.start),
    });
    expect(res.status).toBe(201);

    const inTrace = (all: ReceivedSpan[]) => all.filter((s) => s.traceId === traceId);
    const rootOf = (trace: ReceivedSpan[]) => trace.find((s) => s.service === "gateway" && s.parentSpanId === clientSpan);
    const trace = inTrace(
      await receiver.waitFor((all) => {
        const t = inTrace(all);
        const root = rootOf(t);
        const cypher = t.filter((s) => s.attributes["db.system.name"] === "neo4j");
        return !!root && cypher.length > 0 && cypher.every((s) => ancestors(s, t).includes(root));
      }),
    );
    expect(rootOf(trace)!.name).toBe("POST /api/v1/lineage");
    const server = trace.find((s) => s.service === "datasets" && s.parentSpanId === rootOf(trace)!.spanId);
    expect(server?.name).toBe("POST /api/v1/lineage");
    expect(trace.filter((s) => s.attributes["db.system.name"] === "neo4j").every((s) => s.service === "datasets")).toBe(true);
  });
});
