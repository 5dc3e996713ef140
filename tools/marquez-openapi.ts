// `npx tsx tools/marquez-openapi.ts <openapi.yml> [commit]`: extracts from Marquez's OpenAPI spec
// (MarquezProject/marquez, spec/openapi.yml) the response schemas of the read routes we serve,
// with every schema they reference, into test/support/marquez-openapi.json, verbatim but for
// their `example`s. The
// contract tests (test/marquez-api.e2e.test.ts) validate our answers against them with ajv.
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/** The response schemas of the routes in subgraphs/datasets/openlineage/marquez-api.ts. */
export const ROOTS = [
  "NamespaceList", "Namespace", "DatasetList", "Dataset", "DatasetVersionList", "DatasetVersion", "JobList", "Job",
  "RunList", "Run", "FacetsResult", "LineageGraph", "LineageEventList", "SearchResultList", "TagList",
];

const [file, commit = "unknown"] = process.argv.slice(2);
if (!file) throw new Error("usage: tsx tools/marquez-openapi.ts <path to Marquez's spec/openapi.yml> [commit]");
const spec = parse(fs.readFileSync(file, "utf8"));
const all: Record<string, unknown> = spec.components.schemas;
const keep: Record<string, unknown> = {};
// Examples are documentation (and some are not valid YAML data for their schema): left out.
const withoutExamples = (x: unknown): unknown =>
  Array.isArray(x) ? x.map(withoutExamples) : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== "example").map(([k, v]) => [k, withoutExamples(v)])) : x;
const visit = (name: string) => {
  if (keep[name]) return;
  if (!all[name]) throw new Error(`no schema ${name} in ${file}`);
  keep[name] = withoutExamples(all[name]);
  for (const m of JSON.stringify(all[name]).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)) visit(m[1]);
};
ROOTS.forEach(visit);
const out = path.resolve("test/support/marquez-openapi.json");
const note = `Extracted verbatim by tools/marquez-openapi.ts from MarquezProject/marquez spec/openapi.yml (${spec.info.version}, commit ${commit}), examples left out; Apache-2.0.`;
fs.writeFileSync(out, `${JSON.stringify({ $comment: note, openapi: spec.openapi, schemas: Object.fromEntries(Object.keys(keep).sort().map((k) => [k, keep[k]])) }, null, 1)}\n`);
console.log(`wrote ${path.relative(process.cwd(), out)}: ${Object.keys(keep).length} schemas`);
