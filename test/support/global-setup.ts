import fs from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { connect, disconnect, getDriver, databaseName } from "../../runtime/db.js";
import { migrate } from "../../runtime/migrate.js";
import { provisionNeo4j, type Neo4jTarget } from "../../launcher/neo4j/provision.js";

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; database: string };
  }
}

// One Neo4j for the whole run, even when several projects run this setup.
const shared = globalThis as { __testNeo4j?: Promise<Neo4jTarget> };

async function provisionFresh(): Promise<Neo4jTarget> {
  if (!process.env.NEO4J_URI) {
    await fs.rm(path.resolve(process.env.DATA_DIR!, "neo4j"), { recursive: true, force: true });
  }
  const target = await provisionNeo4j({ log: (l) => console.log(`[neo4j] ${l}`) });
  connect(target);
  // The only whole-database wipe: a run starts from an empty graph (NEO4J_URI: use a database meant for tests).
  const session = getDriver().session({ database: databaseName() });
  await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").finally(() => session.close());
  await migrate();
  await disconnect();
  return target;
}

/** The run's Neo4j: provisioned (fresh, migrated) by the first setup that asks, shared by the rest. */
export function neo4jForRun(): Promise<Neo4jTarget> {
  shared.__testNeo4j ??= provisionFresh();
  return shared.__testNeo4j;
}

export default async function setup(project: TestProject) {
  const target = await neo4jForRun();
  project.provide("neo4j", { uri: target.uri, user: target.user, password: target.password, database: target.database });
  return async () => {
    const pending = shared.__testNeo4j;
    shared.__testNeo4j = undefined;
    await (await pending)?.stop();
  };
}
