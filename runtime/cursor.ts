import { badInput } from "./errors.js";

/** A position in an ordered list: the values of its sort key, e.g. [createdAt, id]. */
export type CursorKey = readonly (string | number)[];

/** Longest cursor accepted; real ones are far shorter, so anything longer is not ours. */
const MAX_CURSOR = 512;

/**
 * The one cursor codec of the API: every paginated list (connections, `versions`, `decisions`,
 * drift reports, incidents, log extracts, search) encodes its sort key with it. Opaque to
 * clients (base64url of a JSON array), and the key travels to Cypher as a list parameter, so a
 * list compares tuples (`x > $after[0] OR (x = $after[0] AND id > $after[1])`) instead of
 * concatenated strings.
 */
export const encodeCursor = (key: CursorKey): string => Buffer.from(JSON.stringify(key), "utf8").toString("base64url");

/**
 * Decodes a cursor made by `encodeCursor` with `arity` values; null or undefined stays null.
 * Anything else (tampered, from another list, from an older release) is BAD_USER_INPUT naming
 * `field`, never an internal error.
 */
export function decodeCursor(cursor: string | null | undefined, arity: number, field = "after"): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  const invalid = () => badInput(field, "is not a cursor of this list (use a cursor this list returned)");
  if (cursor.length === 0 || cursor.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(key) || key.length !== arity) throw invalid();
  if (!key.every((v) => typeof v === "string" || (typeof v === "number" && Number.isSafeInteger(v)))) throw invalid();
  return key as (string | number)[];
}

/** Cursor of a node in the common (createdAt, id) order. */
export const createdCursor = (n: { createdAt: unknown; id: unknown }): string => encodeCursor([String(n.createdAt), String(n.id)]);

/** Decodes a (createdAt, id) cursor. */
export const decodeCreatedCursor = (cursor: string | null | undefined, field = "after") => decodeCursor(cursor, 2, field);

/**
 * Cypher condition "after the cursor" in ascending (createdAt, id) order for the variable `v`
 * (a name from code); `$after` is the decoded key or null.
 */
export const afterCreated = (v: string, param = "after") =>
  `($${param} IS NULL OR ${v}.createdAt > $${param}[0] OR (${v}.createdAt = $${param}[0] AND ${v}.id > $${param}[1]))`;
