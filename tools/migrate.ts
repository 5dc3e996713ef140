// `npm run migrate`: applies pending migrations to the configured Neo4j (embedded unless NEO4J_URI is set).
import { connect, disconnect } from "../runtime/db.js";
import { migrate } from "../runtime/migrate.js";
import { provisionNeo4j } from "../launcher/neo4j/provision.js";

const neo4j = await provisionNeo4j({ log: (l) => console.log(`[neo4j] ${l}`) });
try {
  connect(neo4j);
  const applied = await migrate((l) => console.log(l));
  console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await disconnect();
  await neo4j.stop();
}
