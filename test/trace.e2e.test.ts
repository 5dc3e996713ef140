import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../runtime/db.js";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

// The pipeline registers lineage, Bob approves (four-eyes), the auditor reads traces.
// Each test builds its graph through the API: generous on a loaded 2-core machine (no timing is asserted).
const SLOW = 240_000;

let stack: Stack;
let pipeline: string;
let ops: string;
let bob: string;
let auditor: string;

beforeAll(async () => {
  stack = await startTestStack();
  pipeline = await token("pipeline", "lineage:write lineage:read");
  ops = await token("ops", "admin");
  bob = await token("bob", "approvals:decide lineage:read");
  auditor = await token("auditor", "lineage:read");
});
afterAll(() => stack?.stop());

/** Runs a one-field mutation with `$i` and returns that field. */
const mutation = async (bearer: string, text: string, i: unknown) => Object.values(ok(await gql(stack.gateway.url, bearer, text, { i })))[0] as any;
const after = (ts: string, ms = 1) => new Date(Date.parse(ts) + ms).toISOString();
/** Waits until the clock has passed `ts`, so the next server timestamp is later than it. */
const clockPast = async (ts: string) => {
  while (Date.now() <= Date.parse(ts) + 1) await new Promise((r) => setTimeout(r, 2));
};

async function site(country: string, sovereigntyZone: string | null) {
  return mutation(ops, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { name: uniq("site"), country, sovereigntyZone, kind: "CLOUD" });
}
/** A cluster at the site and an 8-GPU, 2-hour allocation on it (16 GPU-hours). */
async function allocation(siteId: string) {
  const cluster = await mutation(ops, `mutation($i: RegisterGpuClusterInput!) { registerGpuCluster(input: $i) { id } }`, { siteId, name: uniq("cluster"), gpuModel: "H100", gpuCount: 64 });
  return mutation(pipeline, `mutation($i: RecordComputeAllocationInput!) { recordComputeAllocation(input: $i) { id } }`, {
    clusterId: cluster.id, gpuCount: 8, startedAt: "2026-01-10T08:00:00Z", endedAt: "2026-01-10T10:00:00Z",
  });
}
async function datasetVersion(datasetId: string, version: string, extra: Record<string, unknown> = {}) {
  return mutation(pipeline, `mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id createdAt } }`, {
    datasetId, version, contentDigest: `sha256:${"c".repeat(64)}`, provenance: `export ${version}`, legalBasis: "GDPR Art. 6(1)(b)",
    containsPersonalData: false, jurisdiction: "DE", ...extra,
  });
}
async function modelVersion() {
  const sys = await mutation(pipeline, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    name: uniq("credit"), version: "1", intendedPurpose: "score loan applications", providerName: "Acme", riskCategory: "HIGH",
  });
  const model = await mutation(pipeline, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { systemId: sys.id, name: "scorer" });
  return mutation(pipeline, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { modelId: model.id, version: "2.1.0", artifactDigest: `sha256:${"d".repeat(64)}` });
}
async function trainingRun(modelVersionId: string, datasetVersionIds: string[], computeAllocationIds: string[]) {
  return mutation(pipeline, `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id } }`, { modelVersionId, datasetVersionIds, computeAllocationIds, startedAt: "2026-01-10T08:00:00Z" });
}
async function decideOn(subjectId: string, subjectType: string, decision = "APPROVED"): Promise<{ id: string; decidedAt: string }> {
  return mutation(bob, `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id decidedAt } }`, { subjectId, subjectType, decision, rationale: `reviewed ${decision}` });
}
async function decision(modelVersionId: string, occurredAt: string, deploymentId: string | null = null): Promise<string> {
  const id = uniq("decision");
  const res = await mutation(pipeline, `mutation($i: [DecisionInput!]!) { recordDecisions(decisions: $i) { accepted } }`, [
    { id, modelVersionId, deploymentId, occurredAt, inputDigest: `sha256:${"e".repeat(64)}`, output: { score: 0.7 } },
  ]);
  expect(res.accepted).toBe(1);
  return id;
}

