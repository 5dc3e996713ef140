import fs from "node:fs";
import path from "node:path";
import type { SubgraphName } from "../../runtime/config.js";
import { isAlive } from "../../launcher/neo4j/process-util.js";

/**
 * The e2e tiers' shared stacks: started once per run by the global setup (global-stacks.ts),
 * one per e2e worker, and leased by a test file for its whole run, so the files of one worker
 * follow each other on one stack (their round-trip counts stay their own) while two workers
 * never share one. A lease is a directory created atomically; a lease whose holder died is free.
 */

/** What a test file gets of a shared stack: plain data (the processes live in the global setup). */
export interface SharedStackInfo {
  index: number;
  gateway: { name: string; url: string; port: number; pid: number };
  subgraphs: { name: string; url: string; port: number; pid: number }[];
  subgraphUrls: Record<SubgraphName, string>;
  /** Every line the stack's services printed, prefixed `[service] ` (serviceLines reads it). */
  logFile: string;
}

/** Where leases live for this run (under DATA_DIR, apart from a developer's stack). */
export const leaseDir = () => path.resolve(process.env.DATA_DIR ?? ".data/test", "stack-leases");

function tryLease(dir: string, index: number): boolean {
  const lease = path.join(dir, String(index));
  try {
    fs.mkdirSync(lease);
  } catch {
    const holder = Number(fs.readFileSync(path.join(lease, "pid"), { encoding: "utf8", flag: "a+" }) || 0);
    if (holder === 0 || isAlive(holder)) return false;
    fs.rmSync(lease, { recursive: true, force: true }); // its holder died without releasing
    return tryLease(dir, index);
  }
  fs.writeFileSync(path.join(lease, "pid"), String(process.pid));
  return true;
}

/** Leases a free shared stack, waiting for a release (a change in the lease directory) when all are taken. */
export async function leaseStack(count: number): Promise<{ index: number; release(): void }> {
  const dir = leaseDir();
  for (;;) {
    for (let i = 0; i < count; i++) {
      if (tryLease(dir, i)) return { index: i, release: () => fs.rmSync(path.join(dir, String(i)), { recursive: true, force: true }) };
    }
    await new Promise<void>((resolve) => {
      const watcher = fs.watch(dir, () => done());
      // A holder that dies releases nothing: look again now and then as well.
      const timer = setTimeout(() => done(), 2000);
      const done = () => {
        clearTimeout(timer);
        watcher.close();
        resolve();
      };
    });
  }
}
