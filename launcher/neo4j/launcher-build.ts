/** Building neo4j-launcher/ with Maven, once per JDK major and launcher source. */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { Java } from "./java.js";
import { isAlive, onPath, readFileOr, Tail, TAIL_LINES } from "./process-util.js";

export const LAUNCHER_DIR = fileURLToPath(new URL("../../neo4j-launcher/", import.meta.url));
export const MAIN_CLASS = "dev.lineage.neo4j.Launcher";
const BUILD_TIMEOUT_MS = 20 * 60_000;

// ---------------------------------------------------------------------------------------------
// Building the launcher (once per JDK major + launcher source)

/** Builds neo4j-launcher if needed and returns the classpath to run it with. */
export async function ensureLauncherBuilt(java: Java, log: (line: string) => void): Promise<string> {
  const hash = createHash("sha256");
  for (const file of ["pom.xml", "src/main/java/dev/lineage/neo4j/Launcher.java"]) {
    hash.update(file).update("\0").update(await fsp.readFile(path.join(LAUNCHER_DIR, file))).update("\0");
  }
  const cacheRoot = path.join(LAUNCHER_DIR, "target", "launcher-cache");
  const key = `jdk${java.major}-${hash.digest("hex").slice(0, 16)}`;
  const dir = path.join(cacheRoot, key);
  const cached = readBuild(dir);
  if (cached) return cached;

  await fsp.mkdir(cacheRoot, { recursive: true });
  const lock = path.join(cacheRoot, `${key}.lock`);
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  let waitingLogged = false;
  for (;;) {
    try {
      await fsp.writeFile(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    // Another process holds the lock: wait for its result, or take over a stale lock.
    const built = readBuild(dir);
    if (built) return built;
    const holder = Number(readFileOr(lock));
    if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
      await fsp.rm(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for another process (pid ${holder}) building the Neo4j launcher (lock ${lock})`);
    if (!waitingLogged) log(`waiting for another process (pid ${holder}) to build the Neo4j launcher`);
    waitingLogged = true;
    await sleep(500);
  }

  try {
    const again = readBuild(dir);
    if (again) return again;
    const tmp = path.join(cacheRoot, `${key}.tmp-${process.pid}`);
    await fsp.rm(tmp, { recursive: true, force: true });
    const started = Date.now();
    log(`building the Neo4j launcher with Maven for Java ${java.major} (first run downloads Neo4j from Maven Central)`);
    await runMaven(java, [
      "-q",
      "-B",
      "-f",
      path.join(LAUNCHER_DIR, "pom.xml"),
      `-Dlauncher.buildDir=${path.join(tmp, "build")}`,
      "compile",
      "dependency:build-classpath",
      `-Dmdep.outputFile=${path.join(tmp, "classpath.txt")}`,
    ]);
    await fsp.rm(dir, { recursive: true, force: true });
    await fsp.rename(tmp, dir);
    const built = readBuild(dir);
    if (!built) throw new Error(`building the Neo4j launcher produced no usable classpath in ${dir}`);
    log(`Neo4j launcher built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return built;
  } finally {
    await fsp.rm(lock, { force: true });
  }
}

/** The classpath of a complete build in `dir`, or undefined (missing, partial, or jars gone from ~/.m2). */
function readBuild(dir: string): string | undefined {
  const classes = path.join(dir, "build", "classes");
  const deps = readFileOr(path.join(dir, "classpath.txt"))?.trim();
  if (!deps || !fs.existsSync(path.join(classes, ...MAIN_CLASS.split(".")) + ".class")) return undefined;
  const entries = deps.split(path.delimiter);
  return entries.every((e) => fs.existsSync(e)) ? [classes, ...entries].join(path.delimiter) : undefined;
}

async function runMaven(java: Java, args: string[]): Promise<void> {
  const [cmd, pre]: [string, string[]] = onPath("mvn") ? ["mvn", []] : ["sh", [path.join(LAUNCHER_DIR, "mvnw")]];
  const env: NodeJS.ProcessEnv = { ...process.env, JAVA_HOME: java.home };
  // Maven's own Guava warns about sun.misc.Unsafe on JDK 24+.
  if (java.major >= 24) env.MAVEN_OPTS = `${env.MAVEN_OPTS ?? ""} --sun-misc-unsafe-memory-access=allow`.trim();
  const child = spawn(cmd, [...pre, ...args], { cwd: LAUNCHER_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  const tail = new Tail(TAIL_LINES);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => tail.push(line.replace(/\x1b\[[0-9;]*m/g, "")));
  }
  const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_TIMEOUT_MS);
  try {
    const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
    if (code !== 0) {
      const why = signal ? `was killed (${signal}${signal === "SIGKILL" ? ", timeout?" : ""})` : `exited with ${code}`;
      throw new Error(`building the Neo4j launcher failed: ${cmd} ${why}\n${tail.text()}`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`building the Neo4j launcher failed: ${cmd} not found`);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

