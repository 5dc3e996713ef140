import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startGateway } from "../gateway/index.js";

// The benchmark compares our gateway with authentication off against @apollo/gateway without it.
// That switch must not exist for a deployment: no variable sets it, only the benchmark's own
// server script passes it, and the gateway refuses it in production.
const OPTION = "benchmarkWithoutAuthentication";

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? (e.name === "node_modules" ? [] : sources(p)) : p.endsWith(".ts") ? [p] : [];
  });

describe("the gateway without authentication (benchmark only)", () => {
  it("is refused in production before anything starts", async () => {
    await expect(startGateway({ port: 0, host: "127.0.0.1", production: true, [OPTION]: true })).rejects.toThrow(/benchmark switch and does not exist in production/);
  });

  it("is passed only by the benchmark's server script, never by the served gateway or configuration", () => {
    const users = ["gateway", "runtime", "subgraphs", "tools"].flatMap(sources).filter((f) => fs.readFileSync(f, "utf8").includes(OPTION));
    expect(users.sort()).toEqual(["gateway/index.ts", "tools/bench/serve-peer.ts"]);
    expect(fs.readFileSync("runtime/config.ts", "utf8")).not.toMatch(/WITHOUT_AUTH|NO_AUTH/i);
  });

  it("does not start under NODE_ENV=production even from the benchmark's script", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "tools/bench/serve-peer.ts", "gateway-noauth"], {
      // A Neo4j address so that the refusal, not a missing variable, is what stops it (nothing listens there).
      env: { ...process.env, NODE_ENV: "production", NEO4J_URI: "bolt://127.0.0.1:9", NEO4J_PASSWORD: "unused" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).not.toBe(0);
    expect(out).toMatch(/benchmark switch and does not exist in production/);
  });
});
