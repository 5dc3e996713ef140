import { GraphQLError } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withBookmarks } from "../runtime/bookmarks.js";
import { read, write } from "../runtime/db.js";
import { maskError } from "../runtime/errors.js";
import { connectTestDb, disconnect } from "./support/db.js";
import { uniq } from "./support/uniq.js";

// A bookmark the database has not reached (here: a transaction id far ahead of its own, in the
// form Neo4j 5 issues) is refused within BOOKMARK_WAIT_S with BAD_USER_INPUT, never retryable,
// and the request's work never runs: the driver does not retry the wait.
beforeAll(() => connectTestDb());
afterAll(() => disconnect());

/** A real bookmark of this database: the first write's. */
async function realBookmark(): Promise<string> {
  const { committed } = await withBookmarks([], () => write({ op: "test" }, (tx) => tx.run({ cypher: "CREATE (n:BookmarkProbe {id: $id})", params: { id: uniq("bm") } })));
  expect(committed).toHaveLength(1);
  return committed[0];
}

/**
 * The same database's bookmark with its transaction id raised to 2^28 - 1. A Neo4j 5 bookmark is
 * "FB:" + base64 of a PackStream list: [16-byte database id, transaction id, ...]; the id's
 * integer is rewritten as an INT_32.
 */
function farAhead(bookmark: string): string {
  const bytes = Buffer.from(bookmark.slice(3), "base64");
  expect(bytes.subarray(1, 3).toString("hex"), "a 16-byte database id first").toBe("cc10");
  const intAt = 19;
  const width = { 0xc8: 2, 0xc9: 3, 0xca: 5, 0xcb: 9 }[bytes[intAt]] ?? 1;
  return `FB:${Buffer.concat([bytes.subarray(0, intAt), Buffer.from([0xca, 0x0f, 0xff, 0xff, 0xff]), bytes.subarray(intAt + width)]).toString("base64")}`;
}

/** What a caller sees of an error (runtime/errors.ts maskError, as every subgraph answers it). */
const seen = (err: unknown) => maskError(err instanceof GraphQLError ? err.toJSON() : { message: String(err) }, err);

describe("bounded wait for a read-your-writes bookmark", () => {
  it("a real bookmark is reached and the read runs", async () => {
    const bookmark = await realBookmark();
    const { result } = await withBookmarks([bookmark], () => read({ op: "test" }, (tx) => tx.run<{ one: number }>({ cypher: "RETURN 1 AS one" })));
    expect(result).toEqual([{ one: 1 }]);
  });

  it("one far ahead is refused with BAD_USER_INPUT, not retryable, and no statement of the request runs", async () => {
    const forged = farAhead(await realBookmark());
    let ran = 0;
    const err = await withBookmarks([forged], () => read({ op: "test" }, async (tx) => (ran++, tx.run({ cypher: "RETURN 1" })))).catch((e: unknown) => e);
    expect(seen(err)).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "x-neo4j-bookmark" } });
    expect(seen(err).extensions).not.toHaveProperty("retryable");
    expect((err as Error).message).toMatch(/^x-neo4j-bookmark: not reached by the database within \d+ s/);
    expect(ran).toBe(0);
  });

  it("a request's sessions share one wait: its second read fails with the same answer, without waiting again", async () => {
    const forged = farAhead(await realBookmark());
    const errors: unknown[] = [];
    let ran = 0;
    await withBookmarks([forged], async () => {
      for (let i = 0; i < 3; i++) await read({ op: "test" }, async (tx) => (ran++, tx.run({ cypher: "RETURN 1" }))).catch((e: unknown) => errors.push(e));
    });
    expect(errors).toHaveLength(3);
    expect(new Set(errors).size, "one refusal, shared").toBe(1);
    expect(ran).toBe(0);
  });
});
