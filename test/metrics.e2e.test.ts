// type-graphql needs the Reflect metadata polyfill before any decorated class loads, whatever the import order.
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { sampleValue, scrape } from "./support/prometheus.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

const metricsUrl = (serviceUrl: string) => new URL("/metrics", serviceUrl).toString();

describe("Prometheus metrics", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  it("the gateway counts requests and errors per operation; no token is needed to scrape", async () => {
    const writer = await token("pipeline", "lineage:write lineage:read");
    const before = await scrape(metricsUrl(stack.gateway.url));
    expect(before.status).toBe(200);
    expect(before.contentType).toMatch(/^text\/plain/);
    const op = uniq("RegisterForMetrics").replace(/[^A-Za-z0-9_]/g, "_");
    for (let i = 0; i < 2; i++) {
      const r = await gql(stack.gateway.url, writer, `mutation ${op}($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
        i: { name: uniq("metrics"), version: "1", intendedPurpose: "rank leads", providerName: "Acme", riskCategory: "MINIMAL" },
      });
      expect(r.errors).toBeUndefined();
    }
    const reader = await token("viewer", "lineage:read");
    const denied = await gql(stack.gateway.url, reader, `query ${op}_denied { auditIntegrity { length } }`);
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const after = await scrape(metricsUrl(stack.gateway.url));
    const seen = JSON.stringify(after.samples.filter((x) => x.name.startsWith("lineage_gateway")));
    expect(sampleValue(after.samples, "lineage_gateway_requests_total", { operation: op, status: "200" }), seen).toBe(2);
    expect(sampleValue(after.samples, "lineage_gateway_request_duration_seconds_count", { operation: op })).toBe(2);
    expect(sampleValue(after.samples, "lineage_gateway_errors_total", { operation: `${op}_denied`, code: "FORBIDDEN" })).toBe(1);
    expect(sampleValue(after.samples, "lineage_gateway_errors_total", { operation: op })).toBeUndefined();
    const calls = (s: typeof before.samples) => sampleValue(s, "lineage_gateway_subgraph_requests_total", { subgraph: "models", outcome: "ok" }) ?? 0;
    expect(calls(after.samples) - calls(before.samples)).toBeGreaterThanOrEqual(2);
  });

  it("every subgraph serves /metrics; models counts its operations and Cypher, compliance and datasets their domain gauges", async () => {
    const auditor = await token("auditor", "audit:read lineage:read");
    for (const [name, url] of Object.entries(stack.subgraphUrls)) {
      const m = await scrape(metricsUrl(url));
      expect(m.status, name).toBe(200);
      expect(sampleValue(m.samples, "process_cpu_user_seconds_total"), name).toBeGreaterThan(0);
    }
    const models = await scrape(metricsUrl(stack.subgraphUrls.models));
    expect(sampleValue(models.samples, "lineage_subgraph_requests_total", { subgraph: "models" })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(models.samples, "lineage_cypher_duration_seconds_count", { op: "registerAISystem" })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(models.samples, "lineage_decisions_stored")).toBeGreaterThanOrEqual(0);

    const integrity = await gql(stack.gateway.url, auditor, `{ auditIntegrity { length verified } }`);
    expect(integrity.errors).toBeUndefined();
    const compliance = await scrape(metricsUrl(stack.subgraphUrls.compliance));
    // Nothing else writes during this test file, so the gauge equals what the API reports.
    expect(sampleValue(compliance.samples, "lineage_audit_chain_length")).toBe(integrity.data!.auditIntegrity.length);
    expect(sampleValue(compliance.samples, "lineage_audit_events_stored")).toBe(integrity.data!.auditIntegrity.length);
    expect(sampleValue(compliance.samples, "lineage_audit_head_intact")).toBe(1);
    expect(sampleValue(compliance.samples, "lineage_incidents_overdue")).toBeGreaterThanOrEqual(0);

    const datasets = await scrape(metricsUrl(stack.subgraphUrls.datasets));
    expect(sampleValue(datasets.samples, "lineage_webhook_failed_attempts")).toBeGreaterThanOrEqual(0);
    expect(sampleValue(datasets.samples, "lineage_graph_scrape_errors")).toBe(0);
  });
});
