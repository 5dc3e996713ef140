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
