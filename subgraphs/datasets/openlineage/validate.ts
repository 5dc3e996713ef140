import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { checkBounds, countValues, MAX_PROBLEMS, type Problem } from "./bounds.js";
import { readEventTime } from "./event-time.js";
import { AI_LINEAGE_FACET, aiLineageSchema, coreSchema, facetGroups, type FacetGroup } from "./schemas.js";

export type { Problem } from "./bounds.js";

/**
 * JSON Schema 2020-12 makes `format` an annotation, and the OpenLineage project's validators do
 * not assert it: a `format` the value does not match is a warning, never a refusal. The schemas
 * (kept as published) are loaded with `format` renamed to this keyword, which records the
 * deviation with its path and always passes. Required fields, types, enums and shapes stay strict.
 */
const FORMAT_WARNING = "x-format-warning";

function formatsAsWarnings(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(formatsAsWarnings);
  if (!schema || typeof schema !== "object") return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => (k === "format" && typeof v === "string" ? [FORMAT_WARNING, v] : [k, formatsAsWarnings(v)])));
}

type FormatDef = RegExp | ((s: string) => boolean) | { validate: RegExp | ((s: string) => boolean) };
const matches = (def: FormatDef | undefined, s: string): boolean => {
  const check = def && typeof def === "object" && "validate" in def ? def.validate : def;
  return check instanceof RegExp ? check.test(s) : typeof check === "function" ? check(s) : true;
};

/** Where the format keyword reports, set around each validator call (validation is synchronous). */
let sink: Problem[] = [];

function compile(allErrors: boolean) {
  const ajv = new Ajv2020({ allErrors, strict: false });
  ajv.addKeyword({
    keyword: FORMAT_WARNING,
    schemaType: "string",
    errors: false,
    validate: (format: string, data: unknown, _schema?: unknown, cxt?: { instancePath: string }) => {
      if (typeof data === "string" && !matches((fullFormats as Record<string, FormatDef>)[format], data)) {
        sink.push({ path: cxt?.instancePath || "/", message: `is not a valid ${format} (JSON Schema format: an annotation, so accepted as sent)` });
      }
      return true;
    },
  });
  ajv.addSchema(formatsAsWarnings(coreSchema) as object);
  for (const group of Object.values(facetGroups)) ajv.addSchema(formatsAsWarnings(group) as object);
  ajv.addSchema(formatsAsWarnings(aiLineageSchema) as object);
  const coreId = coreSchema.$id as string;
  const events = {
    RunEvent: ajv.getSchema(`${coreId}#/$defs/RunEvent`)!,
    DatasetEvent: ajv.getSchema(`${coreId}#/$defs/DatasetEvent`)!,
    JobEvent: ajv.getSchema(`${coreId}#/$defs/JobEvent`)!,
  };
  const facets = new Map<string, ValidateFunction>();
  for (const [group, schema] of Object.entries(facetGroups)) {
    for (const key of Object.keys((schema.properties ?? {}) as object)) facets.set(`${group}/${key}`, ajv.getSchema(`${schema.$id}#/properties/${key}`)!);
  }
  facets.set(`run/${AI_LINEAGE_FACET}`, ajv.getSchema(aiLineageSchema.$id as string)!);
  return { events, facets };
}

/**
 * Two compilations of one set of schemas: `firstError` stops at the first problem (linear in the
 * event's size: the pass every valid event takes); `everyError` lists them all, and runs only on
 * an event already refused and small enough that listing stays cheap.
 */
const firstError = compile(false);
const everyError = compile(true);
/** Values up to which a refused event gets every problem listed; larger ones get the first. */
const LIST_ALL_UP_TO = 2_000;

export type EventKind = keyof typeof firstError.events;

