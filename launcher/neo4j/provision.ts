/**
 * Provisions the Neo4j this project talks to: either an existing server named by NEO4J_URI, or a
 * real Neo4j Community DBMS started here as a child JVM (neo4j-launcher/, built from Maven Central
 * artifacts on first use, no Docker), with Bolt on 127.0.0.1 only.
 */
import { randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { readEnv } from "../../runtime/config.js";
import { externalTarget, type Neo4jTarget } from "../../runtime/neo4j-target.js";
import { launcherRunningOn, startEmbedded } from "./embedded.js";
import { findJava } from "./java.js";
import { ensureLauncherBuilt } from "./launcher-build.js";
import { boltPortFromEnv, freePort, isPortFree, portTaken } from "./ports.js";
import { lockDown } from "./private-files.js";
import { dataDirInUse, PortInUseError } from "./ready.js";

export type { Neo4jTarget } from "../../runtime/neo4j-target.js";

/**
 * Returns a Neo4j to use.
 *
 * - `NEO4J_URI` set: nothing is started; the target is NEO4J_URI with NEO4J_USER (default `neo4j`),
 *   NEO4J_PASSWORD (required) and NEO4J_DATABASE (default `neo4j`); `stop()` does nothing.
 * - Otherwise an embedded Neo4j Community server is started as a child JVM:
 *   - data in `opts.dataDir` (default `${DATA_DIR ?? ".data"}/neo4j`, relative to the cwd), which also
 *     holds `password` (generated once, mode 0600, reused so data survives restarts) and `launcher.log`;
 *   - Java from JAVA_HOME, else `java` on PATH, else the newest JDK under /usr/lib/jvm (17+ with javac);
 *   - the launcher is built with Maven (`mvn`, else `neo4j-launcher/mvnw`) once per JDK major and
 *     launcher source; later starts run `java` directly;
 *   - Bolt on 127.0.0.1 at NEO4J_BOLT_PORT (default: a free port), user `neo4j`, database `neo4j`;
 *   - NEO4J_HEAP (default `1g`) is the JVM heap, NEO4J_PAGECACHE (default `256m`) the page cache,
 *     NEO4J_START_TIMEOUT_MS (default 300000) bounds the start (not the first Maven build);
 *   - resolves once Bolt accepts the credentials. The child keeps the event loop alive until `stop()`;
 *     it is killed if this process exits, and exits by itself when this process dies (stdin EOF).
 *
 * @param opts.dataDir data directory of the embedded server (default above).
 * @param opts.log receives one-line progress messages (default: discarded).
 * @throws Error with a one-line cause (and, for a failed start, the launcher's last output lines).
 */
export async function provisionNeo4j(opts: { dataDir?: string; log?: (line: string) => void } = {}): Promise<Neo4jTarget> {
  const log = opts.log ?? (() => {});
  // Read now, not at import: a test run's global setup decides DATA_DIR and NEO4J_URI before it calls this.
  const env = readEnv();
  if (env.NEO4J_URI) return externalTarget(env.NEO4J_URI);

  const dataDir = path.resolve(opts.dataDir ?? path.join(env.DATA_DIR, "neo4j"));
  const java = await findJava(log);
  log(`using Java ${java.major} at ${java.home}`);
  const classpath = await ensureLauncherBuilt(java, log);
  await fsp.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await lockDown(dataDir);
  // Fail fast (Neo4j's own store lock would only tell after the JVM has booted).
  if (launcherRunningOn(dataDir)) throw new Error(dataDirInUse(dataDir));
  const password = await ensurePassword(dataDir);

  const fixedPort = boltPortFromEnv();
  if (fixedPort !== undefined && !(await isPortFree(fixedPort))) throw portTaken(fixedPort);
  let port = fixedPort ?? (await freePort());
  for (let attempt = 1; ; attempt++) {
    try {
      return await startEmbedded({ java, classpath, dataDir, password, port, log });
    } catch (err) {
      if (!(err instanceof PortInUseError)) throw err;
      if (fixedPort !== undefined) throw portTaken(fixedPort);
      if (attempt >= 2) throw new Error(`could not start Neo4j: free Bolt ports were taken twice before Neo4j bound them (last ${port})`);
      port = await freePort();
      log(`Bolt port was taken meanwhile, retrying on ${port}`);
    }
  }
}

/** Reads `<dataDir>/password`, creating it (random, mode 0600) on first use. */
async function ensurePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "password");
  try {
    await fsp.writeFile(file, randomBytes(24).toString("base64url") + "\n", { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const password = (await fsp.readFile(file, "utf8")).trim();
  if (password.length < 8) throw new Error(`${file} must hold a password of at least 8 characters (delete it to generate one)`);
  return password;
}
