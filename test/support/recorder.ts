import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A site recorder process (`tools/serve.ts recorder`, or its compiled `tools/serve.js` in a build of tools/build.ts), as an operator runs it. */
export interface RecorderProcess {
  url: string;
  dir: string;
  child: ChildProcess;
  /** Everything it wrote on stderr (its pino log). */
  output(): string;
  /** SIGTERM and wait: resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a power cut would, and wait. */
  kill9(): Promise<void>;
}

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));

export interface RecorderStart {
  /** A command the recorder runs under (e.g. strace). */
  wrap?: string[];
  /** The run's build of the services (inject("servicesBuild") in the e2e tiers): start without compiling; else tsx. */
  build?: string;
}

export function startRecorderProcess(env: Record<string, string>, { wrap = [], build }: RecorderStart = {}): Promise<RecorderProcess> {
  const dir = env.RECORDER_DATA_DIR;
  const entry = build ? [path.join(build, "tools/serve.js")] : ["--import", "tsx", "tools/serve.ts"];
  const cmd = [...wrap, process.execPath, ...entry, "recorder"];
  // A variable given as "" is left unset.
  const all = Object.fromEntries(Object.entries({ ...process.env, PORT: "0", LOG_LEVEL: "info", ...env }).filter(([, v]) => v !== ""));
  const child = spawn(cmd[0], cmd.slice(1), { env: all, stdio: ["ignore", "ignore", "pipe"], detached: true });
  // Its own process group: a signal reaches the recorder also when a tracer (strace) wraps it.
  const signal = (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, sig);
  };
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      err += d;
      const m = /listening on (http:\/\/[^"\s]+)/.exec(err);
      if (m) resolve({
        url: m[1], dir, child, output: () => err,
        stop: async () => (signal("SIGTERM"), exited),
        kill9: async () => void (signal("SIGKILL"), await exited),
      });
    });
    void exited.then((code) => reject(new Error(`recorder exited (${code}) before listening:\n${err}`)));
  });
}