const problems = (errors: ErrorObject[] | null | undefined, prefix: string): Problem[] =>
  (errors ?? []).map((e) => ({
    path: prefix + e.instancePath || "/",
    message: e.keyword === "additionalProperties" ? `${e.message}: ${String(e.params.additionalProperty)}`
      : e.keyword === "enum" ? `${e.message}: ${(e.params.allowedValues as unknown[]).join(", ")}`
      : (e.message ?? "invalid"),
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
const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** The event and every facet we know a schema for, each with its validator and JSON path. */
function* parts(v: ReturnType<typeof compile>, event: Obj): Generator<[ValidateFunction, unknown, string]> {
  yield [v.events[kindOf(event)], event, ""];
  function* facets(group: FacetGroup, list: unknown, at: string): Generator<[ValidateFunction, unknown, string]> {
    if (!isObj(list)) return;
    for (const [key, facet] of Object.entries(list)) {
      const validate = v.facets.get(`${group}/${key}`);
      // A deleted facet (`_deleted: true`) needs only the base fields the core schema checks.
      if (validate && !(isObj(facet) && facet._deleted === true)) yield [validate, facet, `${at}/${escape(key)}`];
    }
  }
  if (isObj(event.run)) yield* facets("run", event.run.facets, "/run/facets");
  if (isObj(event.job)) yield* facets("job", event.job.facets, "/job/facets");
  if (isObj(event.dataset)) yield* facets("dataset", event.dataset.facets, "/dataset/facets");
  for (const side of ["inputs", "outputs"] as const) {
    const list = event[side];
    if (!Array.isArray(list)) continue;
    const [extra, key] = side === "inputs" ? (["inputDataset", "inputFacets"] as const) : (["outputDataset", "outputFacets"] as const);
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      if (!isObj(d)) continue;
      yield* facets("dataset", d.facets, `/${side}/${i}/facets`);
      yield* facets(extra, d[key], `/${side}/${i}/${key}`);
    }
  }
}

function run(v: ReturnType<typeof compile>, event: Obj, stopAtFirst: boolean) {
  const found: Problem[] = [];
  const warnings: Problem[] = [];
  for (const [validate, data, prefix] of parts(v, event)) {
    sink = [];
    const ok = validate(data);
    warnings.push(...sink.map((w) => ({ path: prefix + (w.path === "/" ? "" : w.path) || "/", message: w.message })));
    if (!ok) found.push(...problems(validate.errors, prefix));
    if (stopAtFirst && found.length > 0) break;
  }
  sink = [];
  return { found: dedupe(found), warnings: dedupe(warnings) };
}

export interface Checked {
  /** Why the event is refused: at most MAX_PROBLEMS, empty when it is accepted. */
  problems: Problem[];
  /** How many problems were found (more than listed when the list is cut). */
  problemCount: number;
  /** `format` deviations of an accepted event (and an eventTime read as UTC), at most MAX_PROBLEMS. */
  warnings: Problem[];
  warningCount: number;
  /** The accepted event's time as a UTC ISO string (event-time.ts). */
  eventTime?: string;
}

const cut = (list: Problem[]) => list.slice(0, MAX_PROBLEMS);

/**
 * Checks one event: first the bounds on its size (bounds.ts), then the OpenLineage 2-0-2 core
 * schema and the schemas of the standard facets it carries (plus our `aiLineage` run facet), and
 * that its eventTime names an instant. Custom facets need only the base facet fields (`_producer`,
 * `_schemaURL`); fields a standard facet's schema does not name (a newer minor version's) are
 * accepted and kept.
 */
export function checkEvent(event: unknown): Checked {
  const refuse = (list: Problem[], count = list.length): Checked => ({ problems: cut(list), problemCount: count, warnings: [], warningCount: 0 });
  if (!isObj(event)) return refuse([{ path: "/", message: "must be an object (an OpenLineage RunEvent, DatasetEvent or JobEvent)" }]);
  const bounds = checkBounds(event);
  if (bounds.length > 0) return refuse(bounds);
  const time = typeof event.eventTime === "string" ? readEventTime(event.eventTime) : null;
  const timeProblems = time && "problem" in time ? [time.problem] : [];
  const first = run(firstError, event, true);
  if (first.found.length === 0) {
    if (!time) return refuse([{ path: "/eventTime", message: "must be a date-time string" }]);
    if ("problem" in time) return refuse([time.problem]);
    // The schema's date-time warning on eventTime says less than readEventTime's: keep one.
    const warnings = time.warning ? [time.warning, ...first.warnings.filter((w) => w.path !== "/eventTime")] : first.warnings;
    return { problems: [], problemCount: 0, warnings: cut(warnings), warningCount: warnings.length, eventTime: time.iso };
  }
  if (countValues(event, LIST_ALL_UP_TO) > LIST_ALL_UP_TO) {
    return refuse([...timeProblems, { ...first.found[0], message: `${first.found[0].message} (the first problem found: the event is too large to list every one)` }]);
  }
  const all = [...timeProblems, ...run(everyError, event, false).found];
  return refuse(all, all.length);
}

/** Problems of an event, empty when it is accepted (the first MAX_PROBLEMS). */
export const validateEvent = (event: unknown): Problem[] => checkEvent(event).problems;

function dedupe(list: Problem[]): Problem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = `${p.path}|${p.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
