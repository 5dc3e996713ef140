import { ApolloServer } from "@apollo/server";
import { buildSchema, parse, type DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";
import { useQueryLimits } from "../gateway/limits.js";
import { DocumentCache } from "../runtime/document-cache.js";
import { registry } from "../runtime/metrics.js";

/** This process's counter of lookups for `cache` with `result`, as /metrics shows it. */
async function lookups(cache: string, result: "hit" | "miss"): Promise<number> {
  const text = await registry.metrics();
  const m = text.match(new RegExp(`^lineage_document_cache_lookups_total\\{cache="${cache}",result="${result}"\\} (\\d+)$`, "m"));
  return m ? Number(m[1]) : 0;
}

const schema = buildSchema(`type Query { a: A } type A { b: A name: String }`);

/** The limits plugin's hooks this file calls, with only the parts of their payloads the plugin reads. */
interface LimitHooks {
  onParse(p: { params: { source: string }; setParsedDocument: (doc: DocumentNode) => void }): ((p: { result: unknown; replaceParseResult: (r: unknown) => void }) => void) | void;
  onSchemaChange(p: { schema: typeof schema }): void;
}
const limitsPlugin = (...args: Parameters<typeof useQueryLimits>) => useQueryLimits(...args) as unknown as LimitHooks;

/** One parse through the limits plugin's hooks, as the runtime's parser calls them: whether the text was parsed, and the result. */
function parseThrough(plugin: LimitHooks, text: string) {
  let result: unknown = null;
  const after = plugin.onParse({ params: { source: text }, setParsedDocument: (doc) => (result = doc) });
  const parsed = result === null;
  if (parsed) result = parse(text);
  if (after) after({ result, replaceParseResult: (r) => (result = r) });
  return { parsed, result };
}

describe("document caches", () => {
  it("are bounded (least recently used out first), count hits and misses, and size 0 keeps nothing", async () => {
    const cache = new DocumentCache<object>("d-basic", 2);
    const [x, y, z] = [{ x: 1 }, { y: 1 }, { z: 1 }];
    cache.store("x", x);
    cache.store("y", y);
    expect(cache.lookup("x")).toBe(x);
    cache.store("z", z);
    expect(await cache.get("y")).toBeUndefined();
    expect([cache.lookup("x"), cache.lookup("z")]).toEqual([x, z]);
    expect([await lookups("d-basic", "hit"), await lookups("d-basic", "miss")]).toEqual([3, 1]);
    const none = new DocumentCache<object>("d-none", 0);
    none.store("x", x);
    expect(none.lookup("x")).toBeUndefined();
  });

  it("at the gateway: a text that passed the parse-time limits is not parsed or measured again; one that failed is refused every time", async () => {
    const plugin = limitsPlugin({ maxDepth: 3 });
    plugin.onSchemaChange({ schema });
    const ok = "{ a { b { name } } }";
    const first = parseThrough(plugin, ok);
    const again = parseThrough(plugin, ok);
    expect(first.parsed).toBe(true);
    expect(again.parsed).toBe(false);
    expect(again.result).toBe(first.result);
    expect(await lookups("gateway", "hit")).toBe(1);

    const deep = "{ a { b { b { b { name } } } } }";
    for (let i = 0; i < 2; i++) {
      const r = parseThrough(plugin, deep);
      expect(r.parsed).toBe(true);
      expect((r.result as Error).message).toMatch(/depth exceeds the limit of 3/);
    }
    // A new schema empties it: the next request parses and measures again.
    plugin.onSchemaChange({ schema });
    expect(parseThrough(plugin, ok).parsed).toBe(true);
  });

  it("in a subgraph: Apollo Server keeps the documents that parsed and validated in it", async () => {
    const server = new ApolloServer({ schema, documentStore: new DocumentCache<DocumentNode>("d-apollo") });
    await server.start();
    try {
      for (let i = 0; i < 3; i++) {
        const res = await server.executeOperation({ query: "{ a { name } }" });
        expect(res.body.kind === "single" && res.body.singleResult.errors).toBeUndefined();
      }
      // An invalid document is not kept: it is validated (and refused) every time.
      for (let i = 0; i < 2; i++) {
        const res = await server.executeOperation({ query: "{ nope }" });
        expect(res.body.kind === "single" && res.body.singleResult.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      }
      expect([await lookups("d-apollo", "hit"), await lookups("d-apollo", "miss")]).toEqual([2, 3]);
    } finally {
      await server.stop();
    }
  });
});
