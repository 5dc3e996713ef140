import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

// Each test builds its graph through the API: generous on a loaded 2-core machine (no timing is asserted).
const SLOW = 240_000;

let stack: Stack;
let pipeline: string;
let ops: string;
let bob: string;
let frontend: string;

beforeAll(async () => {
  stack = await startTestStack();
  pipeline = await token("pipeline", "lineage:write lineage:read");
  ops = await token("ops", "admin");
  bob = await token("bob", "approvals:decide lineage:read");
  frontend = await token("frontend", "lineage:read");
});
afterAll(() => stack?.stop());

type Node = { id: string; kind: string; label: string; distance: number };
type Edge = { from: string; to: string; type: string; detail: string | null };
type Graph = { nodes: Node[]; edges: Edge[]; truncated: boolean };

const mutation = async (bearer: string, text: string, i: unknown) => Object.values(ok(await gql(stack.gateway.url, bearer, text, { i })))[0] as any;
const clockPast = async (ts: string) => {
  while (Date.now() <= Date.parse(ts) + 1) await new Promise((r) => setTimeout(r, 2));
};

const LINEAGE = `query($id: ID!, $direction: LineageDirection, $depth: Int, $asOf: DateTime) {
  lineage(id: $id, direction: $direction, depth: $depth, asOf: $asOf) { nodes { id kind label distance } edges { from to type detail } truncated }
}`;
const lineageRes = (id: string, vars: { direction?: string; depth?: number; asOf?: string } = {}) => gql<{ lineage: Graph }>(stack.gateway.url, frontend, LINEAGE, { id, ...vars });
const lineage = async (id: string, vars: { direction?: string; depth?: number; asOf?: string } = {}) => ok(await lineageRes(id, vars)).lineage;
const nodeIds = (g: Graph) => g.nodes.map((n) => n.id).sort();
const edgeKeys = (g: Graph) => g.edges.map((e) => `${e.from} -${e.type}-> ${e.to}`).sort();
const key = (from: string, type: string, to: string) => `${from} -${type}-> ${to}`;

async function dataset() {
  return mutation(pipeline, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { name: uniq("claims") });
}
async function version(datasetId: string, v: string, from: string[] = []): Promise<{ id: string; createdAt: string }> {
  return mutation(pipeline, `mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id createdAt } }`, {
    datasetId, version: v, contentDigest: `sha256:${"a".repeat(64)}`, provenance: "claims ledger", containsPersonalData: false, jurisdiction: "DE",
    derivedFrom: from.map((id) => ({ datasetVersionId: id, transformation: `filter ${v}` })),
  });
}
async function site(name = uniq("site")) {
  return mutation(ops, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { name, country: "DE", sovereigntyZone: "EU", kind: "ON_PREM" });
}
async function modelVersion(version = "1.0.0") {
  const sys = await mutation(pipeline, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    name: uniq("claims-triage"), version: "1", intendedPurpose: "route insurance claims", providerName: "Acme", riskCategory: "HIGH",
  });
  const model = await mutation(pipeline, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { systemId: sys.id, name: "router" });
  const mv = await mutation(pipeline, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { modelId: model.id, version, artifactDigest: `sha256:${"b".repeat(64)}` });
  return { systemId: sys.id as string, modelId: model.id as string, id: mv.id as string };
}
async function trainingRun(modelVersionId: string, datasetVersionIds: string[]) {
  return mutation(pipeline, `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id } }`, { modelVersionId, datasetVersionIds, startedAt: "2026-02-01T00:00:00Z" });
}
async function deployment(modelVersionId: string, siteId: string) {
  return mutation(pipeline, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { modelVersionId, siteId, environment: uniq("prod"), startedAt: "2026-02-10T00:00:00Z" });
}
async function decisions(modelVersionId: string, deploymentId: string | null, n: number): Promise<string[]> {
  const rows = Array.from({ length: n }, () => ({ id: uniq("dec"), modelVersionId, deploymentId, occurredAt: "2026-03-01T00:00:00Z", inputDigest: `sha256:${"f".repeat(64)}`, output: "ok" }));
  expect((await mutation(pipeline, `mutation($i: [DecisionInput!]!) { recordDecisions(decisions: $i) { accepted } }`, rows)).accepted).toBe(n);
  return rows.map((r) => r.id);
}
async function decide(subjectId: string, subjectType: string, decision = "APPROVED"): Promise<string> {
  return (await mutation(bob, `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id } }`, { subjectId, subjectType, decision, rationale: "reviewed" })).id;
}

