// The embedded Neo4j's files are private to the user that runs it (issue 10).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { config } from "../runtime/config.js";
import { connectTestDb, cypher, disconnect } from "./support/db.js";

/** Every path under `dir` whose group or other permission bits are set. */
function openToOthers(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    if (st.mode & 0o077) out.push(`${path.relative(dir, p) || "."} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
  return out;
}

describe("embedded Neo4j files", () => {
  it("store, transaction logs and debug.log: directories 0700, files 0600, also for files written after start", async () => {
    const dir = path.join(config.dataDir, "neo4j");
    connectTestDb();
    try {
      // A write makes the JVM append to (and possibly create) transaction log files now.
      await cypher(`CREATE (n:PermissionProbe {at: $at}) DELETE n`, { at: new Date().toISOString() });
    } finally {
      await disconnect();
    }
    const all = fs.readdirSync(dir, { recursive: true }) as string[];
    expect(all.some((f) => f.endsWith("debug.log"))).toBe(true);
    expect(all.some((f) => /transactions/.test(f))).toBe(true);
    expect(openToOthers(dir)).toEqual([]);
  });
});
