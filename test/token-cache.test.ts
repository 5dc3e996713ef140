import { describe, expect, it } from "vitest";
import { TokenCache } from "../runtime/auth/token-cache.js";
import { registry } from "../runtime/metrics.js";

const inSeconds = (s: number) => Date.now() / 1000 + s;
/** This process's counter of lookups for `cache` with `result`, as /metrics shows it. */
async function lookups(cache: string, result: "hit" | "miss"): Promise<number> {
  const text = await registry.metrics();
  const m = text.match(new RegExp(`^lineage_token_cache_lookups_total\\{cache="${cache}",result="${result}"\\} (\\d+)$`, "m"));
  return m ? Number(m[1]) : 0;
}

describe("verified-token cache", () => {
  it("answers a token it verified, counts hits and misses, and never keeps the token itself", async () => {
    const cache = new TokenCache<{ sub: string }>("t-basic", 10);
    expect(cache.get("a.b.c")).toBeUndefined();
    cache.set("a.b.c", { sub: "alice" }, inSeconds(60));
    expect(cache.get("a.b.c")).toEqual({ sub: "alice" });
    expect(cache.get("a.b.x")).toBeUndefined();
    expect([await lookups("t-basic", "hit"), await lookups("t-basic", "miss")]).toEqual([1, 2]);
    expect(JSON.stringify([...(cache as unknown as { lru: Map<string, unknown> }).lru.keys()])).not.toContain("a.b.c");
  });

  it("forgets a token when its exp passes, and never stores one already expired", async () => {
    const cache = new TokenCache<string>("t-exp", 10);
    const exp = inSeconds(0.3);
    cache.set("short", "v", exp);
    expect(cache.get("short")).toBe("v");
    while (Date.now() <= exp * 1000) await new Promise((r) => setTimeout(r, 20));
    expect(cache.get("short")).toBeUndefined();
    cache.set("stale", "v", inSeconds(-1));
    expect(cache.get("stale")).toBeUndefined();
  });

  it("is bounded (least recently used out first), clears on key rotation, and size 0 caches nothing", () => {
    const cache = new TokenCache<number>("t-bound", 2);
    cache.set("one", 1, inSeconds(60));
    cache.set("two", 2, inSeconds(60));
    expect(cache.get("one")).toBe(1); // "two" is now the least recently used
    cache.set("three", 3, inSeconds(60));
    expect([cache.get("one"), cache.get("two"), cache.get("three")]).toEqual([1, undefined, 3]);
    cache.clear();
    expect(cache.get("one")).toBeUndefined();
    const off = new TokenCache<number>("t-off", 0);
    off.set("one", 1, inSeconds(60));
    expect(off.get("one")).toBeUndefined();
  });
});
