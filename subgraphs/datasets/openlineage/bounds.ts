/**
 * The work one event may cost, checked before schema validation in one cheap pass with its own
 * stack (no recursion, so no nesting depth can overflow it). Schema validation that lists every
 * problem grows with the square of their number (ajv joins error lists per `$ref`): 50,000 empty
 * `inputs` took 13.7 s. Past these bounds an event is refused at once, with the first problems.
 */
export const BOUNDS = {
  /** Levels of nesting below the event (OpenLineage's deepest standard shape, nested schema fields, needs a handful). */
  depth: 64,
  /** Items of one array (inputs, outputs, schema fields, column lineage inputs...). */
  items: 10_000,
  /** Keys of one object (facets of a node, fields of a column lineage facet...). */
  keys: 10_000,
  /** Characters of one string (a job's SQL text included). */
  chars: 1_048_576,
  /** JSON values in one event, all levels together. */
  values: 200_000,
} as const;

/** Most problems listed for one event; the count says how many were found. */
export const MAX_PROBLEMS = 20;

export interface Problem {
  path: string;
  message: string;
}

/** A value still to visit; its JSON Pointer is spelled out only when a problem is reported. */
interface Entry {
  value: unknown;
  parent: Entry | null;
  key: string | number;
  depth: number;
}

function pathOf(e: Entry): string {
  const keys: string[] = [];
  for (let x: Entry | null = e; x && x.parent; x = x.parent) keys.push(String(x.key).replace(/~/g, "~0").replace(/\//g, "~1"));
  return keys.length === 0 ? "/" : `/${keys.reverse().join("/")}`;
}

/** Problems of an event that exceeds a bound (at most MAX_PROBLEMS); empty when within all. */
export function checkBounds(event: unknown): Problem[] {
  const out: Problem[] = [];
  const stack: Entry[] = [{ value: event, parent: null, key: "", depth: 0 }];
  let values = 0;
  while (stack.length > 0 && out.length < MAX_PROBLEMS) {
    const entry = stack.pop()!;
    const { value, depth } = entry;
    if (++values > BOUNDS.values) {
      out.push({ path: pathOf(entry), message: `the event holds more than ${BOUNDS.values} JSON values` });
      break;
    }
    if (typeof value === "string") {
      if (value.length > BOUNDS.chars) out.push({ path: pathOf(entry), message: `must have at most ${BOUNDS.chars} characters` });
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= BOUNDS.depth) {
      out.push({ path: pathOf(entry), message: `nested more than ${BOUNDS.depth} levels deep` });
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length > BOUNDS.items) out.push({ path: pathOf(entry), message: `must have at most ${BOUNDS.items} items (has ${value.length})` });
      else for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], parent: entry, key: i, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > BOUNDS.keys) {
      out.push({ path: pathOf(entry), message: `must have at most ${BOUNDS.keys} properties (has ${keys.length})` });
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      if (key.length > BOUNDS.chars) out.push({ path: pathOf(entry), message: `has a property name longer than ${BOUNDS.chars} characters` });
      else stack.push({ value: (value as Record<string, unknown>)[key], parent: entry, key, depth: depth + 1 });
    }
  }
  return out.slice(0, MAX_PROBLEMS);
}

/** JSON values in `v`, counted up to just past `limit`. */
export function countValues(v: unknown, limit: number): number {
  let n = 0;
  const stack = [v];
  while (stack.length > 0 && n <= limit) {
    const x = stack.pop();
    n++;
    if (x && typeof x === "object") stack.push(...(Array.isArray(x) ? x : Object.values(x)));
  }
  return n;
}
