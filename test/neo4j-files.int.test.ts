// The embedded Neo4j's files are private to the user that runs it (issue 10).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { config, readEnv } from "../runtime/config.js";
import { provisionNeo4j } from "../launcher/neo4j/provision.js";
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

describe("embedded Neo4j settings", () => {
  it("NEO4J_SETTINGS reach the server through a private settings.conf, as its debug.log reports", () => {
    const wanted = readEnv().NEO4J_SETTINGS;
    // The test run sets the Cypher replan settings (vitest.config.ts).
    expect(Object.keys(wanted).length, "vitest.config.ts sets NEO4J_SETTINGS").toBeGreaterThan(0);
    const dir = path.join(config.dataDir, "neo4j");
    const file = path.join(dir, "settings.conf");
    expect(fs.readFileSync(file, "utf8")).toBe(Object.entries(wanted).map(([k, v]) => `${k}=${v}\n`).join(""));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Neo4j lists the settings it was given at each start ("DBMS provided settings:"), internal ones too.
    const log = fs.readFileSync(path.join(dir, "logs", "debug.log"), "utf8");
    const block = log.slice(log.lastIndexOf("DBMS provided settings:")).split("\n").slice(1, 40).map((l) => l.trim());
    for (const [name, value] of Object.entries(wanted)) expect(block).toContain(`${name}=${value}`);
  });
});

describe("a bad embedded Neo4j setting", () => {
  it("stops the start with Neo4j's own message naming the setting", async () => {
    const saved = process.env.NEO4J_SETTINGS;
    const dataDir = fs.mkdtempSync(path.join(config.dataDir, "neo4j-bad-setting-"));
    process.env.NEO4J_SETTINGS = "dbms.cypher.min_replan_interval=5m dbms.no_such_setting=1";
    try {
      await expect(provisionNeo4j({ dataDir })).rejects.toThrow(/dbms\.no_such_setting/);
    } finally {
      if (saved === undefined) delete process.env.NEO4J_SETTINGS;
      else process.env.NEO4J_SETTINGS = saved;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