const TRACE = `query($id: ID!) { traceDecision(id: $id) {
  decision { id occurredAt } modelVersion { id version status } trainingRun { id }
  datasets { id version provenance } approvals { id decision approver decidedAt }
  compute { id gpuHours } sites { id country } complete gaps driftStatus
} }`;
const trace = async (id: string) => ok(await gql(stack.gateway.url, auditor, TRACE, { id })).traceDecision;
const ids = (list: { id: string }[]) => list.map((x) => x.id).sort();
/** GraphQL requests each subgraph has served so far (its /metrics): round trips, not time. */
async function subgraphRequests(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const s of stack.subgraphs) {
    const text = await (await fetch(new URL("/metrics", s.url))).text();
    counts[s.name] = [...text.matchAll(/^lineage_subgraph_requests_total\{[^}]*\} ([0-9.e+]+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
  }
  return counts;
}

/** A model version trained at an EU site on the last of a derivation chain `depth` deep, everything approved by Bob. */
async function approvedChain(depth: number) {
  const eu = await site("DE", "EU");
  const alloc = await allocation(eu.id);
  const ds = await mutation(pipeline, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { name: uniq("loans") });
  const chain = [await datasetVersion(ds.id, "0")];
  for (let i = 1; i <= depth; i++) {
    chain.push(await datasetVersion(ds.id, String(i), { derivedFrom: [{ datasetVersionId: chain[i - 1].id, transformation: `step ${i}` }] }));
  }
  const mv = await modelVersion();
  const run = await trainingRun(mv.id, [chain[depth].id], [alloc.id]);
  const approvals = [await decideOn(mv.id, "MODEL_VERSION"), ...(await Promise.all(chain.map((v) => decideOn(v.id, "DATASET_VERSION"))))];
  const approvedAt = approvals.map((a) => a.decidedAt).sort().at(-1)!;
  return { eu, alloc, chain, mv, run, approvals, approvedAt };
}

describe("traceDecision through the gateway", { timeout: SLOW }, () => {
  it("traces a decision through a 3-deep derivation chain, every field resolved by its owner", async () => {
    const f = await approvedChain(3);
    const dep = await mutation(pipeline, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { modelVersionId: f.mv.id, siteId: f.eu.id, environment: "production", startedAt: "2026-01-20T00:00:00Z" });
    const occurredAt = after(f.approvedAt);
    const id = await decision(f.mv.id, occurredAt, dep.id);

    const t = await trace(id);
    expect(t.decision).toEqual({ id, occurredAt });
    expect(t.modelVersion).toEqual({ id: f.mv.id, version: "2.1.0", status: "APPROVED" });
    expect(t.trainingRun).toEqual({ id: f.run.id });
    // The chain in full, oldest upstream first, with the owner's fields.
    expect(t.datasets).toEqual(f.chain.map((v: { id: string }, i: number) => ({ id: v.id, version: String(i), provenance: `export ${i}` })));
    expect(ids(t.approvals)).toEqual(ids(f.approvals));
    expect(t.approvals.every((a: { decision: string; approver: string }) => a.decision === "APPROVED" && a.approver === "bob")).toBe(true);
    expect(t.compute).toEqual([{ id: f.alloc.id, gpuHours: 16 }]);
    expect(t.sites).toEqual([{ id: f.eu.id, country: "DE" }]);
    expect(t).toMatchObject({ complete: true, gaps: [], driftStatus: null });
  });

  it("shows an approval revoked after the decision for that decision, not for a later one, nor one given after it", async () => {
    const f = await approvedChain(0);
    const [mvApproval] = f.approvals;
    const early = await decision(f.mv.id, after(mvApproval.decidedAt, -1)); // before the approval was given
    const a = await decision(f.mv.id, after(f.approvedAt));
    await clockPast(after(f.approvedAt));
    const revocation = await decideOn(f.mv.id, "MODEL_VERSION", "REVOKED");
    expect(revocation.decidedAt > after(f.approvedAt)).toBe(true);
    const b = await decision(f.mv.id, after(revocation.decidedAt));

    const ta = await trace(a);
    expect(ids(ta.approvals)).toEqual(ids(f.approvals));
    expect(ta.approvals.find((x: { id: string }) => x.id === mvApproval.id)).toMatchObject({ decision: "APPROVED", decidedAt: mvApproval.decidedAt });
    expect(ta.modelVersion.status).toBe("REVOKED"); // status is now; the trace is as of the decision
    expect(ta).toMatchObject({ complete: true, gaps: [] });

    const tb = await trace(b);
    expect(ids(tb.approvals)).toEqual([f.approvals[1].id]);
    expect(tb.complete).toBe(false);
    expect(tb.gaps).toEqual([`ModelVersion ${f.mv.id}: no approval in force at ${after(revocation.decidedAt)} (latest decision then: REVOKED)`]);

    const te = await trace(early);
    expect(te.approvals.map((x: { id: string }) => x.id)).not.toContain(mvApproval.id);
    expect(te.gaps).toContain(`ModelVersion ${f.mv.id}: no approval in force at ${after(mvApproval.decidedAt, -1)}`);
  });

  it("names every missing link: no approvals, no legal basis, EU personal data trained outside the EU, no training run", async () => {
    const us = await site("US", null);
    const alloc = await allocation(us.id);
    const ds = await mutation(pipeline, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { name: uniq("patients") });
    const dv = await datasetVersion(ds.id, "1", { legalBasis: null, containsPersonalData: true, jurisdiction: "FR" });
    const mv = await modelVersion();
    const run = await trainingRun(mv.id, [dv.id], [alloc.id]);
    const id = await decision(mv.id, "2026-03-01T12:00:00Z");

    const t = await trace(id);
    expect(t).toMatchObject({ trainingRun: { id: run.id }, datasets: [{ id: dv.id }], approvals: [], compute: [{ id: alloc.id }], sites: [{ id: us.id, country: "US" }], complete: false });
    expect(t.gaps).toEqual([
      `ModelVersion ${mv.id}: no approval in force at 2026-03-01T12:00:00.000Z`,
      `DatasetVersion ${dv.id}: no approval in force at 2026-03-01T12:00:00.000Z`,
      `DatasetVersion ${dv.id}: legal basis missing`,
      `DatasetVersion ${dv.id}: personal data under FR jurisdiction trained outside the EU sovereignty zone (ComputeAllocation ${alloc.id} at Site ${us.id}, US)`,
    ]);

    const untrained = await modelVersion();
    const t2 = await trace(await decision(untrained.id, "2026-03-01T12:00:00Z"));
    expect(t2).toMatchObject({ trainingRun: null, datasets: [], approvals: [], compute: [], sites: [], complete: false });
    expect(t2.gaps).toEqual([
      `ModelVersion ${untrained.id}: no approval in force at 2026-03-01T12:00:00.000Z`,
      `ModelVersion ${untrained.id}: no training run recorded`,
    ]);
  });

  it("reports the deployment's drift status in the decision's window", async () => {
    const f = await approvedChain(0);
    const dep = await mutation(pipeline, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { modelVersionId: f.mv.id, siteId: f.eu.id, environment: "staging", startedAt: "2026-01-20T00:00:00Z" });
    const inWindow = await decision(f.mv.id, "2026-04-10T00:00:00Z", dep.id);
    const outside = await decision(f.mv.id, "2026-05-10T00:00:00Z", dep.id);
    // DriftReports belong to the datasets subgraph; written here with the properties the trace reads.
    const reportId = uniq("drift");
    const cypher = (text: string, params: Record<string, unknown>) => write({ op: "test" }, (tx) => tx.run({ cypher: text, params }));
    await cypher(`CREATE (:DriftReport:Entity {id: $id, deploymentId: $dep, windowStart: '2026-04-01T00:00:00.000Z', windowEnd: '2026-05-01T00:00:00.000Z', status: 'WARN', createdAt: '2026-05-01T00:00:00.000Z'})`, { id: reportId, dep: dep.id });
    try {
      expect((await trace(inWindow)).driftStatus).toBe("WARN");
      expect((await trace(outside)).driftStatus).toBeNull();
    } finally {
      await cypher(`MATCH (r:DriftReport {id: $id}) DELETE r`, { id: reportId });
    }
  });

  it("answers the usual trace query in one subgraph round trip, with the values the owners give", async () => {
    const f = await approvedChain(1);
    const dep = await mutation(pipeline, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { modelVersionId: f.mv.id, siteId: f.eu.id, environment: "production", startedAt: "2026-01-20T00:00:00Z" });
    const id = await decision(f.mv.id, after(f.approvedAt), dep.id);
    // Only fields DecisionTrace @provides (subgraphs/compliance/types.ts): no second hop to the owners.
    const PROVIDED = `query($id: ID!) { traceDecision(id: $id) {
      decision { id occurredAt output } modelVersion { id version } trainingRun { id startedAt }
      datasets { id version provenance } approvals { id decision approver decidedAt } compute { id gpuHours } sites { id country } gaps } }`;
    const before = await subgraphRequests();
    const t = ok(await gql(stack.gateway.url, auditor, PROVIDED, { id })).traceDecision;
    const requests = await subgraphRequests();
    expect(Object.fromEntries(Object.entries(requests).map(([name, n]) => [name, n - before[name]]))).toEqual({ models: 0, datasets: 0, approvals: 0, gpu: 0, compliance: 1 });

    const owners = ok(await gql(stack.gateway.url, auditor, `query($d: ID!, $mv: ID!, $v0: ID!, $v1: ID!, $s: ID!) {
      decision(id: $d) { id occurredAt output } modelVersion(id: $mv) { id version trainingRun { id startedAt compute { id gpuHours } } }
      v0: datasetVersion(id: $v0) { id version provenance } v1: datasetVersion(id: $v1) { id version provenance } site(id: $s) { id country } }`,
      { d: id, mv: f.mv.id, v0: f.chain[0].id, v1: f.chain[1].id, s: f.eu.id }));
    expect(t.decision).toEqual(owners.decision);
    expect(t.modelVersion).toEqual({ id: f.mv.id, version: owners.modelVersion.version });
    expect(t.trainingRun).toEqual({ id: owners.modelVersion.trainingRun.id, startedAt: owners.modelVersion.trainingRun.startedAt });
    expect(t.compute).toEqual(owners.modelVersion.trainingRun.compute);
    expect(t.datasets).toEqual([owners.v0, owners.v1]);
    expect(t.sites).toEqual([owners.site]);
    for (const a of t.approvals) {
      expect(a).toEqual(ok(await gql(stack.gateway.url, auditor, `query($id: ID!) { approval(id: $id) { id decision approver decidedAt } }`, { id: a.id })).approval);
    }
    expect(ids(t.approvals)).toEqual(ids(f.approvals));
  });

  it("follows a 10,000-deep derivation chain for 50 hops and says where it cut it (truncated, a gap, not complete)", async () => {
    const f = await approvedChain(0);
    // 10,000 more versions, each derived from the one before, written behind the API (the same
    // properties and labels as the registered one): only their shape matters here.
    const DEEP = 10_000;
    const prefix = uniq("deep");
    const cypher = (text: string, params: Record<string, unknown>) => write({ op: "test" }, (tx) => tx.run({ cypher: text, params }));
    const rows = Array.from({ length: DEEP }, (_, k) => ({ id: `${prefix}${k + 1}`, version: String(k + 1), createdAt: after(f.chain[0].createdAt, k + 1) }));
    await cypher(`MATCH (v0:DatasetVersion {id: $v0}) UNWIND $rows AS r CREATE (v:DatasetVersion:Entity) SET v = v0 {.*, id: r.id, version: r.version, createdAt: r.createdAt}`, { v0: f.chain[0].id, rows });
    await cypher(
      `UNWIND range(1, $n) AS i MATCH (a:DatasetVersion {id: $prefix + i}), (b:DatasetVersion {id: CASE i WHEN 1 THEN $v0 ELSE $prefix + (i - 1) END}) CREATE (a)-[:DERIVED_FROM {transformation: 'step'}]->(b)`,
      { v0: f.chain[0].id, n: DEEP, prefix },
    );
    const mv = await modelVersion();
    await trainingRun(mv.id, [`${prefix}${DEEP}`], [f.alloc.id]);
    const id = await decision(mv.id, "2026-03-01T12:00:00Z");

    const t = ok(await gql(stack.gateway.url, auditor, `query($id: ID!) { traceDecision(id: $id) { datasets { id version } truncated complete gaps } }`, { id })).traceDecision;
    // The training input and the 50 hops above it, oldest first; the version at hop 50 is where it was cut.
    expect(t.datasets.map((d: { version: string }) => d.version)).toEqual(Array.from({ length: 51 }, (_, i) => String(DEEP - 50 + i)));
    expect(t.truncated).toBe(true);
    expect(t.complete).toBe(false);
    expect(t.gaps).toContain(`DatasetVersion ${prefix}${DEEP - 50}: its sources lie beyond 50 derivation hops and are not in this trace (follow them with lineage)`);

    // A whole chain is not truncated.
    const whole = ok(await gql(stack.gateway.url, auditor, `query($id: ID!) { traceDecision(id: $id) { truncated } }`, { id: await decision(f.mv.id, after(f.approvedAt)) })).traceDecision;
    expect(whole.truncated).toBe(false);
  });

  it("answers null for an unknown decision, and FORBIDDEN without lineage:read", async () => {
    const res = await gql(stack.gateway.url, auditor, TRACE, { id: "decision-that-does-not-exist" });
    expect(res.errors).toBeUndefined();
    expect(res.data!.traceDecision).toBeNull();
    const writeOnly = await token("ingest", "lineage:write");
    const denied = await gql(stack.gateway.url, writeOnly, TRACE, { id: "x" });
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
