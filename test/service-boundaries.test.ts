import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SUBGRAPHS } from "../runtime/config.js";

// Each service process loads its own code only (issue 11): a subgraph never imports another
// subgraph, the gateway imports no subgraph, and tools/serve.ts loads just the chosen one.
const ROOT = path.resolve(import.meta.dirname, "..");
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*["'](\.[^"']+)["']|(?<!typeof )import\(\s*["'](\.[^"']+)["']\s*\)/g;

/** Every repository file reached from `entry` through relative static imports (and literal dynamic ones). */
function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of fs.readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), (m[1] ?? m[2]).replace(/\.js$/, ".ts"));
      if (fs.existsSync(target)) visit(target);
    }
  };
  visit(path.join(ROOT, entry));
  return new Set([...seen].map((f) => path.relative(ROOT, f)));
}

/** Value imports of one file (type-only imports erase at run time and cannot form a load cycle). */
const VALUE_IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s*["'](\.[^"']+)["']/g;

/** Import cycles among the files reached from `entry`, each as the list of files around it. */
function cycles(entry: string): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, trail: string[]) => {
    const at = trail.indexOf(file);
    if (at >= 0) return void found.push(trail.slice(at).map((f) => path.relative(ROOT, f)));
    if (done.has(file)) return;
    for (const m of fs.readFileSync(file, "utf8").matchAll(VALUE_IMPORT)) {
      const target = path.resolve(path.dirname(file), m[1].replace(/\.js$/, ".ts"));
      if (fs.existsSync(target)) visit(target, [...trail, file]);
    }
    done.add(file);
  };
  visit(path.join(ROOT, entry), []);
  return found;
}

describe("service boundaries", () => {
  it.each([...SUBGRAPHS.map((name) => `subgraphs/${name}/index.ts`), "gateway/index.ts", "tools/serve.ts"])("no import cycle in the code %s loads (a cycle means a type lives in the wrong file)", (entry) => {
    expect(cycles(entry)).toEqual([]);
  });

  it.each(SUBGRAPHS)("the %s subgraph reaches no other subgraph's code", (name) => {
    const files = [...closure(`subgraphs/${name}/index.ts`)];
    expect(files.length).toBeGreaterThan(3);
    expect(files.filter((f) => f.startsWith("subgraphs/") && !f.startsWith(`subgraphs/${name}/`) && f !== "subgraphs/domain-metrics.ts")).toEqual([]);
  });

  // issue 24: compliance/docs is the rendering kit (document model, renderers, signing, log
  // formats): it reads no feature (act/, annex-iv/, incidents/, gpai/, profile/ ...); features
  // build document models and hand them to it.
  it("compliance/docs is a leaf: it imports only runtime/, itself and the subgraph's shared types", () => {
    const dir = path.join(ROOT, "subgraphs/compliance/docs");
    const upward: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      for (const m of fs.readFileSync(path.join(dir, file), "utf8").matchAll(IMPORT)) {
        const target = path.relative(ROOT, path.resolve(dir, m[1] ?? m[2]));
        if (!target.startsWith("runtime/") && !target.startsWith("subgraphs/compliance/docs/") && target !== "subgraphs/compliance/types.js") upward.push(`docs/${file} -> ${target}`);
      }
    }
    expect(fs.readdirSync(dir).length).toBeGreaterThan(5);
    expect(upward).toEqual([]);
  });

  it("the gateway reaches no subgraph code", () => {
    const files = [...closure("gateway/index.ts")];
    expect(files).toContain("gateway/supergraph.ts");
    expect(files.filter((f) => f.startsWith("subgraphs/"))).toEqual([]);
  });

  it("a service process loads only the subgraph it serves (not the registry of all five)", () => {
    const files = [...closure("tools/serve.ts")];
    expect(files).toContain("runtime/config.ts");
    // The site recorder (site-recorder/) checks records with the centre's own pure modules, and only those.
    const shared = ["subgraphs/models/decision-input.ts", ...["body", "bounds", "event-time", "mapping", "rows", "schemas", "validate"].map((m) => `subgraphs/datasets/openlineage/${m}.ts`)];
    expect(files.filter((f) => f.startsWith("subgraphs/") && f !== "subgraphs/domain-metrics.ts" && !shared.includes(f))).toEqual([]);
    expect(fs.readFileSync(path.join(ROOT, "tools/serve.ts"), "utf8")).toContain("import(`../subgraphs/${name}/index.js`)");
  });
});