describe("lineage through the gateway", { timeout: SLOW }, () => {
  it("truncates exactly at the depth limit on a derivation chain", async () => {
    const ds = await dataset();
    const v0 = await version(ds.id, "0");
    const v1 = await version(ds.id, "1", [v0.id]);
    const v2 = await version(ds.id, "2", [v1.id]);
    const v3 = await version(ds.id, "3", [v2.id]);

    const full = await lineage(v3.id, { depth: 3 });
    expect(full.truncated).toBe(false);
    expect(Object.fromEntries(full.nodes.map((n) => [n.id, n.distance]))).toEqual({ [v3.id]: 0, [v2.id]: 1, [ds.id]: 1, [v1.id]: 2, [v0.id]: 3 });
    expect(edgeKeys(full)).toEqual([
      key(v1.id, "DERIVED_FROM", v0.id), key(v2.id, "DERIVED_FROM", v1.id), key(v3.id, "DERIVED_FROM", v2.id),
      ...[v0, v1, v2, v3].map((v) => key(v.id, "VERSION_OF", ds.id)),
    ].sort());
    expect(full.edges.find((e) => e.from === v3.id && e.type === "DERIVED_FROM")!.detail).toBe("filter 3");
    const byDefault = await lineage(v3.id); // default depth 10 reaches everything too
    expect([nodeIds(byDefault), edgeKeys(byDefault), byDefault.truncated]).toEqual([nodeIds(full), edgeKeys(full), false]);

    const cut = await lineage(v3.id, { depth: 2 });
    expect(cut.truncated).toBe(true);
    expect(nodeIds(cut)).toEqual([v3.id, v2.id, v1.id, ds.id].sort());
    expect(cut.edges).toHaveLength(5); // v3->v2, v2->v1 and three VERSION_OF: nothing dangles
    expect(await lineage(v3.id, { depth: 0 })).toEqual({ nodes: [expect.objectContaining({ id: v3.id, distance: 0 })], edges: [], truncated: true });
    expect(await lineage(v0.id, { depth: 1, direction: "DOWNSTREAM" })).toMatchObject({ nodes: [{ id: v0.id }, { id: v1.id }], truncated: true });
  });

  it("keeps both paths of a diamond, truncating exactly below its longest distance", async () => {
    const ds = await dataset();
    const s = await version(ds.id, "s");
    const r = await version(ds.id, "r", [s.id]);
    const a = await version(ds.id, "a", [r.id]);
    const b = await version(ds.id, "b", [r.id]);
    const t = await version(ds.id, "t", [a.id, b.id]);

    const full = await lineage(t.id, { depth: 3 }); // s is 3 hops away on every path
    expect(full.truncated).toBe(false);
    expect(nodeIds(full)).toEqual([ds.id, s.id, r.id, a.id, b.id, t.id].sort());
    expect(edgeKeys(full)).toEqual(expect.arrayContaining([key(a.id, "DERIVED_FROM", r.id), key(b.id, "DERIVED_FROM", r.id), key(t.id, "DERIVED_FROM", a.id), key(t.id, "DERIVED_FROM", b.id)]));
    const cut = await lineage(t.id, { depth: 2 });
    expect(cut.truncated).toBe(true);
    expect(nodeIds(cut)).toEqual([ds.id, r.id, a.id, b.id, t.id].sort());
    expect(edgeKeys(cut)).toEqual(expect.arrayContaining([key(a.id, "DERIVED_FROM", r.id), key(b.id, "DERIVED_FROM", r.id)]));
    expect(cut.nodes.find((n) => n.id === r.id)!.distance).toBe(2);

    // Two paths of different length from a model version to the same dataset version: both present.
    const mv = await modelVersion();
    const run = await trainingRun(mv.id, [t.id, r.id]);
    const g = await lineage(mv.id);
    expect(edgeKeys(g)).toEqual(expect.arrayContaining([key(run.id, "USED", r.id), key(run.id, "USED", t.id), key(a.id, "DERIVED_FROM", r.id), key(b.id, "DERIVED_FROM", r.id)]));
    expect(g.edges.find((e) => e.from === run.id && e.to === r.id)!.detail).toBe("TRAINING");
  });

  it("shows the graph as it was: nodes and derivations created after asOf are absent", async () => {
    const ds = await dataset();
    const v1 = await version(ds.id, "1");
    await clockPast(v1.createdAt);
    const v2 = await version(ds.id, "2", [v1.id]);
    expect(v2.createdAt > v1.createdAt).toBe(true);

    const before = await lineage(v1.id, { direction: "DOWNSTREAM", asOf: v1.createdAt });
    expect(before).toEqual({ nodes: [expect.objectContaining({ id: v1.id })], edges: [], truncated: false });
    expect(await lineage(v2.id, { asOf: v1.createdAt })).toEqual({ nodes: [], edges: [], truncated: false });
    const now = await lineage(v1.id, { direction: "DOWNSTREAM", asOf: v2.createdAt });
    expect(edgeKeys(now)).toEqual([key(v2.id, "DERIVED_FROM", v1.id)]);
    expect(edgeKeys(await lineage(v2.id, { asOf: "2099-01-01T00:00:00+02:00" }))).toEqual([key(v1.id, "VERSION_OF", ds.id), key(v2.id, "DERIVED_FROM", v1.id), key(v2.id, "VERSION_OF", ds.id)].sort());
  });

  it("walks up from a decision and down from a dataset version, with kinds and labels to draw", async () => {
    const ds = await dataset();
    const raw = await version(ds.id, "raw");
    const clean = await version(ds.id, "clean", [raw.id]);
    const mv = await modelVersion("3.2.1");
    const run = await trainingRun(mv.id, [clean.id]);
    const st = await site();
    const dep = await deployment(mv.id, st.id);
    const approval = await decide(mv.id, "MODEL_VERSION");
    const [decisionId] = await decisions(mv.id, dep.id, 1);

    const up = await lineage(decisionId);
    expect(up.truncated).toBe(false);
    expect(edgeKeys(up)).toEqual(expect.arrayContaining([
      key(decisionId, "MADE_BY", mv.id), key(decisionId, "AT_DEPLOYMENT", dep.id), key(dep.id, "DEPLOYS", mv.id), key(dep.id, "AT_SITE", st.id),
      key(mv.id, "TRAINED_BY", run.id), key(run.id, "USED", clean.id), key(clean.id, "DERIVED_FROM", raw.id), key(mv.id, "VERSION_OF", mv.modelId), key(mv.modelId, "PART_OF", mv.systemId),
    ]));
    const kinds = Object.fromEntries(up.nodes.map((n) => [n.id, n.kind]));
    expect(kinds).toMatchObject({ [decisionId]: "Decision", [mv.id]: "ModelVersion", [dep.id]: "Deployment", [st.id]: "Site", [run.id]: "TrainingRun", [raw.id]: "DatasetVersion", [ds.id]: "Dataset", [mv.systemId]: "AISystem" });
    for (const n of up.nodes) {
      expect(n.kind.length, n.id).toBeGreaterThan(0);
      expect(n.label.trim().length, n.id).toBeGreaterThan(0);
    }
    expect(up.nodes.find((n) => n.id === mv.id)!.label).toBe("router v3.2.1");
    expect(up.nodes.find((n) => n.id === decisionId)).toMatchObject({ distance: 0, label: "decision 2026-03-01T00:00:00.000Z" });
    expect(kinds[approval]).toBeUndefined(); // approvals depend on the model version: downstream, not upstream

    const review = await mutation(pipeline, `mutation($i: RecordDecisionReviewInput!) { recordDecisionReview(input: $i) { id } }`, { decisionId, outcome: "CONFIRMED", note: "checked" });
    expect(await lineage(decisionId, { direction: "DOWNSTREAM" })).toMatchObject({ nodes: [{ id: decisionId }, { id: review.id, kind: "DecisionReview" }], edges: [{ from: review.id, to: decisionId, type: "REVIEWS" }] });

    const down = await lineage(raw.id, { direction: "DOWNSTREAM" });
    expect(edgeKeys(down)).toEqual([key(approval, "APPROVES", mv.id), key(clean.id, "DERIVED_FROM", raw.id), key(dep.id, "DEPLOYS", mv.id), key(mv.id, "TRAINED_BY", run.id), key(run.id, "USED", clean.id)].sort());
    expect(new Set(down.nodes.map((n) => n.kind))).toEqual(new Set(["DatasetVersion", "TrainingRun", "ModelVersion", "Deployment", "Approval"]));
    expect(down.nodes.find((n) => n.id === approval)!.label).toBe("APPROVED by bob");

    // BOTH = the upstream walk and the downstream walk, not everything connected to what they reach.
    const both = await lineage(mv.id, { direction: "BOTH", depth: 1 });
    expect(nodeIds(both)).toEqual([mv.id, mv.modelId, run.id, dep.id, approval].sort());
    expect(both.truncated).toBe(true);
  });

  it("refuses a depth beyond the documented maximum, and an unknown id", async () => {
    for (const depth of [51, -1]) {
      const res = await lineageRes("anything", { depth });
      expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0].message).toMatch(/^depth: must be between 0 and 50/);
    }
    const ds = await dataset();
    expect((await lineage(ds.id, { depth: 50 })).nodes).toHaveLength(1);
    const missing = await lineageRes("no-such-node");
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });
});

