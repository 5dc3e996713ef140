import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";

// A service started with a bad variable stops at once with one line naming it (runtime/config.ts, envalid).
const serve = (env: Record<string, string>) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) =>
    execFile(process.execPath, ["--import", "tsx", "tools/serve.ts", "gpu"], { env: { ...process.env, ...env } }, (err, _out, stderr) =>
      resolve({ code: err ? (err.code as number) : 0, stderr }),
    ),
  );

describe("configuration", () => {
  it("names every bad variable in one line and exits 1", async () => {
    const res = await serve({ PORT: "abc", GATEWAY_SUPERGRAPH: "remote", SUBGRAPH_URL_GPU: "not a url", OTEL_EXPORTER_OTLP_ENDPOINT: "collector" });
    expect(res.code).toBe(1);
    const lines = res.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^invalid configuration: /);
    for (const name of ["PORT", "GATEWAY_SUPERGRAPH", "SUBGRAPH_URL_GPU", "OTEL_EXPORTER_OTLP_ENDPOINT"]) expect(lines[0]).toContain(name);
    expect(lines[0]).toContain('got "abc"');
  });
});

describe("configuration of the moved variables", () => {
  it("a bad Neo4j, limit, webhook, issuer or log setting stops the start with one line naming each", async () => {
    const bad = {
      NEO4J_BOLT_PORT: "99999",
      SUBGRAPH_MAX_BODY_BYTES: "-1",
      EXPORT_MAX_CONCURRENT: "lots",
      DRIFT_WEBHOOK_URL: "ftp://example.test/drift",
      TRUSTED_ISSUERS: "[{not json",
      LOG_LEVEL: "loud",
      NEO4J_SETTINGS: "dbms.cypher.min_replan_interval=5m server.memory.heap",
    };
    const res = await serve(bad);
    expect(res.code).toBe(1);
    const lines = res.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^invalid configuration: /);
    for (const name of Object.keys(bad)) expect(lines[0]).toContain(name);
    expect(lines[0]).toContain('SUBGRAPH_MAX_BODY_BYTES must be a positive integer, got "-1"');
    expect(lines[0]).toContain('DRIFT_WEBHOOK_URL must be an http(s) URL, got "ftp://example.test/drift"');
    expect(lines[0]).toContain('NEO4J_SETTINGS must be name=value pairs separated by spaces, got "server.memory.heap"');
  });

  it("a good value of a moved variable passes the check (the service then stops for want of Neo4j, not of configuration)", async () => {
    const res = await serve({ SUBGRAPH_MAX_BODY_BYTES: "1024", DRIFT_WEBHOOK_URL: "http://127.0.0.1:9/drift", LOG_LEVEL: "warn" });
    expect(res.stderr).not.toContain("invalid configuration");
    expect(res.stderr).toContain("NEO4J_URI is not set");
  });
});
