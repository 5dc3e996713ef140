import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR } from "../runtime/migrate.js";
import { connectTestDb, cypher, disconnect } from "./support/db.js";

beforeAll(connectTestDb);
afterAll(disconnect);

describe("migrations", () => {
  it("are recorded in a ledger and not applied twice", async () => {
    expect(await migrate()).toEqual([]);
    const ledger = await cypher<{ id: string; checksum: string }>("MATCH (m:Migration) RETURN m.id AS id, m.checksum AS checksum ORDER BY id");
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith(".cypher")).sort();
    expect(ledger.map((l) => `${l.id}.cypher`)).toEqual(files);
    expect(ledger.every((l) => /^sha256:[0-9a-f]{64}$/.test(l.checksum))).toBe(true);
  });

  it("created the uniqueness constraints the contract's labels need", async () => {
    const rows = await cypher<{ labels: string[] }>("SHOW CONSTRAINTS YIELD labelsOrTypes AS labels, type WHERE type = 'UNIQUENESS' RETURN labels");
    const labels = rows.flatMap((r) => r.labels);
    for (const l of ["AISystem", "Model", "ModelVersion", "TrainingRun", "Deployment", "Decision", "Dataset", "DatasetVersion", "Approval", "Site", "GpuCluster", "ComputeAllocation"]) {
      expect(labels).toContain(l);
    }
  });

  it("refuse to run when an applied file was edited, naming it, and change nothing", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
    for (const f of await fs.readdir(MIGRATIONS_DIR)) await fs.copyFile(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    await fs.appendFile(path.join(dir, "0002_indexes.cypher"), "CREATE INDEX sneaky IF NOT EXISTS FOR (n:Model) ON (n.name);\n");
    await fs.writeFile(path.join(dir, "9999_later.cypher"), "CREATE INDEX later_one IF NOT EXISTS FOR (n:Model) ON (n.createdAt);\n");
    await expect(migrate(() => {}, dir)).rejects.toThrow(/0002_indexes\.cypher was edited after it was applied/);
    const later = await cypher("SHOW INDEXES YIELD name WHERE name IN ['sneaky', 'later_one'] RETURN name");
    expect(later).toEqual([]);
    await fs.rm(dir, { recursive: true });
  });
});
