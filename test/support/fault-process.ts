import { spawn } from "node:child_process";

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript entry point with tsx as a separate process, as a user would run a tool
 * (`npx tsx <script> <args>`), and collects its output. Killed after `timeoutMs`.
 */
export function runTsx(script: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", script, ...args], {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so a timeout stops npx, tsx and node together
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
    }, timeoutMs);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** In a fault scenario's process: the test run's build of the services (tools/build.ts), passed by the test file as TEST_SERVICES_BUILD; unset: tsx. */
export const servicesBuildOfRun = (): string | undefined => process.env.TEST_SERVICES_BUILD || undefined;

/** The last line of a process's stdout parsed as JSON (the report of a fault script). */
export function lastJsonLine<T>(out: ProcessResult): T {
  const line = out.stdout.trim().split("\n").at(-1);
  if (!line) throw new Error(`no report on stdout (exit ${out.code}); stderr:\n${out.stderr.slice(-4000)}`);
  return JSON.parse(line) as T;
}
