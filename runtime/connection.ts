import "reflect-metadata"; // type-graphql decorators below need it loaded first
import { Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import type { Ctx } from "./context.js";
import { createdCursor, decodeCreatedCursor, afterCreated } from "./cursor.js";
import { read } from "./db.js";
import { badInput } from "./errors.js";
import type { Label } from "./graph/vocabulary.js";

/** Page sizes of the browse connections: `first` defaults to 20 and must be 1..100. */
export const DEFAULT_FIRST = 20;
export const MAX_FIRST = 100;
/** How every browse connection pages, for the fields' descriptions. */
export const PAGE_DOC = `Ordered by createdAt, then id. first: 1..${MAX_FIRST} (default ${DEFAULT_FIRST}, more is BAD_USER_INPUT); after: the endCursor of the previous page.`;

/** Relay page info; the same value type in every subgraph that has a connection, hence shareable. */
@ObjectType({ description: "Where a page ends and whether another follows" })
@Directive("@shareable")
@Directive("@authenticated")
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: "Cursor of the page's last edge; pass it as `after` for the next page" }) endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The `<Name>Edge` and `<Name>Connection` object types of a node type (call once per name). */
export function connectionTypes<T extends object>(name: string, node: ClassType<T>, connectionName = `${name}Connection`) {
  @ObjectType(`${name}Edge`)
  @Directive("@authenticated")
  class EdgeType {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }
  @ObjectType(connectionName, { description: `A page of ${name} nodes` })
  @Directive("@authenticated")
  class ConnectionType {
    @Field(() => [EdgeType]) edges!: Edge<T>[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: "How many nodes match, over all pages" }) totalCount!: number;
  }
  return { Edge: EdgeType, Connection: ConnectionType };
}

/** Checks `first` (1..100, else BAD_USER_INPUT naming it). */
export function firstArg(first: number | null | undefined): number {
  const n = first ?? DEFAULT_FIRST;
  if (!Number.isInteger(n) || n < 1 || n > MAX_FIRST) throw badInput("first", `must be between 1 and ${MAX_FIRST}`);
  return n;
}

/** Builds a connection from up to `first + 1` rows: the extra row only says another page follows. */
export function toConnection<T>(rows: T[], first: number, total: number, cursor: (row: T) => string): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: cursor(node), node }));
  return { edges, totalCount: total, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** `first` and `after` as a client sent them (checked by listPage). */
export interface PageArgs {
  first: number | null | undefined;
  after: string | null | undefined;
}

export interface ListQuery extends PageArgs {
  /** Label of the listed nodes (from code). */
  label: Label;
  /**
   * Extra Cypher condition on `n` (from code, values only through `params`), or a MATCH
   * pattern prefix: `match` replaces the plain `MATCH (n)` with its label.
   */
  where?: string;
  match?: string;
  params?: Record<string, unknown>;
  /** Operation name for the transaction metadata. */
  op: string;
}

/**
 * One page of nodes in (createdAt, id) order with the total count, in one statement whatever
 * the page size: the count and the page are two subqueries of the same statement. The page
 * seeks past the cursor's (createdAt, id) key, so later pages cost what the first does.
 */
export async function listPage<T extends { id: string }>(ctx: Ctx, q: ListQuery): Promise<Connection<T>> {
  const first = firstArg(q.first);
  const after = decodeCreatedCursor(q.after);
  const match = q.match ?? `MATCH (n:${q.label})`;
  const where = q.where ? `(${q.where})` : "true";
  const row = await read({ op: q.op, stats: ctx.stats }, (tx) =>
    // The node types of the lists are their stored properties, so rows are the nodes as they are.
    tx.one<{ total: number; nodes: (T & { createdAt: string })[] }>({
      cypher: `CALL () { ${match} WHERE ${where} RETURN count(n) AS total }
               CALL () {
                 ${match} WHERE ${where} AND ${afterCreated("n")}
                 WITH n ORDER BY n.createdAt, n.id LIMIT $limit
                 RETURN collect(n {.*}) AS nodes
               }
               RETURN total, nodes`,
      params: { ...q.params, after, limit: first + 1 },
    }),
  );
  return toConnection(row?.nodes ?? [], first, row?.total ?? 0, createdCursor);
}
