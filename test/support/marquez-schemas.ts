/**
 * Ajv validators for Marquez's response schemas (test/support/marquez-openapi.json, extracted
 * from Marquez's spec/openapi.yml by tools/marquez-openapi.ts). OpenAPI 3.0 schemas become JSON
 * Schema here, and the spec's known mismatches with what Marquez itself answers are patched,
 * each named below (docs/openlineage.md lists them too):
 * - every property may be null: the spec declares none nullable, Marquez answers null for
 *   absent values (its own examples: `latestRun: null`, `lastModifiedAt: null`);
 * - GraphNode.data is `oneOf` Dataset/Job with a discriminator on `data.type`, which holds
 *   `DB_TABLE`/`BATCH`, never `DATASET`/`JOB`, and every Dataset also passes as a Job (all
 *   optional): data is checked against the schema its node's `type` names (graphNode below);
 * - NodeType lacks DATASET_FIELD, the type of Marquez's column-lineage nodes (its Java enum
 *   has it); their data follows Marquez's ColumnLineageNodeData model (defined here);
 * - DatasetVersion.tags is a string in the spec, an array in Marquez (as Dataset.tags);
 * - FacetsResult.facets is one CustomFacet in the spec, a map of facets in Marquez (RunFacets);
 * - Run is `anyOf` IncompleteRun or an object of its extra fields, which any object passes:
 *   it is checked as both (`allOf`), as Marquez's Run has the fields of both.
 */
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import spec from "./marquez-openapi.json" with { type: "json" };

type Obj = Record<string, any>;

function toJsonSchema(x: any): any {
  if (Array.isArray(x)) return x.map(toJsonSchema);
  if (!x || typeof x !== "object") return x;
  const out: Obj = {};
  for (const [k, v] of Object.entries(x)) {
    if (k === "discriminator" || k === "deprecated" || (k === "type" && v === null)) continue;
    if (k === "$ref") out[k] = String(v).replace("#/components/schemas/", "#/definitions/");
    else if (k === "format" && v === "URL") out[k] = "uri";
    else if (k === "properties") out[k] = Object.fromEntries(Object.entries(v as Obj).map(([p, s]) => [p, { anyOf: [toJsonSchema(s), { type: "null" }] }]));
    else out[k] = toJsonSchema(v);
  }
  return out;
}

const definitions: Obj = toJsonSchema(structuredClone(spec.schemas));
definitions.GraphNode.properties.data = { type: "object" };
definitions.NodeType.enum = [...definitions.NodeType.enum, "DATASET_FIELD"];
definitions.DatasetVersion.properties.tags = { type: "array", items: { type: "string" } };
definitions.FacetsResult.properties.facets = { $ref: "#/definitions/RunFacets" };
const { anyOf: runParts, ...run } = definitions.Run;
definitions.Run = { ...run, allOf: runParts };
const str = { type: "string" };
const opt = { anyOf: [str, { type: "null" }] };
definitions.ColumnLineageNodeData = {
  type: "object",
  required: ["namespace", "dataset", "field", "inputFields"],
  properties: {
    namespace: str, dataset: str, datasetVersion: { anyOf: [{ type: "string", format: "uuid" }, { type: "null" }] }, field: str,
    fieldType: opt, transformationDescription: opt, transformationType: opt,
    inputFields: { type: "array", items: { type: "object", required: ["namespace", "dataset", "field"], properties: { namespace: str, dataset: str, field: str, transformationDescription: opt, transformationType: opt } } },
  },
};

// ajv-formats is CommonJS: its function is the default export's default under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "marquez", definitions });
const cache = new Map<string, ValidateFunction>();
const validator = (name: string) => cache.get(name) ?? cache.set(name, ajv.getSchema(`marquez#/definitions/${name}`)!).get(name)!;

/** The problems of `body` against Marquez's schema `name` (empty when it conforms). */
export function marquezProblems(name: string, body: unknown): string[] {
  const v = validator(name);
  if (!v) throw new Error(`no Marquez schema ${name}`);
  if (v(body)) return [];
  return (v.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message}`);
}

const DATA: Record<string, string> = { DATASET: "Dataset", JOB: "Job", DATASET_FIELD: "ColumnLineageNodeData" };

/** A LineageGraph's problems, each node's data checked against the schema of its type. */
export function lineageGraphProblems(body: Obj): string[] {
  const problems = marquezProblems("LineageGraph", body);
  for (const [i, node] of (body.graph ?? []).entries()) problems.push(...marquezProblems(DATA[node.type] ?? "Dataset", node.data).map((p) => `graph[${i}].data: ${p}`));
  return problems;
}
