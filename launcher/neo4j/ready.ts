import path from "node:path";
import neo4j from "neo4j-driver";
import { readEnv } from "../../runtime/config.js";
import type { Launcher } from "./launcher-process.js";

/** The launcher could not bind its Bolt port (another process took it first): retry on another. */
export class PortInUseError extends Error {}

export function dataDirInUse(dataDir: string): string {
  return `the data directory ${dataDir} is in use by another running stack (its Neo4j holds the store lock): stop that stack or use another DATA_DIR.`;
}

/** Launcher exit codes (see Launcher.java). */
const EXIT_PORT_IN_USE = 2;
const EXIT_DATA_DIR_LOCKED = 3;

interface ReadyArgs {
  uri: string;
  port: number;
  password: string;
  dataDir: string;
  logFile: string;
  javaBin: string;
  /** When the start began (Date.now()); NEO4J_START_TIMEOUT_MS counts from it. */
  started: number;
  log: (line: string) => void;
}

/**
 * Waits until the launcher is ready: it prints NEO4J_READY once the password is set (probing
 * earlier would fail authentication and trip Neo4j's login rate limit); then Bolt must accept the
 * credentials. Probes back off from 100 ms to 1 s and also wake on any launcher output. On failure
 * the launcher is stopped and the error names the cause with its last output lines.
 */
export async function untilReady(launcher: Launcher, a: ReadyArgs): Promise<void> {
  const { state } = launcher;
  const timeoutMs = readEnv().NEO4J_START_TIMEOUT_MS;
  const fail = async (cause: string): Promise<never> => {
    await launcher.stop();
    throw new Error(`${cause}\n--- last launcher output (${a.logFile}) ---\n${launcher.tail.text()}`);
  };
  let delay = 100;
  let lastProbeError = "";
  for (;;) {
    if (state.exited) {
      await launcher.closed;
      return fail(await exitCause(launcher, a));
    }
    if (Date.now() - a.started > timeoutMs) {
      return fail(`Neo4j did not become ready on ${a.uri} within ${timeoutMs} ms (NEO4J_START_TIMEOUT_MS)${lastProbeError ? `; last Bolt error: ${lastProbeError}` : ""}`);
    }
    if (state.ready) {
      try {
        const agent = await probeBolt(a.uri, a.password);
        a.log(`${agent} ready on ${a.uri} in ${((Date.now() - a.started) / 1000).toFixed(1)} s`);
        return;
      } catch (err) {
        const code = (err as { code?: string }).code ?? "";
        if (code.startsWith("Neo.ClientError.Security.")) {
          return fail(
            `Neo4j rejected the password in ${path.join(a.dataDir, "password")} (${code}); the launcher only re-applies it when ` +
              `${path.join(a.dataDir, "data", "password-applied.sha256")} does not match: delete that file and start again.`,
          );
        }
        lastProbeError = (err as Error).message.split("\n")[0] ?? String(err);
      }
    }
    await launcher.settle(delay);
    delay = Math.min(delay * 2, 1000);
  }
}

/** Why the launcher ended during its start; throws PortInUseError when its port was taken (retry on another). */
async function exitCause(launcher: Launcher, a: ReadyArgs): Promise<string> {
  const { exited, spawnError, errorLine, firstStderr } = launcher.state;
  if (spawnError) return `could not run ${a.javaBin}: ${spawnError.message}`;
  if (exited!.code === EXIT_PORT_IN_USE) {
    await launcher.stop();
    throw new PortInUseError(`Bolt port ${a.port} is already in use`);
  }
  if (exited!.code === EXIT_DATA_DIR_LOCKED) return dataDirInUse(a.dataDir);
  const how = exited!.signal ? `was killed by ${exited!.signal}` : `exited with code ${exited!.code}`;
  const cause = errorLine ?? firstStderr;
  const hint = /downgrad|newer version/i.test(cause ?? "")
    ? ` (hint: ${a.dataDir} was written by a newer Neo4j, which a newer JDK selects: run with that JDK or use another DATA_DIR)`
    : "";
  return `Neo4j ${how} during start${cause ? `: ${cause}` : ""}${hint}`;
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
