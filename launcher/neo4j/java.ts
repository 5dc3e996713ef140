/** Finding a JDK for the embedded Neo4j: JAVA_HOME, else `java` on the PATH, else /usr/lib/jvm. */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { readEnv } from "../../runtime/config.js";
import { readFileOr } from "./process-util.js";

export const NO_JAVA =
  "Java 17+ is required to run the embedded Neo4j: install a JDK (e.g. apt-get install openjdk-17-jdk) or set NEO4J_URI to an existing Neo4j server.";

// ---------------------------------------------------------------------------------------------
// Java

export interface Java {
  home: string;
  bin: string;
  major: number;
}

/** Runs `java -XshowSettings:properties -version` and reads its home and major version. */
async function probeJava(bin: string): Promise<Java | undefined> {
  const out = await new Promise<string | undefined>((resolve) => {
    execFile(bin, ["-XshowSettings:properties", "-version"], { timeout: 20_000 }, (err, stdout, stderr) =>
      resolve(err ? undefined : `${stdout}\n${stderr}`),
    );
  });
  const spec = out?.match(/^\s*java\.specification\.version = (\S+)/m)?.[1];
  const home = out?.match(/^\s*java\.home = (.+)$/m)?.[1]?.trim();
  if (!spec || !home) return undefined;
  const major = spec.startsWith("1.") ? Number(spec.slice(2)) : Number(spec);
  return Number.isInteger(major) ? { home, bin: path.join(home, "bin", "java"), major } : undefined;
}

/** JAVA_HOME, else `java` on PATH, else the newest JDK under /usr/lib/jvm: the first one that is 17+ with javac. */
export async function findJava(log: (line: string) => void): Promise<Java> {
  const candidates: string[] = [];
  const javaHome = readEnv().JAVA_HOME;
  if (javaHome) candidates.push(path.join(javaHome, "bin", "java"));
  candidates.push("java");
  const jvmRoot = "/usr/lib/jvm";
  const installed: { bin: string; version: number[] }[] = [];
  for (const name of fs.existsSync(jvmRoot) ? fs.readdirSync(jvmRoot) : []) {
    const home = path.join(jvmRoot, name);
    const release = readFileOr(path.join(home, "release"))?.match(/^JAVA_VERSION="([^"]+)"/m)?.[1] ?? "0";
    if (fs.existsSync(path.join(home, "bin", "java"))) installed.push({ bin: path.join(home, "bin", "java"), version: release.split(/\D+/).map(Number) });
  }
  installed.sort((a, b) => compareVersions(b.version, a.version));
  candidates.push(...installed.map((i) => i.bin));

  const seen = new Set<string>();
  const skipped: string[] = [];
  for (const bin of candidates) {
    const java = await probeJava(bin);
    if (!java) {
      if (javaHome && bin === candidates[0]) skipped.push(`JAVA_HOME=${javaHome} (no runnable bin/java)`);
      continue;
    }
    if (seen.has(java.home)) continue;
    seen.add(java.home);
    if (java.major < 17) skipped.push(`${java.home} (Java ${java.major})`);
    else if (!fs.existsSync(path.join(java.home, "bin", "javac"))) skipped.push(`${java.home} (no javac: a JRE, not a JDK)`);
    else {
      if (skipped.length) log(`skipped Java: ${skipped.join(", ")}`);
      return java;
    }
  }
  throw new Error(NO_JAVA);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
