import { describe, expect, it } from "vitest";
import { luceneQuery, searchKinds, SEARCH_KINDS } from "../subgraphs/compliance/search/query.js";

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return `${e.extensions?.code} ${e.message}`;
  }
  return "no error";
};

describe("search text to a Lucene query", () => {
  it("every word must match, as a boosted word or a prefix; lowercased so AND/OR/NOT stay words", () => {
    expect(luceneQuery("Hiring")).toBe("(hiring^2 OR hiring*)");
    expect(luceneQuery("  hiring   NOT  model ")).toBe("(hiring^2 OR hiring*) AND (not^2 OR not*) AND (model^2 OR model*)");
    expect(luceneQuery("a a A")).toBe("(a^2 OR a*)");
  });

  it("escapes every character the query parser gives a meaning to", () => {
    for (const c of '\\+-!():^[]"{}~*?|&/') expect(luceneQuery(`x${c}y`)).toBe(`(x\\${c}y^2 OR x\\${c}y*)`);
    expect(luceneQuery("name:v1.0 (rc)")).toBe("(name\\:v1.0^2 OR name\\:v1.0*) AND (\\(rc\\)^2 OR \\(rc\\)*)");
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
