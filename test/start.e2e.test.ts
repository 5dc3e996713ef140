import { spawn, type ChildProcess } from "node:child_process";
import { inject, describe, expect, it, vi } from "vitest";

// `npm start` as a user runs it (tools/start.ts), on the run's Neo4j (NEO4J_URI, so no second
// JVM here): six service processes under one supervisor, a crash stops everything with a
// non-zero exit, SIGTERM stops everything with none left behind.
interface Started {
  child: ChildProcess;
  output: string[];
  exit: Promise<number | null>;
  pids: Record<string, number>;
}

async function npmStart(): Promise<Started> {
  const neo = inject("neo4j");
  const child = spawn(process.execPath, ["--import", "tsx", "tools/start.ts"], {
    env: { ...process.env, NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password, NEO4J_DATABASE: neo.database, PORT: "0", SUBGRAPH_PORT_BASE: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  for (const s of [child.stdout!, child.stderr!]) s.setEncoding("utf8").on("data", (d: string) => output.push(...d.split("\n")));
  const exit = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  await vi.waitFor(() => expect(output.some((l) => l.includes("Gateway      http://"))).toBe(true), { timeout: 600_000, interval: 200 });
  const pids: Record<string, number> = {};
  for (const m of output.join("\n").matchAll(/(\w+) :\d+ \(pid (\d+)\)/g)) pids[m[1]] = Number(m[2]);
  pids.gateway = Number(output.join("\n").match(/Gateway +\S+ +\(pid (\d+)\)/)![1]);
  return { child, output, exit, pids };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("npm start", () => {
  it("supervises six service processes with prefixed logs, and stops them all on SIGTERM", async () => {
    const s = await npmStart();
    expect(Object.keys(s.pids).sort()).toEqual(["approvals", "compliance", "datasets", "gateway", "gpu", "models"]);
    expect(new Set(Object.values(s.pids)).size).toBe(6);
    for (const name of Object.keys(s.pids)) expect(s.output.some((l) => l.startsWith(`[${name}] `) && l.includes("listening on http://"))).toBe(true);
    s.child.kill("SIGTERM");
    expect(await s.exit).toBe(0);
    for (const pid of Object.values(s.pids)) expect(alive(pid)).toBe(false);
  });

  it("reports a crashed service by name and stops the stack with a non-zero exit", async () => {
    const s = await npmStart();
    process.kill(s.pids.datasets, "SIGKILL");
    expect(await s.exit).toBe(1);
    expect(s.output).toContain("[stack] datasets exited unexpectedly (SIGKILL): stopping");
    for (const pid of Object.values(s.pids)) expect(alive(pid)).toBe(false);
  });
});
