import fs from "node:fs/promises";
import path from "node:path";
import { sha256Hex } from "./canonical.js";
import { databaseName, getDriver } from "./db.js";

/** Where migrations live: `migrations/NNNN_<name>.cypher`, applied in file-name order. */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "../migrations");

const SCHEMA_STATEMENT = /^(CREATE|DROP)\s+(CONSTRAINT|INDEX|RANGE INDEX|TEXT INDEX|POINT INDEX|FULLTEXT INDEX|LOOKUP INDEX|VECTOR INDEX)\b/i;

export interface Migration {
  id: string;
  checksum: string;
  statements: string[];
  kind: "schema" | "data";
}

/** Reads the migration files; a file mixes schema and data statements only by mistake, so that is refused. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.cypher$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await fs.readFile(path.join(dir, file), "utf8");
      const statements = text
        .split("\n")
        .filter((l) => !l.trim().startsWith("//"))
        .join("\n")
        .split(/;\s*(?:\n|$)/)
        .map((s) => s.trim())
        .filter(Boolean);
      const schema = statements.map((s) => SCHEMA_STATEMENT.test(s));
      if (schema.some(Boolean) && !schema.every(Boolean)) {
        throw new Error(`migration ${file} mixes schema and data statements: split it into two files`);
      }
      return { id: file.replace(/\.cypher$/, ""), checksum: `sha256:${sha256Hex(text)}`, statements, kind: schema.every(Boolean) ? "schema" : "data" } as Migration;
    }),
  );
}

/**
 * Applies pending migrations in order and records each in the ledger `(:Migration {id,
 * checksum, appliedAt})`. Schema statements run each in its own transaction; a data migration
 * runs with its ledger entry in one transaction. An applied file that was edited stops
 * everything with a message naming it.
 */
export async function migrate(log: (line: string) => void = () => {}, dir = MIGRATIONS_DIR): Promise<string[]> {
  const driver = getDriver();
  const migrations = await loadMigrations(dir);
  const ledger = new Map(
    (await driver.executeQuery("MATCH (m:Migration) RETURN m.id AS id, m.checksum AS checksum", {}, { routing: "READ", database: databaseName() })).records.map((r) => [
      r.get("id") as string,
      r.get("checksum") as string,
    ]),
  );
  for (const m of migrations) {
    const applied = ledger.get(m.id);
    if (applied && applied !== m.checksum) {
      throw new Error(`migration ${m.id}.cypher was edited after it was applied (ledger ${applied}, file ${m.checksum}): restore it and put the change in a new migration`);
    }
  }
  const done: string[] = [];
  for (const m of migrations.filter((x) => !ledger.has(x.id))) {
    const record = "MERGE (l:Migration {id: $id}) ON CREATE SET l.checksum = $checksum, l.appliedAt = $at";
    const params = { id: m.id, checksum: m.checksum, at: new Date().toISOString() };
    if (m.kind === "schema") {
      for (const s of m.statements) await driver.executeQuery(s, {}, { database: databaseName() });
      // Indexes populate in the background: "migrated" means usable (a full-text query on an index still populating fails).
      await driver.executeQuery("CALL db.awaitIndexes(300)", {}, { database: databaseName() });
      await driver.executeQuery(record, params, { database: databaseName() });
    } else {
      const session = driver.session({ database: databaseName() });
      try {
        await session.executeWrite(async (tx) => {
          for (const s of m.statements) await tx.run(s);
          await tx.run(record, params);
        });
      } finally {
        await session.close();
      }
    }
    log(`applied migration ${m.id}`);
    done.push(m.id);
  }
  return done;
}
