import { describe, expect, it } from "vitest";
import { luceneQuery, nameTiers, searchKinds, SEARCH_KINDS } from "../subgraphs/compliance/search/query.js";

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return `${e.extensions?.code} ${e.message}`;
  }
  return "no error";
};

describe("search text to a Lucene query", () => {
  it("every word must match: as the analysed phrase (boosted), a prefix, inside a token, one edit away; lowercased so AND/OR/NOT stay words", () => {
    expect(luceneQuery("Orders")).toBe('("orders"^4 OR orders*^2 OR *orders* OR orders~1)');
    expect(luceneQuery("  raw  NOT  ab ")).toBe('("raw"^4 OR raw*^2 OR *raw*) AND ("not"^4 OR not*^2 OR *not*) AND ("ab"^4 OR ab*^2)');
    expect(luceneQuery("a a A")).toBe('("a"^4 OR a*^2)');
  });

  it("a word of several parts (split at non-alphanumerics) matches when every part is inside some token", () => {
    expect(luceneQuery("raw_orders")).toBe('("raw_orders"^4 OR raw_orders*^2 OR (*raw* AND *orders*) OR raw_orders~1)');
    expect(luceneQuery("s3://b/p")).toBe('("s3://b/p"^4 OR s3\\:\\/\\/b\\/p*^2 OR (*s3* AND *b* AND *p*) OR s3\\:\\/\\/b\\/p~1)');
  });

  it("escapes every character the query parser gives a meaning to; a phrase escapes only quote and backslash", () => {
    for (const c of '+-!():^[]{}~*?|&/') expect(luceneQuery(`x${c}y`)).toBe(`("x${c}y"^4 OR x\\${c}y*^2 OR (*x* AND *y*))`);
    expect(luceneQuery('x"y')).toBe('("x\\"y"^4 OR x\\"y*^2 OR (*x* AND *y*))');
    expect(luceneQuery("x\\y")).toBe('("x\\\\y"^4 OR x\\\\y*^2 OR (*x* AND *y*))');
    expect(luceneQuery("name:v1.0 (rc)")).toBe('("name:v1.0"^4 OR name\\:v1.0*^2 OR (*name* AND *v1* AND *0*) OR name\\:v1.0~1) AND ("(rc)"^4 OR \\(rc\\)*^2 OR *\\(rc\\)* OR \\(rc\\)~1)');
  });

  it("bounds the text: empty, over 200 characters or over 10 words is BAD_USER_INPUT", () => {
    expect(code(() => luceneQuery(" \t "))).toBe("BAD_USER_INPUT text: must not be empty");
    expect(code(() => luceneQuery("x".repeat(201)))).toBe("BAD_USER_INPUT text: must be at most 200 characters");
    expect(code(() => luceneQuery("x".repeat(200)))).toBe("no error");
    expect(code(() => luceneQuery("a b c d e f g h i j k"))).toBe("BAD_USER_INPUT text: must be at most 10 words");
  });
});

describe("search kinds", () => {
  it("defaults to all; keeps the index's order; refuses a kind search does not cover", () => {
    expect(searchKinds(null)).toEqual([...SEARCH_KINDS]);
    expect(searchKinds([])).toEqual([...SEARCH_KINDS]);
    expect(searchKinds(["Run", "AISystem"])).toEqual(["AISystem", "Run"]);
    expect(code(() => searchKinds(["Site", "Incident"]))).toMatch(/^BAD_USER_INPUT kinds\[1\]: "Incident" is not a kind search finds/);
  });
});

describe("name tiers of the ranking (the same regexes run in Cypher, Java's regex dialect)", () => {
  const tier = (text: string, name: string) => {
    const t = nameTiers(text);
    return ["exact", "prefix", "part"].findIndex((k) => new RegExp(`^(?:${t[k as keyof typeof t]})$`).test(name)) + 1 || 4;
  };
  it("exact: the name or one segment between . / : equals the text, in any case", () => {
    expect(tier("stg_customers", "postgres.public.stg_customers")).toBe(1);
    expect(tier("ORDERS", "orders")).toBe(1);
    expect(tier("bucket", "s3://bucket/path/part")).toBe(1);
    expect(tier("public.stg_customers", "postgres.public.stg_customers")).toBe(1);
  });
  it("prefix: the name or a segment starts with the text", () => {
    expect(tier("customer_totals", "shop.customer_totals_x")).toBe(2);
    expect(tier("shop.cust", "shop.customer_totals_x")).toBe(2);
    expect(tier("orders", "prod.orders.created-v2")).toBe(1);
    expect(tier("created", "prod.orders.created-v2")).toBe(2);
  });
  it("part: the text starts after _ - . / : or a space, or at a camelCase hump", () => {
    expect(tier("orders", "shop.raw_orders_x")).toBe(3);
    expect(tier("raw_orders", "warehouse.shop.fct_raw_orders")).toBe(3);
    expect(tier("totals", "customerTotalsDaily")).toBe(3);
    expect(tier("v2", "prod.orders.created-v2")).toBe(3);
  });
  it("other: inside a word, or not in the name", () => {
    expect(tier("orders", "shop.preorders")).toBe(4);
    expect(tier("otals", "customerTotals")).toBe(4);
    expect(tier("orders", "churn model")).toBe(4);
  });
  it("regex metacharacters in the text are literal", () => {
    expect(tier("a.b", "axb")).toBe(4);
    expect(tier("(x)*", "(x)*")).toBe(1);
    expect(tier("[a-z]+", "q")).toBe(4);
  });
});
