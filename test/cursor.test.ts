import { describe, expect, it } from "vitest";
import { createdCursor, decodeCreatedCursor, decodeCursor, encodeCursor } from "../runtime/cursor.js";
import { firstArg, toConnection } from "../runtime/connection.js";

describe("cursor codec", () => {
  it("round-trips a sort key and is opaque (URL-safe, no separators a client could edit by hand)", () => {
    const key = ["2026-01-01T00:00:00.000Z", "sys_ab|c"];
    const c = encodeCursor(key);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain("2026");
    expect(decodeCursor(c, 2)).toEqual(key);
    expect(decodeCreatedCursor(createdCursor({ createdAt: key[0], id: key[1] }))).toEqual(key);
    expect(decodeCursor(encodeCursor([41]), 1)).toEqual([41]);
    expect(decodeCursor(null, 2)).toBeNull();
    expect(decodeCursor(undefined, 2)).toBeNull();
  });

  it("refuses anything it did not make, as BAD_USER_INPUT naming the argument", () => {
    const bad = [
      "", "not a cursor!", "x".repeat(600), Buffer.from("2026-01-01|sys_1").toString("base64url"), // the old "a|b" format
      encodeCursor(["only one"]), encodeCursor(["a", "b", "c"]), Buffer.from('{"a":1}').toString("base64url"),
      Buffer.from('["a", {"$gt": ""}]').toString("base64url"), Buffer.from("[1.5, 2]").toString("base64url"),
    ];
    for (const c of bad) {
      let err: any;
      try {
        decodeCursor(c, 2, "versions.after");
      } catch (e) {
        err = e;
      }
      expect(err?.extensions?.code, c).toBe("BAD_USER_INPUT");
      expect(err.message.startsWith("versions.after:")).toBe(true);
    }
  });
});

describe("connections", () => {
  it("first must be 1..100 (default 20)", () => {
    expect(firstArg(undefined)).toBe(20);
    expect(firstArg(null)).toBe(20);
    expect(firstArg(1)).toBe(1);
    expect(firstArg(100)).toBe(100);
    for (const n of [0, -1, 101, 1000]) expect(() => firstArg(n)).toThrow(/^first: must be between 1 and 100/);
  });

  it("one row beyond the page says another page follows; endCursor is the last edge's cursor", () => {
    const rows = [1, 2, 3].map((i) => ({ id: `n${i}`, createdAt: `2026-01-0${i}` }));
    const full = toConnection(rows, 2, 7, createdCursor);
    expect(full.edges.map((e) => e.node.id)).toEqual(["n1", "n2"]);
    expect(full.pageInfo).toEqual({ hasNextPage: true, endCursor: full.edges[1].cursor });
    expect(full.totalCount).toBe(7);
    const last = toConnection(rows.slice(0, 2), 2, 2, createdCursor);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], 5, 0, createdCursor).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
