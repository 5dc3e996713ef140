import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

// Browse connections through the gateway: filters, stable (createdAt, id) order across pages,
// totalCount, bad input. The run's graph holds other tests' data too, so every expectation is
// scoped by this file's unique names or ids.
let stack: Stack;
let writer: string;
let admin: string;
let reader: string;
const tag = uniq("browse");
const ids: Record<string, string> = {};

const call = (bearer: string | null, query: string, variables?: Record<string, unknown>) => gql(stack.gateway.url, bearer, query, variables);
const ok = async (bearer: string, query: string, variables?: Record<string, unknown>) => {
  const res = await call(bearer, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
};
const mutation = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { id } }`;
const hex = (i: number) => `sha256:${i.toString(16).padStart(64, "0")}`;

beforeAll(async () => {
  stack = await startTestStack();
  writer = await token("browse-pipeline", "lineage:write lineage:read");
  admin = await token("browse-ops", "admin");
  reader = await token("browse-reader", "lineage:read");
  const reg = async (bearer: string, name: string, input: string, i: Record<string, unknown>) => (await ok(bearer, mutation(name, input), { i }))[name].id as string;
  for (const [key, risk, area] of [["hiring", "HIGH", "EMPLOYMENT"], ["chat", "LIMITED", null], ["exam", "HIGH", "EDUCATION"]] as const) {
    ids[key] = await reg(writer, "registerAISystem", "RegisterAISystemInput", { name: `${tag} ${key}`, version: "1", intendedPurpose: `${key} purpose`, providerName: "Acme", riskCategory: risk, annexIIIArea: area });
  }
  for (let i = 0; i < 5; i++) ids[`model${i}`] = await reg(writer, "registerModel", "RegisterModelInput", { systemId: ids.hiring, name: `${tag}-m${i}` });
  ids.siteDE = await reg(admin, "registerSite", "RegisterSiteInput", { name: `${tag} frankfurt`, country: "DE", sovereigntyZone: "EU", kind: "CLOUD" });
  ids.siteUS = await reg(admin, "registerSite", "RegisterSiteInput", { name: `${tag} virginia`, country: "US", kind: "CLOUD" });
  for (let i = 0; i < 3; i++) ids[`cluster${i}`] = await reg(admin, "registerGpuCluster", "RegisterGpuClusterInput", { siteId: ids.siteDE, name: `${tag}-c${i}`, gpuModel: "NVIDIA H100", gpuCount: 8 });
  ids.mv = await reg(writer, "registerModelVersion", "RegisterModelVersionInput", { modelId: ids.model0, version: "1.0.0", artifactDigest: hex(1) });
  const deploy = (siteId: string, environment: string, startedAt: string) =>
    reg(writer, "recordDeployment", "RecordDeploymentInput", { modelVersionId: ids.mv, siteId, environment, startedAt });
  ids.depLive = await deploy(ids.siteDE, "production", "2026-01-01T00:00:00Z");
  ids.depUS = await deploy(ids.siteUS, "production", "2026-02-01T00:00:00Z");
  ids.depLater = await deploy(ids.siteDE, "canary", "2999-01-01T00:00:00Z");
  const dataset = (name: string) => reg(writer, "registerDataset", "RegisterDatasetInput", { name: `${tag}-${name}` });
  const version = (datasetId: string, v: string, personal: boolean) =>
    reg(writer, "registerDatasetVersion", "RegisterDatasetVersionInput", { datasetId, version: v, contentDigest: hex(7), provenance: "HR export", containsPersonalData: personal, jurisdiction: "DE" });
  [ids.dsPersonal, ids.dsPlain, ids.dsEmpty] = [await dataset("applicants"), await dataset("postings"), await dataset("planned")];
  await version(ids.dsPersonal, "1", false);
  await version(ids.dsPersonal, "2", true);
  await version(ids.dsPlain, "1", false);
});
afterAll(() => stack?.stop());

/** Walks a connection page by page; checks each page's shape and returns the node ids in order. */
async function walk(field: string, args: string, vars: Record<string, unknown>, first: number): Promise<{ ids: string[]; totals: number[]; pages: number }> {
  const q = `query($first: Int, $after: String${vars.$decl ?? ""}) { ${field}(first: $first, after: $after${args}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;
  const { $decl: _decl, ...variables } = vars;
  const seen: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const c: any = (await ok(reader, q, { ...variables, first, after }))[field];
    pages++;
    totals.push(c.totalCount);
    expect(c.edges.length).toBeLessThanOrEqual(first);
    seen.push(...c.edges.map((e: any) => e.node.id));
    expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  return { ids: seen, totals, pages };
}

describe("browse connections", () => {
  it("aiSystems: filters by risk category, Annex III area and name, pages in a stable order with totalCount", async () => {
    const byName = await walk("aiSystems", ", filter: {nameContains: $name}", { $decl: ", $name: String", name: tag.toUpperCase() }, 2);
    expect(byName.ids).toEqual([ids.hiring, ids.chat, ids.exam]); // creation order
    expect(byName.totals).toEqual([3, 3]);
    expect(byName.pages).toBe(2);
    const high = await walk("aiSystems", ", filter: {nameContains: $name, riskCategory: HIGH}", { $decl: ", $name: String", name: tag }, 1);
    expect(high.ids).toEqual([ids.hiring, ids.exam]);
    const edu = await walk("aiSystems", ", filter: {nameContains: $name, annexIIIArea: EDUCATION}", { $decl: ", $name: String", name: tag }, 20);
    expect(edu.ids).toEqual([ids.exam]);
    const node = (await ok(reader, `query($n: String) { aiSystems(filter: {nameContains: $n}, first: 1) { edges { node { name riskCategory models { name } } } } }`, { n: `${tag} hiring` })).aiSystems.edges[0].node;
    expect(node).toEqual({ name: `${tag} hiring`, riskCategory: "HIGH", models: Array.from({ length: 5 }, (_, i) => ({ name: `${tag}-m${i}` })) });
  });

  it("aiSystems unfiltered: every system exactly once across pages, in (createdAt, id) order", async () => {
    // Other files register systems in the same graph meanwhile: one created during the walk joins
    // its end or is already behind the cursor, so the walk holds at least the first page's total
    // and at most the last page's, each once.
    const all = await walk("aiSystems", "", {}, 7);
    expect(new Set(all.ids).size).toBe(all.ids.length);
    expect(all.ids.length).toBeGreaterThanOrEqual(all.totals[0]);
    expect(all.ids.length).toBeLessThanOrEqual(all.totals.at(-1)!);
    const rows = (await ok(reader, `query { aiSystems(first: 100) { edges { node { id createdAt } } } }`)).aiSystems.edges.map((e: any) => e.node);
    const sorted = [...rows].sort((a: any, b: any) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
    expect(rows).toEqual(sorted);
    const n = Math.min(rows.length, all.ids.length);
    expect(all.ids.slice(0, n)).toEqual(rows.slice(0, n).map((r: any) => r.id));
  });

  it("models of one system, deployments by model version, site and activity", async () => {
    const models = await walk("models", ", systemId: $s", { $decl: ", $s: ID", s: ids.hiring }, 2);
    expect(models.ids).toEqual([0, 1, 2, 3, 4].map((i) => ids[`model${i}`]));
    expect(models.totals).toEqual([5, 5, 5]);
    const deps = (filter: string) =>
      walk("deployments", `, filter: {modelVersionId: $mv${filter}}`, filter.includes("$site") ? { $decl: ", $mv: ID, $site: ID", mv: ids.mv, site: ids.siteDE } : { $decl: ", $mv: ID", mv: ids.mv }, 10);
    expect((await deps("")).ids).toEqual([ids.depLive, ids.depUS, ids.depLater]);
    expect((await deps(", siteId: $site")).ids).toEqual([ids.depLive, ids.depLater]);
    expect((await deps(", active: true")).ids).toEqual([ids.depLive, ids.depUS]);
    expect((await deps(", active: false")).ids).toEqual([ids.depLater]); // not started yet
    const d = (await ok(reader, `query($mv: ID) { deployments(filter: {modelVersionId: $mv}, first: 1) { edges { node { environment site { country } modelVersion { version } } } } }`, { mv: ids.mv })).deployments.edges[0].node;
    expect(d).toEqual({ environment: "production", site: { country: "DE" }, modelVersion: { version: "1.0.0" } });
  });

  it("datasets by name and personal data (a dataset with no version matches neither true nor false)", async () => {
    const ds = (filter: string) => walk("datasets", `, filter: {nameContains: $n${filter}}`, { $decl: ", $n: String", n: tag }, 2);
    expect((await ds("")).ids).toEqual([ids.dsPersonal, ids.dsPlain, ids.dsEmpty]);
    expect((await ds(", containsPersonalData: true")).ids).toEqual([ids.dsPersonal]);
    expect((await ds(", containsPersonalData: false")).ids).toEqual([ids.dsPlain]);
  });

  it("sites by country and sovereignty zone; GPU clusters of a site, with their site", async () => {
    const mine = (r: { ids: string[] }) => r.ids.filter((id) => id === ids.siteDE || id === ids.siteUS);
    expect(mine(await walk("sites", ", filter: {country: \"DE\"}", {}, 100))).toEqual([ids.siteDE]);
    expect(mine(await walk("sites", ", filter: {sovereigntyZone: \"EU\"}", {}, 100))).toEqual([ids.siteDE]);
    const clusters = await walk("gpuClusters", ", siteId: $s", { $decl: ", $s: ID", s: ids.siteDE }, 2);
    expect(clusters.ids).toEqual([ids.cluster0, ids.cluster1, ids.cluster2]);
    const c = (await ok(reader, `query($s: ID) { gpuClusters(siteId: $s, first: 1) { totalCount edges { node { name site { name } } } } }`, { s: ids.siteDE })).gpuClusters;
    expect(c).toEqual({ totalCount: 3, edges: [{ node: { name: `${tag}-c0`, site: { name: `${tag} frankfurt` } } }] });
  });
});

describe("browse: bad input and access", () => {
  const LISTS = ["aiSystems", "models", "deployments", "datasets", "sites", "gpuClusters"];

  it("first outside 1..100 and a foreign or tampered cursor are BAD_USER_INPUT naming the argument", async () => {
    const forged = Buffer.from('["x"]').toString("base64url");
    for (const field of LISTS) {
      for (const [args, arg] of [["first: 0", "first"], ["first: 101", "first"], ["first: -1", "first"], ['after: "not a cursor!"', "after"], [`after: "${forged}"`, "after"]]) {
        const res = await call(reader, `{ ${field}(${args}) { totalCount } }`);
        expect(res.errors?.[0]?.extensions?.code, `${field}(${args})`).toBe("BAD_USER_INPUT");
        expect(res.errors?.[0]?.message).toMatch(new RegExp(`^${arg}:`));
      }
    }
    const country = await call(reader, `{ sites(filter: {country: "XX"}) { totalCount } }`);
    expect(country.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("needs a token, and lineage:read", async () => {
    const noScope = await token("browse-approver", "approvals:decide");
    for (const field of LISTS) {
      expect((await call(null, `{ ${field} { totalCount } }`)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      const res = await call(noScope, `{ ${field} { totalCount } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(res.data?.[field] ?? null).toBeNull();
    }
  });
});
