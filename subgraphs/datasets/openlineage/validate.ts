import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { AI_LINEAGE_FACET, aiLineageSchema, coreSchema, facetGroups, type FacetGroup } from "./schemas.js";

/** One reason an event was refused, at a JSON Pointer into the event. */
export interface Problem {
  path: string;
  message: string;
}

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(coreSchema);
for (const group of Object.values(facetGroups)) ajv.addSchema(group);
ajv.addSchema(aiLineageSchema);

const CORE_ID = coreSchema.$id as string;
const eventValidators = {
  RunEvent: ajv.getSchema(`${CORE_ID}#/$defs/RunEvent`)!,
  DatasetEvent: ajv.getSchema(`${CORE_ID}#/$defs/DatasetEvent`)!,
  JobEvent: ajv.getSchema(`${CORE_ID}#/$defs/JobEvent`)!,
};
export type EventKind = keyof typeof eventValidators;

const facetValidators = new Map<string, ValidateFunction>();
for (const [group, schema] of Object.entries(facetGroups)) {
  for (const key of Object.keys((schema.properties ?? {}) as object)) {
    facetValidators.set(`${group}/${key}`, ajv.getSchema(`${schema.$id}#/properties/${key}`)!);
  }
}
facetValidators.set(`run/${AI_LINEAGE_FACET}`, ajv.getSchema(aiLineageSchema.$id as string)!);

const problems = (errors: ErrorObject[] | null | undefined, prefix: string): Problem[] =>
  (errors ?? []).map((e) => ({
    path: prefix + e.instancePath || "/",
    message: e.keyword === "additionalProperties" ? `${e.message}: ${String(e.params.additionalProperty)}` : (e.message ?? "invalid"),
  }));

/**
 * Which event this is: the spec's `oneOf` tells them apart by `run` (RunEvent) and `dataset`
 * (DatasetEvent). Choosing first gives errors against one definition, not three.
 */
export function kindOf(event: unknown): EventKind {
  const e = (event ?? {}) as Record<string, unknown>;
  if ("run" in e || "eventType" in e) return "RunEvent";
  if ("dataset" in e) return "DatasetEvent";
  return "JobEvent";
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** Checks every facet we know a schema for; a deleted facet (`_deleted: true`) needs only the base fields. */
function checkFacets(out: Problem[], group: FacetGroup, facets: unknown, at: string) {
  if (!isObj(facets)) return;
  for (const [key, facet] of Object.entries(facets)) {
    const validate = facetValidators.get(`${group}/${key}`);
    if (!validate || (isObj(facet) && facet._deleted === true)) continue;
    if (!validate(facet)) out.push(...problems(validate.errors, `${at}/${escape(key)}`));
  }
}

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Validates one event against the OpenLineage 2-0-2 core schema and the schemas of the standard
 * facets it carries (plus our `aiLineage` run facet). Custom facets need only the base facet
 * fields (`_producer`, `_schemaURL`). Empty when the event is valid.
 */
export function validateEvent(event: unknown): Problem[] {
  if (!isObj(event)) return [{ path: "/", message: "must be an object (an OpenLineage RunEvent, DatasetEvent or JobEvent)" }];
  const kind = kindOf(event);
  const validate = eventValidators[kind];
  const out: Problem[] = validate(event) ? [] : problems(validate.errors, "");
  if (isObj(event.run)) checkFacets(out, "run", event.run.facets, "/run/facets");
  if (isObj(event.job)) checkFacets(out, "job", event.job.facets, "/job/facets");
  if (isObj(event.dataset)) checkFacets(out, "dataset", event.dataset.facets, "/dataset/facets");
  for (const [side, extra] of [["inputs", "inputDataset"], ["outputs", "outputDataset"]] as const) {
    const list = event[side];
    if (!Array.isArray(list)) continue;
    list.forEach((d, i) => {
      if (!isObj(d)) return;
      checkFacets(out, "dataset", d.facets, `/${side}/${i}/facets`);
      checkFacets(out, extra, side === "inputs" ? d.inputFacets : d.outputFacets, `/${side}/${i}/${side === "inputs" ? "inputFacets" : "outputFacets"}`);
    });
  }
  return dedupe(out);
}

function dedupe(list: Problem[]): Problem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = `${p.path}|${p.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
