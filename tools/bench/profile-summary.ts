// Where a service's CPU time goes, from a V8 .cpuprofile (`npm run bench -- --cpu-prof`):
// self time summed per package (node_modules/<name>), per project folder, and for Node itself.
import fs from "node:fs/promises";
import path from "node:path";
import { config } from "../../runtime/config.js";

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** The bucket a frame's time is charged to: an npm package, a folder of this repository, or Node/V8. */
export function bucketOf(url: string, functionName: string): string {
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const own = url.match(/\/(runtime|gateway|subgraphs\/[^/]+|tools)\//);
  if (own) return own[1];
  if (url.startsWith("node:")) return "node (internals)";
  if (!url) return functionName === "(garbage collector)" ? "(gc)" : functionName === "(idle)" ? "(idle)" : "(native / V8)";
  return "(other)";
}

/** Self time per bucket and the top functions, as percentages of the non-idle samples. */
export async function summarise(file: string, top = 12) {
  const p = JSON.parse(await fs.readFile(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const buckets = new Map<string, number>();
  const fns = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const bucket = bucketOf(url, functionName);
    if (bucket === "(idle)" || functionName === "(program)") continue;
    busy += us;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const fn = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(runtime|gateway|subgraphs|tools)\//, "$1/")}:${lineNumber + 1}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
  }
  const pct = (us: number) => Math.round((1000 * us) / busy) / 10;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => ({ name: k, percent: pct(us) }));
  return { busyMs: Math.round(busy / 1000), buckets: sorted(buckets), functions: sorted(fns) };
}

/**
 * The profiles the services wrote over the measured window (tools/cpu-profile.ts, in
 * DATA_DIR/profiles), summarised for bench/results.*: self time by package, top functions.
 */
export async function profileSection(services: string[]) {
  const summaries: Record<string, Awaited<ReturnType<typeof summarise>>> = {};
  for (const name of services) summaries[name] = await summarise(path.join(config.dataDir, "profiles", `${name}.cpuprofile`));
  const lines = ["", `CPU profiles over a 16-client gateway trace run of their own (self time; \`${path.relative(process.cwd(), path.join(config.dataDir, "profiles"))}/<service>.cpuprofile\`, open in Chrome DevTools):`, ""];
  for (const [name, s] of Object.entries(summaries)) {
    lines.push(`- **${name}** (${s.busyMs} ms busy): ${s.buckets.slice(0, 8).map((b) => `${b.name} ${b.percent} %`).join(", ")}`);
    lines.push(`  - top functions: ${s.functions.slice(0, 6).map((f) => `\`${f.name}\` ${f.percent} %`).join(", ")}`);
  }
  return { summaries, markdown: lines.join("\n") + "\n" };
}

if (process.argv[2] && import.meta.url === `file://${process.argv[1]}`) {
  for (const f of process.argv.slice(2)) {
    const s = await summarise(f);
    console.log(`\n${f}: ${s.busyMs} ms busy`);
    for (const b of s.buckets) console.log(`  ${String(b.percent).padStart(5)} %  ${b.name}`);
    console.log("  top functions:");
    for (const b of s.functions) console.log(`  ${String(b.percent).padStart(5)} %  ${b.name}`);
  }
}
