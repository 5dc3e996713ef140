import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { gql, startTestStack, token } from "./support/stack.js";

// Full-text search through the gateway: every kind is found by its words, ranked, filtered by
// kind, paged; whatever a person types never turns into a query-syntax error.
let stack: Stack;
let reader: string;
// One made-up word no other test uses, so hit counts are exact in a shared graph.
const w = `zq${Math.random().toString(36).slice(2, 10)}`;
const ids: Record<string, string> = {};

const call = (bearer: string | null, query: string, variables?: Record<string, unknown>) => gql(stack.gateway.url, bearer, query, variables);
const ok = async (bearer: string, query: string, variables?: Record<string, unknown>) => {
  const res = await call(bearer, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
};
const SEARCH = `query($t: String!, $k: [String!], $first: Int, $after: String) {
  search(text: $t, kinds: $k, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind label score } } }
}`;
const search = async (t: string, extra: Record<string, unknown> = {}) => (await ok(reader, SEARCH, { t, ...extra })).search;

beforeAll(async () => {
  stack = await startTestStack();
  const writer = await token("search-pipeline", "lineage:write lineage:read");
  const admin = await token("search-ops", "admin");
  reader = await token("search-reader", "lineage:read");
  const reg = async (bearer: string, name: string, input: string, i: Record<string, unknown>) =>
    (await ok(bearer, `mutation($i: ${input}!) { ${name}(input: $i) { id } }`, { i }))[name].id as string;
  ids.system = await reg(writer, "registerAISystem", "RegisterAISystemInput", { name: `${w} Screener`, version: "2", intendedPurpose: "ranks job applicants for interviews", providerName: "Acme", riskCategory: "HIGH", annexIIIArea: "EMPLOYMENT" });
  ids.purpose = await reg(writer, "registerAISystem", "RegisterAISystemInput", { name: "Shift planner", version: w, intendedPurpose: `plans shifts for the ${w} warehouse`, providerName: "Acme", riskCategory: "MINIMAL" });
  ids.model = await reg(writer, "registerModel", "RegisterModelInput", { systemId: ids.system, name: `${w} ranker` });
  ids.version = await reg(writer, "registerModelVersion", "RegisterModelVersionInput", { modelId: ids.model, version: `3.1.0-${w}`, artifactDigest: `sha256:${"b".repeat(64)}` });
  ids.dataset = await reg(writer, "registerDataset", "RegisterDatasetInput", { name: `${w}-applicants` });
  ids.datasetVersion = await reg(writer, "registerDatasetVersion", "RegisterDatasetVersionInput", { datasetId: ids.dataset, version: "2024.1", contentDigest: `sha256:${"c".repeat(64)}`, provenance: "exported from the HR system", containsPersonalData: true, jurisdiction: "DE" });
  ids.site = await reg(admin, "registerSite", "RegisterSiteInput", { name: `${w} Frankfurt`, country: "DE", sovereigntyZone: "EU", kind: "CLOUD" });
  ids.cluster = await reg(admin, "registerGpuCluster", "RegisterGpuClusterInput", { siteId: ids.site, name: "rack 7", gpuModel: `${w}plus accelerator`, gpuCount: 8 });
});
afterAll(() => stack?.stop());

describe("search", () => {
  it("finds every kind by name, version, purpose, dataset name and GPU model, ranked by name match, then score", async () => {
    const r = await search(w, { first: 100 });
    const hits = r.edges.map((e: any) => e.node);
    expect(r.totalCount).toBe(8);
    expect(Object.fromEntries(hits.map((h: any) => [h.id, h.kind]))).toEqual({
      [ids.system]: "AISystem", [ids.purpose]: "AISystem", [ids.model]: "Model", [ids.version]: "ModelVersion",
      [ids.dataset]: "Dataset", [ids.datasetVersion]: "DatasetVersion", [ids.site]: "Site", [ids.cluster]: "GpuCluster",
    });
    // Hits whose name starts with the word rank first (the name tiers), each group by score.
    const named = [ids.system, ids.model, ids.dataset, ids.datasetVersion, ids.site];
    expect(new Set(hits.slice(0, 5).map((h: any) => h.id))).toEqual(new Set(named));
    for (const group of [hits.slice(0, 5), hits.slice(5)]) {
      const scores = group.map((h: any) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    // The GPU model holds the word only as a prefix ("<w>plus"): every whole-word hit ranks above it.
    expect(hits.at(-1).id).toBe(ids.cluster);
    expect(hits.at(-1).score).toBeLessThan(hits.at(-2).score);
    expect(hits.find((h: any) => h.id === ids.datasetVersion).label).toBe(`${w}-applicants 2024.1`);
    expect(hits.find((h: any) => h.id === ids.version).label).toBe(`${w} ranker v3.1.0-${w}`);
  });

  it("every word must match, as a word or a prefix, in any case", async () => {
    expect((await search(`${w.toUpperCase()} screener`)).edges.map((e: any) => e.node.id)).toEqual([ids.system]);
    expect((await search(`warehouse ${w}`)).edges.map((e: any) => e.node.id)).toEqual([ids.purpose]);
    expect((await search(`${w.slice(0, -2)} frank`)).edges.map((e: any) => e.node.id)).toEqual([ids.site]);
    expect((await search(`${w} nosuchword`)).totalCount).toBe(0);
  });

  it("kinds narrows the hits", async () => {
    const r = await search(w, { k: ["DatasetVersion", "Site"] });
    expect(r.totalCount).toBe(2);
    expect(new Set(r.edges.map((e: any) => e.node.kind))).toEqual(new Set(["DatasetVersion", "Site"]));
  });

  it("pages through the ranking with cursors: every hit once, in the same order as one page", async () => {
    const all = (await search(w, { first: 100 })).edges.map((e: any) => e.node.id);
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await search(w, { first: 3, after });
      expect(r.totalCount).toBe(8);
      paged.push(...r.edges.map((e: any) => e.node.id));
      if (!r.pageInfo.hasNextPage) break;
      after = r.pageInfo.endCursor;
    }
    expect(paged).toEqual(all);
  });

  it("query syntax in the text is taken literally: never an error", async () => {
    const hostile = ['"', "\\", "AND", "OR NOT", "(", ")", "[a TO b]", "{a TO b}", "name:foo", "/re.*/", "*", "?", "~1", "^", "&&", "||", "!",
      "-", "+", 'a"b', `NOT ${w}`, `${w} AND`, `${w}~`, `${w}*`, `${w}^10`, `${w}\\`, `"${w}`, `${w}:`, "🙂", "a*b?c", "\u0000", "é"];
    for (const t of hostile) {
      const res = await call(reader, SEARCH, { t });
      expect(res.errors, JSON.stringify(t)).toBeUndefined();
      expect(res.data!.search.totalCount).toBeGreaterThanOrEqual(0);
    }
    // Operators are taken as text: the word itself is still found. (`<w>^10` is an identifier
    // with the parts <w> and 10, and no name has the part 10: it finds nothing, without error.)
    for (const t of [`${w}~`, `"${w}`, `${w}:`, `${w}^`]) expect((await search(t)).totalCount, t).toBeGreaterThan(0);
    // A literal star: no word starts with "<w>*", so only the whole-word hits remain (not "<w>plus").
    expect((await search(`${w}*`)).totalCount).toBe(7);
  });

  it("bad input is BAD_USER_INPUT naming the argument", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ t: "   " }, "text"],
      [{ t: "x".repeat(201) }, "text"],
      [{ t: "a b c d e f g h i j k" }, "text"],
      [{ t: w, k: ["Decision"] }, "kinds[0]"],
      [{ t: w, first: 0 }, "first"],
      [{ t: w, first: 101 }, "first"],
      [{ t: w, after: "bogus!" }, "after"],
      [{ t: w, after: Buffer.from('["2"]').toString("base64url") }, "after"],
    ];
    for (const [vars, field] of cases) {
      const res = await call(reader, SEARCH, vars);
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(vars)).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message.startsWith(`${field}:`)).toBe(true);
    }
  });

  it("needs a token with lineage:read", async () => {
    expect((await call(null, SEARCH, { t: w })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const res = await call(await token("search-approver", "approvals:decide"), SEARCH, { t: w });
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(res.data?.search ?? null).toBeNull();
  });
});