const IMPACT = `query($id: ID!) { impact(datasetVersionId: $id) {
  datasetVersions { id version } trainingRuns { id } modelVersions { id version } deployments { id environment }
  decisionCount decisionsBySite { site { id country } decisionCount } approvals { id decision subjectId }
} }`;

describe("impact through the gateway", { timeout: SLOW }, () => {
  it("finds everything downstream of a shared upstream dataset version", async () => {
    const ds = await dataset();
    const shared = await version(ds.id, "shared");
    const a = await version(ds.id, "a", [shared.id]);
    const b = await version(ds.id, "b", [shared.id]);
    const mv1 = await modelVersion("1.0.0");
    const mv2 = await modelVersion("2.0.0");
    const run1 = await trainingRun(mv1.id, [a.id]);
    const run2 = await trainingRun(mv2.id, [b.id, shared.id]);
    const [site1, site2] = [await site(), await site()];
    const dep1 = await deployment(mv1.id, site1.id);
    const dep2 = await deployment(mv2.id, site2.id);
    await decisions(mv1.id, dep1.id, 3);
    await decisions(mv2.id, dep2.id, 2);
    await decisions(mv2.id, null, 1);
    const inForce = [await decide(shared.id, "DATASET_VERSION"), await decide(a.id, "DATASET_VERSION"), await decide(mv1.id, "MODEL_VERSION"), await decide(dep1.id, "DEPLOYMENT")];
    await decide(mv2.id, "MODEL_VERSION");
    await decide(mv2.id, "MODEL_VERSION", "REVOKED");

    const r = ok(await gql(stack.gateway.url, frontend, IMPACT, { id: shared.id })).impact;
    const sorted = <T extends { id: string }>(l: T[]) => [...l].sort((x, y) => x.id.localeCompare(y.id));
    expect(sorted(r.datasetVersions)).toEqual(sorted([{ id: a.id, version: "a" }, { id: b.id, version: "b" }]));
    expect(sorted(r.trainingRuns)).toEqual(sorted([{ id: run1.id }, { id: run2.id }]));
    expect(sorted(r.modelVersions)).toEqual(sorted([{ id: mv1.id, version: "1.0.0" }, { id: mv2.id, version: "2.0.0" }]));
    expect(r.deployments.map((d: { id: string }) => d.id).sort()).toEqual([dep1.id, dep2.id].sort());
    expect(r.decisionCount).toBe(6);
    const bySite = Object.fromEntries(r.decisionsBySite.map((s: { site: { id: string } | null; decisionCount: number }) => [s.site?.id ?? "none", s.decisionCount]));
    expect(bySite).toEqual({ [site1.id]: 3, [site2.id]: 2, none: 1 });
    expect(r.decisionsBySite.find((s: { site: unknown }) => s.site)!.site.country).toBe("DE");
    // Approvals in force now that rest on the data; mv2's was revoked.
    expect(r.approvals.map((x: { id: string }) => x.id).sort()).toEqual([...inForce].sort());
    expect(r.approvals.every((x: { decision: string }) => x.decision === "APPROVED")).toBe(true);

    const onlyA = ok(await gql(stack.gateway.url, frontend, IMPACT, { id: a.id })).impact;
    expect(onlyA).toMatchObject({ datasetVersions: [], trainingRuns: [{ id: run1.id }], modelVersions: [{ id: mv1.id }], deployments: [{ id: dep1.id }], decisionCount: 3 });
    expect(onlyA.approvals.map((x: { id: string }) => x.id).sort()).toEqual([inForce[1], inForce[2], inForce[3]].sort());
  });

  it("answers NOT_FOUND for an unknown dataset version", async () => {
    const res = await gql(stack.gateway.url, frontend, IMPACT, { id: "dsv-does-not-exist" });
    expect(res.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(res.errors?.[0].message).toContain("dsv-does-not-exist");
  });
});
