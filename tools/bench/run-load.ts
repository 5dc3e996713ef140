import { spawn } from "node:child_process";
import path from "node:path";
import type { LoadResult, LoadSpec } from "./load.js";
import { WARM } from "./measure.js";

import { ROOT } from "../../launcher/supervise.js";

const LOAD = path.join(ROOT, "tools/bench/load.ts");

/** Runs one load (tools/bench/load.ts) in a child process and returns what it measured. */
export function runLoad(spec: LoadSpec, env: Record<string, string> = {}, onWarm: () => void = () => {}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", LOAD, JSON.stringify(spec)], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    let warm = false;
    child.stdout.on("data", (d) => {
      out += d;
      if (!warm && out.includes(`${WARM}\n`)) (warm = true), onWarm();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as LoadResult);
      else reject(new Error(`load generator exited with ${code}: ${out.slice(-500)}`));
    });
  });
}
