import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** What the code says about its own deployment, read from the source for test/deploy.test.ts. */

const SOURCE_DIRS = ["runtime", "gateway", "subgraphs", "tools"];

export function sourceFiles(dirs = SOURCE_DIRS): string[] {
  return dirs.flatMap((d) => (fs.readdirSync(d, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => path.join(d, f)));
}

/**
 * The default ports, read by importing runtime/config.ts in a child process with an empty
 * environment (so a developer's PORT cannot change what the test expects).
 */
export function configDefaults(): { port: number; subgraphPortBase: number } {
  const script = "const { config } = await import('./runtime/config.ts'); process.stdout.write(JSON.stringify({ port: config.port, subgraphPortBase: config.subgraphPortBase }))";
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { PATH: process.env.PATH ?? "" }, encoding: "utf8" });
  return JSON.parse(out) as { port: number; subgraphPortBase: number };
}

/**
 * The services tools/serve.ts accepts, as it says itself: run with an unknown name, it exits 2
 * with a usage line `npm run serve -- <gateway|models|...>`.
 */
export function serveServices(): string[] {
  try {
    execFileSync(process.execPath, ["--import", "tsx", "tools/serve.ts", "no-such-service"], { env: { PATH: process.env.PATH ?? "" }, encoding: "utf8", stdio: "pipe" });
  } catch (err) {
    const { status, stderr } = err as { status: number; stderr: string };
    const list = /<([a-z|]+)>/.exec(stderr);
    if (status === 2 && list) return list[1].split("|");
    throw new Error(`tools/serve.ts gave no usage line (exit ${status}): ${stderr}`);
  }
  throw new Error("tools/serve.ts accepted an unknown service");
}

/**
 * Environment variable names the code reads: `process.env.X` / `process.env["X"]`; in files that
 * read the environment, every quoted ALL_CAPS literal (names passed to helpers such as
 * config.ts's int("PORT", ...), keys.ts's table) and object keys in runtime/config.ts (an
 * envalid/zod spec); and template-literal prefixes such as `SUBGRAPH_URL_${...}`. Generous by
 * design: a deploy file naming a variable that no source mentions in any of these forms fails.
 */
export function envNamesRead(): { names: Set<string>; prefixes: Set<string> } {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sourceFiles()) {
    const src = fs.readFileSync(file, "utf8");
    if (!src.includes("process.env")) continue;
    for (const m of src.matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[["'`]([A-Z][A-Z0-9_]*)["'`]\])/g)) names.add(m[1] ?? m[2]);
    for (const m of src.matchAll(/["'`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{2,})["'`]/g)) names.add(m[1]);
    for (const m of src.matchAll(/`([A-Z][A-Z0-9_]*_)\$\{/g)) prefixes.add(m[1]);
    if (file === path.join("runtime", "config.ts")) for (const m of src.matchAll(/^\s*([A-Z][A-Z0-9_]+)\s*:/gm)) names.add(m[1]);
  }
  return { names, prefixes };
}

/** Top-level folders that source files under `dirs` import from, by relative import. */
export function importedTopLevelDirs(dirs: string[]): Set<string> {
  const top = new Set<string>();
  for (const file of sourceFiles(dirs)) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = path.normalize(path.join(path.dirname(file), m[1]));
      top.add(target.split(path.sep)[0]);
    }
  }
  return top;
}

export interface DockerInstruction {
  op: string;
  args: string;
}

/** Dockerfile instructions, with line continuations joined and comments dropped. */
export function dockerfile(file: string): DockerInstruction[] {
  const joined = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => !l.trimStart().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [, op, args] = /^(\w+)\s+([\s\S]*)$/.exec(l)!;
      return { op: op.toUpperCase(), args: args.trim() };
    });
}

/** `NAME=value` pairs of ENV / ARG instructions (the `ENV a=b c=d` form). */
export function assignments(args: string): Record<string, string> {
  return Object.fromEntries([...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)].map((m) => [m[1], m[2].replace(/^"|"$/g, "")]));
}
