import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { readEnv } from "../../runtime/config.js";
import type { Neo4jTarget } from "../../runtime/neo4j-target.js";
import type { Java } from "./java.js";
import { watchLauncher } from "./launcher-process.js";
import { MAIN_CLASS } from "./launcher-build.js";
import { isAlive, readFileOr } from "./process-util.js";
import { privately } from "./private-files.js";
import { untilReady } from "./ready.js";

const LOG_ROTATE_BYTES = 5 * 1024 * 1024;

/** Whether `<dataDir>/launcher.pid` names a live launcher JVM for this data directory (Linux /proc; else false). */
export function launcherRunningOn(dataDir: string): boolean {
  const pid = Number(readFileOr(path.join(dataDir, "launcher.pid")));
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  const args = readFileOr(`/proc/${pid}/cmdline`)?.split("\0") ?? [];
  return args.includes(MAIN_CLASS) && args[args.indexOf("--data-dir") + 1] === dataDir;
}

export interface StartArgs {
  java: Java;
  classpath: string;
  dataDir: string;
  password: string;
  port: number;
  log: (line: string) => void;
}

/**
 * Starts the launcher JVM on `port` and resolves once Bolt accepts the password: the log file
 * opened, the JVM spawned, its output watched, then readiness awaited (ready.ts). Throws
 * PortInUseError when the port was taken meanwhile; any other failure stops the JVM first.
 */
export async function startEmbedded(args: StartArgs): Promise<Neo4jTarget> {
  const { java, dataDir, password, port, log } = args;
  const uri = `bolt://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, "launcher.log");
  const logStream = await openLauncherLog(logFile, `starting Neo4j (Java ${java.major}, ${uri})`);
  const started = Date.now();
  log(`starting Neo4j on ${uri} (data ${dataDir})`);
  const launcher = watchLauncher(spawnLauncher(args), logStream, path.join(dataDir, "launcher.pid"));
  await untilReady(launcher, { uri, port, password, dataDir, logFile, javaBin: java.bin, started, log });
  return { uri, user: "neo4j", password, database: "neo4j", embedded: true, stop: launcher.stop };
}

/** Appends to `<dataDir>/launcher.log` (rotated past 5 MiB, mode 0600), starting with a header line. */
async function openLauncherLog(logFile: string, header: string): Promise<fs.WriteStream> {
  if (((await fsp.stat(logFile).catch(() => undefined))?.size ?? 0) > LOG_ROTATE_BYTES) {
    await fsp.rename(logFile, `${logFile}.1`).catch(() => {});
  }
  const logStream = fs.createWriteStream(logFile, { flags: "a", mode: 0o600 });
  logStream.on("error", () => {}); // a broken log file must not take the server down
  logStream.write(`--- ${new Date().toISOString()} ${header} ---\n`);
  return logStream;
}

/** Embedded children still running, killed synchronously if this process exits without stop(). */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function killOrphans(): void {
  for (const child of liveChildren) child.kill("SIGTERM"); // the JVM then shuts Neo4j down cleanly on its own
}

/** Spawns the launcher JVM (files private, umask 077), records its pid, and kills it if this process exits first. */
function spawnLauncher({ java, classpath, dataDir, port }: StartArgs): ChildProcess {
  const env = readEnv();
  const args = [
    ...jvmFlags(java.major, env),
    "-cp", classpath,
    MAIN_CLASS,
    "--port", String(port),
    "--data-dir", dataDir,
    "--password-file", path.join(dataDir, "password"),
    "--pagecache", env.NEO4J_PAGECACHE,
    ...settingsFileArgs(dataDir, env.NEO4J_SETTINGS),
  ];
  // stdin stays an open pipe: when this process dies, the launcher reads EOF and shuts down.
  const [cmd, cmdArgs] = privately(java.bin, args);
  const child = spawn(cmd, cmdArgs, { cwd: dataDir, env: { ...process.env, JAVA_HOME: java.home }, stdio: ["pipe", "pipe", "pipe"] });
  child.stdin!.on("error", () => {}); // EPIPE after the child died is expected
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  child.once("error", () => liveChildren.delete(child));
  if (child.pid) fs.writeFile(path.join(dataDir, "launcher.pid"), `${child.pid}\n`, { mode: 0o600 }, () => {}); // only for the fast in-use check
  if (!exitHookInstalled) {
    process.on("exit", killOrphans);
    exitHookInstalled = true;
  }
  return child;
}

/** NEO4J_SETTINGS written to `<dataDir>/settings.conf` (neo4j.conf syntax) for the launcher, or nothing when unset. */
function settingsFileArgs(dataDir: string, given: Record<string, string>): string[] {
  const file = path.join(dataDir, "settings.conf");
  const settings = Object.entries(given);
  if (settings.length === 0) {
    fs.rmSync(file, { force: true });
    return [];
  }
  fs.writeFileSync(file, settings.map(([name, value]) => `${name}=${value}\n`).join(""), { mode: 0o600 });
  return ["--settings-file", file];
}

function jvmFlags(major: number, env: ReturnType<typeof readEnv>): string[] {
  const heap = env.NEO4J_HEAP;
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
  return [...flags, ...env.NEO4J_JVM_OPTS.split(/\s+/).filter(Boolean)];
}
