import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

/** Where the repository lives (launcher/..), so children start from it whatever the caller's cwd. */
export const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "..");

/** One service running as a child process of the supervisor (`npm run serve -- <name>`). */
export interface ServiceProcess {
  name: string;
  url: string;
  port: number;
  pid: number;
  /** Resolves with the exit code (or signal) when the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`, default 15 s). */
  stop(graceMs?: number): Promise<void>;
  /** Sends a message and resolves on its acknowledgement (e.g. `{ type: "reloadKeys" }`). */
  request(type: string): Promise<void>;
}

export interface SpawnOptions {
  /** Added to this process's environment; a name set to undefined is not passed on at all. */
  env: Record<string, string | undefined>;
  /** A directory written by tools/build.ts: start its compiled JavaScript instead of the TypeScript with tsx. */
  build?: string;
  /** Node options before the entrypoint (e.g. `--cpu-prof`, which NODE_OPTIONS does not accept). */
  nodeArgs?: string[];
  /** Receives each output line of the child, already prefixed with `[name] `. */
  log: (line: string) => void;
  /** Called when the child ends without stop() having been called. */
  onUnexpectedExit: (name: string, code: number | string) => void;
  /** How long the child may take to start listening (default 180 s: 2 cores, seven processes). */
  startTimeoutMs?: number;
  /** The script to run instead of tools/serve.ts (relative to the repository, compiled in `build` when given; the benchmark's peers). */
  entry?: string;
}

/**
 * The entrypoint a service starts from: `tools/serve.ts` with tsx, or, given a build of
 * `npm run build` (tools/build.ts; the test run makes one), its compiled `tools/serve.js`,
 * which starts without compiling TypeScript.
 */
function entrypoint(build?: string, entry = "tools/serve.ts"): string[] {
  return build ? [path.join(build, entry.replace(/\.ts$/, ".js"))] : ["--import", "tsx", path.join(ROOT, entry)];
}

/** Starts the service `name` (tools/serve.ts) and resolves once it reports where it listens. */
export function spawnService(name: string, opts: SpawnOptions): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entrypoint(opts.build, opts.entry), name], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on("line", (line) => opts.log(`[${name}] ${line}`));
  }
  let stopping = false;
  let started = false;
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  let nextId = 0;
  return new Promise<ServiceProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start within ${(opts.startTimeoutMs ?? 180_000) / 1000} s`));
    }, opts.startTimeoutMs ?? 180_000);
    void exited.then((code) => {
      clearTimeout(timer);
      if (stopping) return;
      if (started) opts.onUnexpectedExit(name, code);
      else reject(new Error(`${name} exited (${code}) before it was ready`));
    });
    child.on("message", function onListening(msg: { type?: string; url?: string; port?: number }) {
      if (msg?.type !== "listening") return;
      child.off("message", onListening);
      clearTimeout(timer);
      started = true;
      resolve({
        name,
        url: msg.url!,
        port: msg.port!,
        pid: child.pid!,
        exited,
        async stop(graceMs = 15_000) {
          stopping = true;
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill("SIGTERM");
          const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
          await exited;
          clearTimeout(kill);
        },
        request(type: string) {
          const id = ++nextId;
          return new Promise<void>((done, fail) => {
            const onReply = (m: { id?: number }) => {
              if (m?.id !== id) return;
              child.off("message", onReply);
              done();
            };
            child.on("message", onReply);
            child.send({ type, id }, (err) => err && fail(err));
          });
        },
      });
    });
  });
}
