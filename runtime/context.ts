import DataLoader from "dataloader";
import type { Caller } from "./auth/caller.js";
import type { StatementStats } from "./db.js";

/** Per-request context of a subgraph resolver. */
export interface Ctx {
  caller: Caller;
  requestId: string;
  /** Statements this request ran (tests count round trips with it). */
  stats: StatementStats;
  /** Per-request DataLoaders, created on first use by `loader`. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

export function newContext(caller: Caller, requestId: string): Ctx {
  return { caller, requestId, stats: { statements: 0 }, loaders: new Map() };
}

/**
 * The request's DataLoader called `name`, created on first use. `batch` receives every key
 * asked for in one tick and returns a map from key to value; missing keys resolve to null.
 */
export function loader<K, V>(ctx: Ctx, name: string, batch: (keys: readonly K[]) => Promise<Map<K, V>>): DataLoader<K, V | null> {
  let l = ctx.loaders.get(name) as DataLoader<K, V | null> | undefined;
  if (!l) {
    l = new DataLoader<K, V | null>(async (keys) => {
      const found = await batch(keys);
      return keys.map((k) => found.get(k) ?? null);
    }, { maxBatchSize: 5000 });
    ctx.loaders.set(name, l as DataLoader<unknown, unknown>);
  }
  return l;
}

/** Groups rows by a key, for one-to-many loaders. */
export function groupBy<K, V>(rows: V[], key: (row: V) => K): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
