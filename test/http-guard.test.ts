import { spawn } from "node:child_process";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuardedServer } from "../runtime/http-guard.js";

// The guard every service serves HTTP through (runtime/http-guard.ts), on a loopback server with
// handlers that fail in each way a handler can; and the process guard, in a child process.
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = createGuardedServer(async (req, res) => {
    if (req.url === "/sync") throw new Error("secret detail: sync");
    if (req.url === "/uri") decodeURIComponent("%E0%A4%A");
    if (req.url === "/url") new URL("//", "http://x");
    if (req.url === "/late") {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
      await new Promise((r) => setTimeout(r, 10));
      throw new Error("mid-answer");
    }
    await Promise.resolve();
    throw new Error("secret detail: async");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("createGuardedServer", () => {
  it("answers a thrown or rejected error with a masked 500, a malformed target with 400, and keeps serving", async () => {
    for (const path of ["/sync", "/async"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(500);
      expect(await res.json()).toEqual({ error: { code: "INTERNAL_SERVER_ERROR", message: "Internal server error" } });
    }
    for (const path of ["/uri", "/url"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.code).toBe("BAD_REQUEST");
    }
  });

  it("cuts an answer already started, so the client sees a failed transfer rather than a short one", async () => {
    await expect(fetch(`${base}/late`).then((r) => r.text())).rejects.toThrow();
    expect((await fetch(`${base}/async`)).status).toBe(500);
  });
});

describe("installProcessGuard", () => {
  it("logs an uncaught exception and an unhandled rejection (fatal, with the stack) and the process keeps running", async () => {
    const script = `
      const { installProcessGuard } = await import("./runtime/http-guard.ts");
      installProcessGuard();
      setTimeout(() => { throw new Error("escaped from a timer"); }, 1);
      setTimeout(() => Promise.reject(new Error("nobody awaited this")), 2);
      setTimeout(() => { console.log("still running"); process.exit(0); }, 200);
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(out).toContain("still running");
    const lines = err.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.level, l.err?.message])).toEqual([
      ["fatal", "escaped from a timer"],
      ["fatal", "nobody awaited this"],
    ]);
    expect(lines[0].err.stack).toContain("escaped from a timer");
  });
});
