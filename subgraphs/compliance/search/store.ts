import type { Ctx } from "../../../runtime/context.js";
import { toConnection } from "../../../runtime/connection.js";
import { encodeCursor } from "../../../runtime/cursor.js";
import { read } from "../../../runtime/db.js";
import { LABEL } from "../lineage/store.js";
import type { NameTiers, SearchKind } from "./query.js";

export interface Hit {
  id: string;
  kind: string;
  label: string;
  score: number;
  /** Position in the ranking (0-based); the edge's cursor. */
  position: number;
}

/** The name a hit's tier is read from (DatasetVersion carries its dataset's name). */
const NAME = "coalesce(n.name, n.datasetName, '')";

/**
 * One page of ranked hits and their total, in one statement: the index is queried twice (count,
 * page) in two subqueries. Hits rank by name tier (exact, prefix, part, other: query.ts
 * nameTiers), then score, then id, so the ranking is a total order and a position (the cursor)
 * names one hit. `query` is already a safe Lucene query (query.ts).
 */
export async function searchPage(ctx: Ctx, query: string, tiers: NameTiers, kinds: SearchKind[], first: number, skip: number) {
  const row = await read({ op: "search", stats: ctx.stats }, (tx) =>
    tx.one<{ total: number; hits: Omit<Hit, "position">[] }>({
      cypher: `CALL () {
                 CALL db.index.fulltext.queryNodes('lineage_search', $query) YIELD node
                 WHERE any(l IN labels(node) WHERE l IN $kinds)
                 RETURN count(node) AS total
               }
               CALL () {
                 CALL db.index.fulltext.queryNodes('lineage_search', $query) YIELD node, score
                 WHERE any(l IN labels(node) WHERE l IN $kinds)
                 WITH node AS n, score
                 WITH n, score, ${NAME} AS name
                 WITH n, score, CASE WHEN name =~ $exact THEN 0 WHEN name =~ $prefix THEN 1 WHEN name =~ $part THEN 2 ELSE 3 END AS tier
                 ORDER BY tier, score DESC, n.id SKIP $skip LIMIT $limit
                 WITH n, score, head([l IN $kinds WHERE l IN labels(n)]) AS kind
                 RETURN collect({id: n.id, kind: kind, label: ${LABEL}, score: score}) AS hits
               }
               RETURN total, hits`,
      params: { query, ...tiers, kinds, skip, limit: first + 1 },
    }),
  );
  const hits: Hit[] = (row?.hits ?? []).map((h, i) => ({ ...h, position: skip + i }));
  return toConnection(hits, first, row?.total ?? 0, (h) => encodeCursor([h.position]));
}
