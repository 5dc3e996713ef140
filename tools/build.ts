// `npm run build [-- <dir>]`: compiles the services' TypeScript (runtime/, gateway/, subgraphs/,
// site-recorder/, tools/) to JavaScript under <dir> (default .data/build) with
// esbuild, the transpiler tsx runs at every start, so `node <dir>/tools/serve.js <service>` starts
// without compiling anything (the test run starts about twenty stacks of six processes: see
// docs/testing.md). Same semantics as tsx: one file in, one file out, decorators as tsconfig says.
// Files the code reads beside itself are copied; the top-level folders it reads by relative path
// (schema/, web/, migrations/, neo4j-launcher/) are linked, so `../schema` resolves as in the tree.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "../launcher/supervise.js";

const SOURCES = ["runtime", "gateway", "subgraphs", "site-recorder", "tools"];
const LINKED = ["schema", "web", "migrations", "neo4j-launcher"];

/** Every file under the source folders, relative to the repository. */
function sourceFiles(): string[] {
  return SOURCES.flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(ROOT, path.join(e.parentPath ?? e.path, e.name))),
  );
}

/** Compiles into `outDir` (emptied first) and returns it. */
export async function buildServices(outDir: string): Promise<string> {
  const out = path.resolve(outDir);
  fs.rmSync(out, { recursive: true, force: true });
  const files = sourceFiles();
  const ts = files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  await build({ entryPoints: ts.map((f) => path.join(ROOT, f)), outdir: out, outbase: ROOT, platform: "node", format: "esm", target: "node20", tsconfig: path.join(ROOT, "tsconfig.json"), logLevel: "warning" });
  for (const f of files.filter((f) => !f.endsWith(".ts"))) {
    fs.mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(out, f));
  }
  for (const dir of LINKED) fs.symlinkSync(path.join(ROOT, dir), path.join(out, dir), "dir");
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = await buildServices(process.argv[2] ?? path.join(ROOT, ".data/build"));
  console.log(`built the services into ${path.relative(process.cwd(), out) || "."}: node ${path.relative(process.cwd(), path.join(out, "tools/serve.js"))} <service>`);
}
