import type { ChildProcess } from "node:child_process";
import { EventEmitter, once } from "node:events";
import fs from "node:fs";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { readFileOr, Tail, TAIL_LINES } from "./process-util.js";

const STOP_GRACE_MS = 20_000;

/** What the launcher JVM has told so far, from its output and its exit. */
export interface LauncherState {
  /** It printed NEO4J_READY (the password is set; Bolt may now be probed). */
  ready: boolean;
  /** The message of its NEO4J_ERROR line, if any. */
  errorLine?: string;
  firstStderr?: string;
  exited?: { code: number | null; signal: NodeJS.Signals | null };
  spawnError?: Error;
}

/** A running launcher JVM, watched. */
export interface Launcher {
  state: LauncherState;
  /** Its last output lines, for error messages. */
  tail: Tail;
  /** Resolves when it has exited and its output is all in the log. */
  closed: Promise<void>;
  /** SIGTERM (Neo4j shuts down cleanly), SIGKILL after 20 s; waits for the exit. Idempotent. */
  stop(): Promise<void>;
  /** Waits until its state changes or `ms` pass. */
  settle(ms: number): Promise<void>;
}

/** Follows the launcher's output (into `logStream` and `state`) and its exit. */
export function watchLauncher(child: ChildProcess, logStream: fs.WriteStream, pidFile: string): Launcher {
  const events = new EventEmitter();
  const tail = new Tail(TAIL_LINES);
  const state: LauncherState = { ready: false };
  const onLine = (line: string) => {
    tail.push(line);
    logStream.write(`${new Date().toISOString()} ${line}\n`);
    if (line.startsWith("NEO4J_READY ")) state.ready = true;
    if (line.startsWith("NEO4J_ERROR ")) state.errorLine = line.slice("NEO4J_ERROR ".length);
    events.emit("change");
  };
  const streamsDone = Promise.all([
    once(createInterface({ input: child.stdout! }).on("line", onLine), "close"),
    once(
      createInterface({ input: child.stderr! }).on("line", (line) => {
        if (line.trim()) state.firstStderr ??= line.trim();
        onLine(line);
      }),
      "close",
    ),
  ]);
  const closed = new Promise<void>((resolve) => {
    child.on("error", (err) => {
      state.spawnError ??= err;
      state.exited ??= { code: null, signal: null };
      events.emit("change");
      resolve();
    });
    child.once("exit", (code, signal) => {
      state.exited = { code, signal };
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
      if (!state.exited) {
        child.kill("SIGTERM"); // the launcher's shutdown hook stops Neo4j cleanly
        const ac = new AbortController();
        await Promise.race([closed, sleep(STOP_GRACE_MS, undefined, { signal: ac.signal }).catch(() => {})]);
        ac.abort();
        if (!state.exited) child.kill("SIGKILL");
      }
      await closed;
    })());

  const settle = async (ms: number) => {
    const ac = new AbortController();
    await Promise.race([once(events, "change", { signal: ac.signal }), sleep(ms, undefined, { signal: ac.signal })]).catch(() => {});
    ac.abort();
  };

  return { state, tail, closed, stop, settle };
}
