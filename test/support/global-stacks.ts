import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildServices } from "../../tools/build.js";
import { startStack, type Stack } from "../../launcher/stack.js";
import { neo4jForRun } from "./global-setup.js";
import { leaseDir, type SharedStackInfo } from "./shared-stacks.js";

declare module "vitest" {
  export interface ProvidedContext {
    sharedStacks: SharedStackInfo[];
    /** The run's build of the services (tools/build.ts): every stack starts from it. */
    servicesBuild: string;
  }
}

/** How many shared stacks a run starts: TEST_STACKS, default 3, at most one per test worker (TEST_WORKERS, default 4: vitest.config.ts). */
export const STACK_COUNT = Math.min(Number(process.env.TEST_STACKS ?? 3), Number(process.env.TEST_WORKERS ?? 4));

const shared = globalThis as { __testStacks?: Promise<{ stacks: Stack[]; infos: SharedStackInfo[]; build: string }> };

async function startShared(): Promise<{ stacks: Stack[]; infos: SharedStackInfo[]; build: string }> {
  // Every stack of the run (shared here, private in the test files: provided as servicesBuild)
  // starts its services from one fresh build, not with tsx (tools/build.ts).
  const [neo4j, build] = await Promise.all([neo4jForRun(), buildServices(path.resolve(process.env.DATA_DIR!, "build"))]);
  fs.rmSync(leaseDir(), { recursive: true, force: true });
  fs.mkdirSync(leaseDir(), { recursive: true });
  const logs = path.resolve(process.env.DATA_DIR!, "stack-logs");
  fs.mkdirSync(logs, { recursive: true });
  const started = await Promise.all(
    Array.from({ length: STACK_COUNT }, async (_, index) => {
      const logFile = path.join(logs, `stack-${index}.log`);
      const out = fs.createWriteStream(logFile, { flags: "w" });
      const stack = await startStack({
        port: 0,
        subgraphPortBase: 0,
        build,
        neo4j: { ...neo4j, embedded: false, stop: async () => {} },
        log: (line) => {
          out.write(`${line}\n`);
          if (process.env.STACK_LOG) console.log(`[stack ${index}] ${line}`);
        },
        onUnexpectedExit: (name, code) => console.error(`shared stack ${index}: ${name} exited unexpectedly (${code}); its output is in ${logFile}`),
      });
      const proc = (s: { name: string; url: string; port: number; pid: number }) => ({ name: s.name, url: s.url, port: s.port, pid: s.pid });
      const info: SharedStackInfo = { index, gateway: proc(stack.gateway), subgraphs: stack.subgraphs.map(proc), subgraphUrls: stack.subgraphUrls, logFile };
      return { stack, info };
    }),
  );
  return { stacks: started.map((s) => s.stack), infos: started.map((s) => s.info), build };
}

/** Global setup of the e2e tiers: the run's shared stacks, started beside Neo4j, stopped at the end. */
export default async function setup(project: TestProject) {
  shared.__testStacks ??= startShared();
  const { infos, build } = await shared.__testStacks;
  project.provide("sharedStacks", infos);
  project.provide("servicesBuild", build);
  return async () => {
    const pending = shared.__testStacks;
    shared.__testStacks = undefined;
    const running = await pending;
    await Promise.all(running?.stacks.map((s) => s.stop()) ?? []);
  };
}
