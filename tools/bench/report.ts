import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fmt } from "./measure.js";

export interface Figure {
  figure: string;
  value: string;
  target: string;
  met: boolean | null;
  detail?: string;
}

export const machine = async (neo4jVersion: string) => ({
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  node: process.version,
  neo4j: neo4jVersion,
  loadAverage1m: Number(fmt(os.loadavg()[0], 1)),
  commit: commit(),
});

/** The commit measured (with "+changes" when the work tree differs from it). */
function commit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${head}+changes` : head;
  } catch {
    return "unknown";
  }
}

/** CPU milliseconds per request of each process, per measurement (bench/results*.md). */
export function cpuSection(cpu: Record<string, Record<string, number>>): string {
  const rows = Object.entries(cpu).map(([run, procs]) => `| ${run} | ${Object.entries(procs).map(([p, ms]) => `${p} ${fmt(ms, 2)} ms`).join(", ")} |`);
  return ["", "CPU per request, per process (user + system from /proc/<pid>/stat over the measured window, after the warm-up):", "", "| measurement | CPU ms per request |", "| --- | --- |", ...rows, ""].join("\n");
}

export function markdown(figures: Figure[], info: Record<string, unknown>): string {
  const rows = figures.map((f) => `| ${f.figure} | ${f.value} | ${f.target} | ${f.met === null ? "-" : f.met ? "met" : "**missed**"} |`);
  return [
    `Run ${info.at}${info.quick ? " (--quick)" : ""} of commit ${info.commit} on ${info.cpu}, ${info.cores} cores, Node ${info.node}, Neo4j ${info.neo4j}; load average ${info.loadAtStart} at start, ${info.loadAverage1m} at end.`,
    "",
    "| figure | measured | target | |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

/** Writes bench/results.json and bench/results.md (quick runs: bench/results.quick.*; one part alone: bench/results.<part>[.quick].*). */
export async function writeResults(figures: Figure[], info: Record<string, unknown>, raw: unknown, quick: boolean, part?: string): Promise<string> {
  const dir = path.resolve("bench");
  await fs.mkdir(dir, { recursive: true });
  const stem = path.join(dir, `results${part ? `.${part}` : ""}${quick ? ".quick" : ""}`);
  await fs.writeFile(`${stem}.json`, JSON.stringify({ ...info, figures, measurements: raw }, null, 2) + "\n");
  await fs.writeFile(`${stem}.md`, markdown(figures, info));
  return stem;
}
