import type { Ctx } from "./context.js";
import { loader } from "./context.js";
import { afterCreated, decodeCreatedCursor } from "./cursor.js";
import { read, type Tx } from "./db.js";
import { notFound } from "./errors.js";
import type { Label } from "./graph/vocabulary.js";
import type { Props } from "./mutation.js";

/** Loads nodes of one label by id in one statement; the per-request loader batches callers. */
export function byId(ctx: Ctx, label: Label) {
  return loader<string, Props>(ctx, `byId:${label}`, async (ids) => {
    const rows = await read({ op: `load ${label}`, stats: ctx.stats }, (tx) =>
      tx.run<{ n: Props }>({ cypher: `MATCH (n:${label}) WHERE n.id IN $ids RETURN n {.*} AS n`, params: { ids } }),
    );
    return new Map(rows.map((r) => [r.n.id as string, r.n]));
  });
}

/**
 * Checks inside a write transaction that every id exists with the given label; otherwise
 * NOT_FOUND naming the first missing id, and the transaction rolls back.
 */
export async function requireIds(tx: Tx, label: Label, ids: readonly string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const rows = await tx.run<{ id: string }>({
    cypher: `UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN n.id AS id`,
    params: { ids: wanted },
  });
  const found = new Set(rows.map((r) => r.id));
  const missing = wanted.find((id) => !found.has(id));
  if (missing !== undefined) throw notFound(label, missing);
}

/** Parses a JSON text property back to a value (null stays null). */
export const fromJson = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : null);

/**
 * A one-to-many loader: `cypher` gets `$ids` (parent ids) and returns rows `{ key, n }`;
 * every parent asked for in one tick is answered by one statement.
 */
export function related(ctx: Ctx, name: string, cypher: string, params: Record<string, unknown> = {}) {
  return loader<string, Props[]>(ctx, `rel:${name}:${JSON.stringify(params)}`, async (ids) => {
    const rows = await read({ op: name, stats: ctx.stats }, (tx) =>
      tx.run<{ key: string; n: Props }>({ cypher, params: { ...params, ids } }),
    );
    const out = new Map<string, Props[]>();
    for (const r of rows) (out.get(r.key) ?? out.set(r.key, []).get(r.key)!).push(r.n);
    return out;
  });
}

/** Bounds a page size: default 50, at most 500. */
export const pageSize = (first: number | null | undefined): number => Math.min(Math.max(first ?? 50, 0), 500);

/**
 * One page of a parent's children in (createdAt, id) order, for every parent asked for in one
 * tick with one statement. `label` and `parentKey` come from code, never from input.
 */
export function childrenPage(ctx: Ctx, label: Label, parentKey: string, parentId: string, first?: number | null, after?: string | null) {
  return related(
    ctx,
    `children:${label}.${parentKey}`,
    `MATCH (v:${label}) WHERE v.${parentKey} IN $ids AND ${afterCreated("v")}
     WITH v ORDER BY v.createdAt, v.id
     WITH v.${parentKey} AS key, collect(v {.*})[0..$first] AS vs
     UNWIND vs AS n RETURN key, n`,
    { first: pageSize(first), after: decodeCreatedCursor(after) },
  ).load(parentId);
}
