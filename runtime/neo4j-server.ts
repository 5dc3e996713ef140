/**
 * Provisions the Neo4j this project talks to: either an existing server named by NEO4J_URI, or a
 * real Neo4j Community DBMS started here as a child JVM (neo4j-launcher/, built from Maven Central
 * artifacts on first use, no Docker), with Bolt on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { EventEmitter, once } from "node:events";
import fs from "node:fs";
import fsp from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import neo4j from "neo4j-driver";
import { readEnv } from "./config.js";
import { findJava, type Java } from "./neo4j/java.js";
import { ensureLauncherBuilt, MAIN_CLASS } from "./neo4j/launcher-build.js";
import { isAlive, readFileOr, Tail, TAIL_LINES } from "./neo4j/process-util.js";
import { lockDown, privately } from "./neo4j/private-files.js";

/** Where and how to reach Neo4j. */
export interface Neo4jTarget {
  /** Bolt URI, e.g. `bolt://127.0.0.1:41234`. */
  uri: string;
  user: string;
  password: string;
  /** Database to run statements against. */
  database: string;
  /** True when this process started the server (and `stop()` stops it). */
  embedded: boolean;
  /** Stops the embedded server and waits for it to exit; a no-op for an external server. Idempotent. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 20_000;
const LOG_ROTATE_BYTES = 5 * 1024 * 1024;
/** Launcher exit codes (see Launcher.java). */
const EXIT_PORT_IN_USE = 2;
const EXIT_DATA_DIR_LOCKED = 3;

/** Embedded children still running, killed synchronously if this process exits without stop(). */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

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

/**
 * The Neo4j a service process uses: NEO4J_URI (required), NEO4J_USER (default `neo4j`),
 * NEO4J_PASSWORD (required), NEO4J_DATABASE (default `neo4j`). `npm start` sets them for its
 * children; a deployment sets them itself.
 */
export function neo4jFromEnv(): Neo4jTarget {
  const uri = readEnv().NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI is not set: a service started on its own needs NEO4J_URI and NEO4J_PASSWORD (npm start sets them)");
  return externalTarget(uri);
}

function externalTarget(uri: string): Neo4jTarget {
  const env = readEnv();
  const password = env.NEO4J_PASSWORD;
  if (!password) throw new Error(`NEO4J_URI is set (${uri}) but NEO4J_PASSWORD is not: set the password of that Neo4j server.`);
  return {
    uri,
    user: env.NEO4J_USER,
    password,
    database: env.NEO4J_DATABASE,
    embedded: false,
    stop: async () => {},
  };
}



// ---------------------------------------------------------------------------------------------
// Password and port

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

/** NEO4J_BOLT_PORT (a port number, checked by runtime/config.ts), else undefined: any free port. */
const boltPortFromEnv = (): number | undefined => readEnv().NEO4J_BOLT_PORT;

function portTaken(port: number): Error {
  return new Error(`Bolt port ${port} (NEO4J_BOLT_PORT) is already in use on 127.0.0.1: stop what uses it, or unset NEO4J_BOLT_PORT to use a free port.`);
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}

const freePort = (): Promise<number> => listenOnce(0);

async function isPortFree(port: number): Promise<boolean> {
  try {
    await listenOnce(port);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Running the embedded server

class PortInUseError extends Error {}

function dataDirInUse(dataDir: string): string {
  return `the data directory ${dataDir} is in use by another running stack (its Neo4j holds the store lock): stop that stack or use another DATA_DIR.`;
}

/** Whether `<dataDir>/launcher.pid` names a live launcher JVM for this data directory (Linux /proc; else false). */
function launcherRunningOn(dataDir: string): boolean {
  const pid = Number(readFileOr(path.join(dataDir, "launcher.pid")));
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  const args = readFileOr(`/proc/${pid}/cmdline`)?.split("\0") ?? [];
  return args.includes(MAIN_CLASS) && args[args.indexOf("--data-dir") + 1] === dataDir;
}


function killOrphans(): void {
  for (const child of liveChildren) child.kill("SIGTERM"); // the JVM then shuts Neo4j down cleanly on its own
}

function jvmFlags(major: number): string[] {
  const heap = readEnv().NEO4J_HEAP;
  const flags = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    // What Neo4j's page cache and native file access want; without them it falls back and warns.
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
  ];
  // JDK 24+ print warnings on stderr for JNA's System.load and jctools/netty's sun.misc.Unsafe.
  if (major >= 22) flags.push("--enable-native-access=ALL-UNNAMED");
  if (major >= 23) flags.push("--sun-misc-unsafe-memory-access=allow");
  return flags;
}

interface StartArgs {
  java: Java;
  classpath: string;
  dataDir: string;
  password: string;
  port: number;
  log: (line: string) => void;
}

async function startEmbedded({ java, classpath, dataDir, password, port, log }: StartArgs): Promise<Neo4jTarget> {
  const uri = `bolt://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, "launcher.log");
  if (((await fsp.stat(logFile).catch(() => undefined))?.size ?? 0) > LOG_ROTATE_BYTES) {
    await fsp.rename(logFile, `${logFile}.1`).catch(() => {});
  }
  const logStream = fs.createWriteStream(logFile, { flags: "a", mode: 0o600 });
  logStream.on("error", () => {}); // a broken log file must not take the server down
  logStream.write(`--- ${new Date().toISOString()} starting Neo4j (Java ${java.major}, ${uri}) ---\n`);

  const started = Date.now();
  const timeoutMs = readEnv().NEO4J_START_TIMEOUT_MS;
  log(`starting Neo4j on ${uri} (data ${dataDir})`);
  const args = [
    ...jvmFlags(java.major),
    "-cp",
    classpath,
    MAIN_CLASS,
    "--port",
    String(port),
    "--data-dir",
    dataDir,
    "--password-file",
    path.join(dataDir, "password"),
    "--pagecache",
    readEnv().NEO4J_PAGECACHE,
  ];
  // stdin stays an open pipe: when this process dies, the launcher reads EOF and shuts down.
  const [cmd, cmdArgs] = privately(java.bin, args);
  const child = spawn(cmd, cmdArgs, { cwd: dataDir, env: { ...process.env, JAVA_HOME: java.home }, stdio: ["pipe", "pipe", "pipe"] });
  child.stdin.on("error", () => {}); // EPIPE after the child died is expected
  liveChildren.add(child);
  const pidFile = path.join(dataDir, "launcher.pid");
  if (child.pid) fs.writeFile(pidFile, `${child.pid}\n`, { mode: 0o600 }, () => {}); // only for the fast in-use check
  if (!exitHookInstalled) {
    process.on("exit", killOrphans);
    exitHookInstalled = true;
  }

  const events = new EventEmitter();
  const tail = new Tail(TAIL_LINES);
  let ready = false;
  let errorLine: string | undefined;
  let firstStderr: string | undefined;
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  const onLine = (line: string) => {
    tail.push(line);
    logStream.write(`${new Date().toISOString()} ${line}\n`);
    if (line.startsWith("NEO4J_READY ")) ready = true;
    if (line.startsWith("NEO4J_ERROR ")) errorLine = line.slice("NEO4J_ERROR ".length);
    events.emit("change");
  };
  const streamsDone = Promise.all([
    once(createInterface({ input: child.stdout }).on("line", onLine), "close"),
    once(
      createInterface({ input: child.stderr }).on("line", (line) => {
        if (line.trim()) firstStderr ??= line.trim();
        onLine(line);
      }),
      "close",
    ),
  ]);
  const closed = new Promise<void>((resolve) => {
    child.on("error", (err) => {
      spawnError ??= err;
      exited ??= { code: null, signal: null };
      liveChildren.delete(child);
      events.emit("change");
      resolve();
    });
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      liveChildren.delete(child);
      if (readFileOr(pidFile)?.trim() === String(child.pid)) fs.rmSync(pidFile, { force: true });
      events.emit("change");
      // Close the log only once all output is in (or shortly after, if a grandchild holds the pipes).
      void Promise.race([streamsDone, sleep(2000)]).then(() => {
        logStream.end();
        resolve();
      });
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (!exited) {
        child.kill("SIGTERM"); // the launcher's shutdown hook stops Neo4j cleanly
        const ac = new AbortController();
        await Promise.race([closed, sleep(STOP_GRACE_MS, undefined, { signal: ac.signal }).catch(() => {})]);
        ac.abort();
        if (!exited) child.kill("SIGKILL");
      }
      await closed;
    })());

  /** Waits until something changes or `ms` pass. */
  const settle = async (ms: number) => {
    const ac = new AbortController();
    await Promise.race([once(events, "change", { signal: ac.signal }), sleep(ms, undefined, { signal: ac.signal })]).catch(() => {});
    ac.abort();
  };

  const fail = async (cause: string): Promise<never> => {
    await stop();
    throw new Error(`${cause}\n--- last launcher output (${logFile}) ---\n${tail.text()}`);
  };

  // Readiness: the launcher prints NEO4J_READY once the password is set (probing earlier would
  // fail authentication and trip Neo4j's login rate limit); then Bolt must accept our credentials.
  let delay = 100;
  let lastProbeError = "";
  for (;;) {
    if (exited) {
      await closed;
      if (spawnError) return fail(`could not run ${java.bin}: ${spawnError.message}`);
      if (exited.code === EXIT_PORT_IN_USE) {
        await stop();
        throw new PortInUseError(`Bolt port ${port} is already in use`);
      }
      if (exited.code === EXIT_DATA_DIR_LOCKED) return fail(dataDirInUse(dataDir));
      const how = exited.signal ? `was killed by ${exited.signal}` : `exited with code ${exited.code}`;
      const cause = errorLine ?? firstStderr;
      const hint = /downgrad|newer version/i.test(cause ?? "")
        ? ` (hint: ${dataDir} was written by a newer Neo4j, which a newer JDK selects: run with that JDK or use another DATA_DIR)`
        : "";
      return fail(`Neo4j ${how} during start${cause ? `: ${cause}` : ""}${hint}`);
    }
    if (Date.now() - started > timeoutMs) {
      return fail(
        `Neo4j did not become ready on ${uri} within ${timeoutMs} ms (NEO4J_START_TIMEOUT_MS)${lastProbeError ? `; last Bolt error: ${lastProbeError}` : ""}`,
      );
    }
    if (ready) {
      try {
        const agent = await probeBolt(uri, password);
        log(`${agent} ready on ${uri} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        break;
      } catch (err) {
        const code = (err as { code?: string }).code ?? "";
        if (code.startsWith("Neo.ClientError.Security.")) {
          return fail(
            `Neo4j rejected the password in ${path.join(dataDir, "password")} (${code}); the launcher only re-applies it when ` +
              `${path.join(dataDir, "data", "password-applied.sha256")} does not match: delete that file and start again.`,
          );
        }
        lastProbeError = (err as Error).message.split("\n")[0] ?? String(err);
      }
    }
    await settle(delay);
    delay = Math.min(delay * 2, 1000);
  }

  return { uri, user: "neo4j", password, database: "neo4j", embedded: true, stop };
}

/** Connects over Bolt with the credentials and returns the server agent, e.g. "Neo4j/5.26.30". */
async function probeBolt(uri: string, password: string): Promise<string> {
  const driver = neo4j.driver(uri, neo4j.auth.basic("neo4j", password), {
    connectionTimeout: 3000,
    connectionAcquisitionTimeout: 5000,
    maxConnectionPoolSize: 1,
  });
  try {
    const info = await driver.getServerInfo({ database: "neo4j" });
    return info.agent ?? "Neo4j";
  } finally {
    await driver.close();
  }
}
