import { describe, expect, it } from "vitest";
import { versionUuid } from "../subgraphs/datasets/openlineage/marquez.js";
import { instant, likeRegex, page, runStates } from "../subgraphs/datasets/openlineage/marquez-params.js";

const url = (q: string) => new URL(`http://gw/api/v1/x?${q}`);
const error = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return `${e.status} ${e.message}`;
  }
  return "no error";
};

describe("Marquez query parameters", () => {
  it("limit and offset: defaults, bounds, integers only", () => {
    expect(page(url(""))).toEqual({ limit: 100, offset: 0 });
    expect(page(url(""), 10)).toEqual({ limit: 10, offset: 0 });
    expect(page(url("limit=5&offset=20"))).toEqual({ limit: 5, offset: 20 });
    expect(error(() => page(url("limit=1001")))).toBe("400 limit: must be an integer from 0 to 1000");
    expect(error(() => page(url("offset=-1")))).toBe("400 offset: must be an integer from 0 to 100000");
    expect(error(() => page(url("limit=2.5")))).toMatch(/^400 limit/);
  });

  it("date-times are normalised to UTC ISO strings, as eventTime is stored", () => {
    expect(instant(url("after=2026-03-01T08:00:00%2B02:00"), "after", "")).toBe("2026-03-01T06:00:00.000Z");
    expect(instant(url(""), "after", "fallback")).toBe("fallback");
    expect(error(() => instant(url("before=soon"), "before", ""))).toMatch(/^400 before: must be an ISO-8601 date-time/);
  });

  it("lastRunStates: repeated or comma-separated, Marquez's states only", () => {
    expect(runStates(url(""))).toBeNull();
    expect(runStates(url("lastRunStates=FAILED&lastRunStates=completed,RUNNING"))).toEqual(["FAILED", "COMPLETED", "RUNNING"]);
    expect(error(() => runStates(url("lastRunStates=DONE")))).toMatch(/^400 lastRunStates: "DONE" is not one of NEW, RUNNING/);
  });

  it("search patterns: case-insensitive substring, % any run, _ one character, the rest literal", () => {
    const m = (q: string, name: string) => new RegExp(`^${likeRegex(q).replace("(?is)", "")}$`, "is").test(name);
    expect(m("ORDERS", "shop.public.raw_orders")).toBe(true);
    expect(m("raw%daily", "shop.raw_orders_daily")).toBe(true);
    expect(m("raw_orders", "shop.rawXorders")).toBe(true);
    expect(m("a.b", "axb")).toBe(false);
    expect(m("(x)", "f(x)")).toBe(true);
    expect(m("orders", "customers")).toBe(false);
  });

  it("version UUIDs are stable, distinct and RFC 9562 version 8", () => {
    const a = versionUuid("dsv_1");
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(versionUuid("dsv_1")).toBe(a);
    expect(versionUuid("dsv_2")).not.toBe(a);
  });
});
