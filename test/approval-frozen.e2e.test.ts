import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query as cypher } from "../runtime/db.js";
import { datasetId, versionId } from "../subgraphs/datasets/openlineage/mapping.js";
import type { Stack } from "../launcher/stack.js";
import { airflowTaskEvents, sparkEvent } from "./support/openlineage-events.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

// Issue 22 item 2: what an approval covers cannot change after the approval, on every write
// path. Alice registers and writes lineage; Bob approves (four-eyes).
const SLOW = 300_000;
let stack: Stack;
let url: string;
let base: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
  base = url.replace(/\/graphql$/, "");
  alice = await token("alice", "lineage:write lineage:read");
  bob = await token("bob", "approvals:decide lineage:read audit:read");
});
afterAll(() => stack?.stop());

const m = async (text: string, variables: Record<string, unknown>, bearer = alice) => ok(await gql(url, bearer, text, variables)) as any;
const post = (path: string, body: unknown, type = "application/json") =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": type, authorization: `Bearer ${alice}` }, body: typeof body === "string" ? body : JSON.stringify(body) });
const digest = (s: string) => `sha256:${Buffer.from(s).toString("hex").padEnd(64, "0").slice(0, 64)}`;
const approve = (subjectId: string, subjectType: string) =>
  m(`mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id subjectDigest } }`, { i: { subjectId, subjectType, decision: "APPROVED", rationale: "reviewed" } }, bob).then((d) => d.decideApproval);

/** The audit events that name a subject, by operation. */
async function auditOf(subject: string): Promise<{ operation: string; subjects: string[] }[]> {
  return cypher({ op: "test" }, { cypher: `MATCH (e:AuditEvent) WHERE $s IN e.subjects RETURN e.operation AS operation, e.subjects AS subjects ORDER BY e.seq`, params: { s: subject } });
}

/** A model version trained by an Airflow DAG (aiLineage facet) on a Spark-written dataset version. */
async function trainedByOpenLineage() {
  const sys = await m(`mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, { i: { name: uniq("churn"), version: "1", intendedPurpose: "predict churn", providerName: "Acme", riskCategory: "LIMITED" } });
  const model = await m(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.registerAISystem.id, name: "churn" } });
  const art = digest(uniq("art"));
  const mv = (await m(`mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model.registerModel.id, version: "1.0.0", artifactDigest: art } })).registerModelVersion.id as string;
  const ns = `s3://features-${uniq("b")}`;
  const s = sparkEvent({ app: "features", input: { namespace: ns, name: "events" }, output: { namespace: ns, name: "features" }, outputVersion: "7", at: new Date("2026-03-01T07:00:00Z") });
  expect((await post("/api/v1/lineage", s.event)).status).toBe(201);
  const a = airflowTaskEvents({ dag: "train_churn", task: "train", inputs: [{ namespace: ns, name: "features" }], aiLineage: { modelVersionId: mv } });
  expect((await post("/api/v1/lineage/batch", [a.start, a.end])).status).toBe(200);
  const decisionId = uniq("decision");
  await m(`mutation($i: [DecisionInput!]!) { recordDecisions(decisions: $i) { accepted } }`, {
    i: [{ id: decisionId, modelVersionId: mv, occurredAt: "2026-03-05T10:00:00Z", inputDigest: `sha256:${"e".repeat(64)}`, output: { churn: 0.2 } }],
  });
  return { mv, ns, art, runId: a.runId, decisionId, features: versionId(datasetId(ns, "features"), "7") };
}

const RUN = `query($id: ID!) { modelVersion(id: $id) { status trainingRun { id startedAt endedAt inputs { id } } } }`;
const TRACE = `query($id: ID!) { traceDecision(id: $id) { trainingRun { id startedAt endedAt } datasets { id } } }`;

describe("the probe of issue 22: an aiLineage event naming an APPROVED model version", () => {
  it("is refused (failed_events, 409 alone); the training record and an earlier trace stay as approved", async () => {
    const f = await trainedByOpenLineage();
    await approve(f.mv, "MODEL_VERSION");
    const before = await m(RUN, { id: f.mv });
    const traceBefore = await m(TRACE, { id: f.decisionId });
    expect(before.modelVersion.status).toBe("APPROVED");

    // A later run of the DAG names the approved version and reads one more dataset.
    const again = airflowTaskEvents({ dag: "train_churn", task: "train", inputs: [{ namespace: f.ns, name: "features" }, { namespace: f.ns, name: "extra" }], aiLineage: { modelVersionId: f.mv } });
    again.start.eventTime = "2026-04-01T08:00:00Z";
    again.end.eventTime = "2026-04-01T09:00:00Z";
    const other = airflowTaskEvents({ dag: uniq("unrelated"), task: "t", inputs: [{ namespace: f.ns, name: "features" }] });
    const res = await post("/api/v1/lineage/batch", [again.start, other.start, again.end]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.summary).toMatchObject({ received: 3, successful: 1, failed: 2, retriable: 0, non_retriable: 2 });
    expect(body.failed_events.map((e: any) => [e.index, e.reason, e.retriable])).toEqual([[0, "approved subject", false], [2, "approved subject", false]]);
    expect(body.failed_events[0].problems[0].message).toContain(`ModelVersion ${f.mv}`);
    // The other event of the batch is stored.
    const stored = await fetch(`${base}/api/v1/lineage/events?runId=${other.runId}`, { headers: { authorization: `Bearer ${alice}` } });
    expect(((await stored.json()) as any).events).toHaveLength(1);

    const single = await post("/api/v1/lineage", again.end);
    expect(single.status).toBe(409);
    expect(((await single.json()) as any).error.code).toBe("CONFLICT");

    // An event of the run recorded as the training run, without the facet, is refused too.
    const rerun = airflowTaskEvents({ dag: "train_churn", task: "train", inputs: [{ namespace: f.ns, name: "features" }], runId: f.runId });
    rerun.end.eventTime = "2026-04-02T09:00:00Z";
    expect((await post("/api/v1/lineage", rerun.end)).status).toBe(409);

    expect(await m(RUN, { id: f.mv })).toEqual(before);
    expect(await m(TRACE, { id: f.decisionId })).toEqual(traceBefore);
  }, SLOW);
});

const conflictOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const CHECK = `query($id: ID!) { approval(id: $id) { subjectDigest subjectCheck { recordedDigest currentDigest unchanged facts } } }`;
const DV = `query($id: ID!) { datasetVersion(id: $id) { id version provenance derivedFrom { id } } }`;

/** A model version trained through GraphQL on a registered dataset version, deployed at a site, with a decision. */
async function trainedByGraphQL() {
  const sys = await m(`mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, { i: { name: uniq("credit"), version: "1", intendedPurpose: "score loans", providerName: "Acme", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES" } });
  const model = (await m(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.registerAISystem.id, name: "scorer" } })).registerModel.id;
  const mvInput = (version: string, art: string) => ({ modelId: model, version, artifactDigest: art });
  const mv = (await m(`mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: mvInput("1.0", digest(uniq("a"))) })).registerModelVersion.id as string;
  const bare = (await m(`mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: mvInput("2.0", digest(uniq("b"))) })).registerModelVersion.id as string;
  const ds = (await m(`mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: uniq("loans") } })).registerDataset.id;
  const dvInput = (version: string, extra: Record<string, unknown> = {}) => ({ datasetId: ds, version, contentDigest: digest(version), provenance: "core banking export", containsPersonalData: true, jurisdiction: "EU", legalBasis: "contract", ...extra });
  const dv = (await m(`mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, { i: dvInput("2026-01") })).registerDatasetVersion.id as string;
  const other = (await m(`mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, { i: dvInput("2026-02") })).registerDatasetVersion.id as string;
  const siteInput = { name: uniq("fra"), country: "DE", kind: "CLOUD" };
  const site = (await m(`mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: siteInput }, await token("ops", "admin"))).registerSite.id;
  const run = `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id } }`;
  const runInput = (mvId: string, dvs: string[]) => ({ modelVersionId: mvId, datasetVersionIds: dvs, startedAt: "2026-01-10T00:00:00Z", endedAt: "2026-01-11T00:00:00Z" });
  const runId = (await m(run, { i: runInput(mv, [dv]) })).recordTrainingRun.id as string;
  const depInput = { modelVersionId: mv, siteId: site, environment: "production", startedAt: "2026-02-01T00:00:00Z" };
  const dep = (await m(`mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { i: depInput })).recordDeployment.id as string;
  const decisionId = uniq("decision");
  await m(`mutation($i: [DecisionInput!]!) { recordDecisions(decisions: $i) { accepted } }`, {
    i: [{ id: decisionId, modelVersionId: mv, deploymentId: dep, occurredAt: "2026-03-05T10:00:00Z", inputDigest: `sha256:${"e".repeat(64)}`, output: { score: 0.7 } }],
  });
  return { mv, bare, ds, dv, other, site, siteInput, runId, dep, decisionId, run, runInput, mvInput, dvInput, depInput };
}

describe("every write path against every approvable subject once it is APPROVED", () => {
  it("refuses each change with CONFLICT; the approved records, their digests and an earlier trace stay unchanged; use still works", async () => {
    const g = await trainedByGraphQL();
    const approvals = [await approve(g.mv, "MODEL_VERSION"), await approve(g.bare, "MODEL_VERSION"), await approve(g.dv, "DATASET_VERSION"), await approve(g.dep, "DEPLOYMENT")];
    for (const a of approvals) expect(a.subjectDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const traceBefore = await m(TRACE, { id: g.decisionId });
    const runBefore = await m(RUN, { id: g.mv });
    const dvBefore = await m(DV, { id: g.dv });

    // GraphQL: the model version, its training run (a new one for a version approved without), the dataset version, the deployment.
    const refused = [
      await gql(url, alice, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: g.mvInput("1.0", digest(uniq("changed"))) }),
      await gql(url, alice, g.run, { i: g.runInput(g.mv, [g.dv, g.other]) }),
      await gql(url, alice, g.run, { i: g.runInput(g.bare, [g.other]) }),
      await gql(url, alice, `mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, { i: g.dvInput("2026-01", { rowCount: 5 }) }),
      await gql(url, alice, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { i: { ...g.depInput, referenceDatabase: "watchlist-7" } }),
      // gpu: the site of the approved deployment.
      await gql(url, await token("ops", "admin"), `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { ...g.siteInput, country: "US" } }),
    ];
    expect(refused.map(conflictOf)).toEqual(["CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT"]);
    expect(refused[2].errors![0].message).toContain(`ModelVersion ${g.bare} is APPROVED`);
    expect((await m(RUN, { id: g.bare })).modelVersion.trainingRun).toBeNull();

    // OpenLineage: an aiLineage event naming the approved version by id, and one naming it by nothing but a new run.
    const ol = airflowTaskEvents({ dag: uniq("retrain"), task: "train", inputs: [{ namespace: "s3://x", name: uniq("more") }], aiLineage: { modelVersionId: g.bare } });
    const res = await post("/api/v1/lineage/batch", [ol.start]);
    expect(((await res.json()) as any).failed_events).toMatchObject([{ index: 0, reason: "approved subject", retriable: false }]);

    // A revocation ends the approval, not the record of what it covered.
    await m(`mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id } }`, { i: { subjectId: g.bare, subjectType: "MODEL_VERSION", decision: "REVOKED", rationale: "withdrawn" } }, bob);
    expect(conflictOf(await gql(url, alice, g.run, { i: g.runInput(g.bare, [g.other]) }))).toBe("CONFLICT");

    // Normal use of approved subjects still works: decisions (GraphQL and NDJSON), a new deployment, a derived version, the deployment's end.
    const d2 = uniq("decision");
    await m(`mutation($i: [DecisionInput!]!) { recordDecisions(decisions: $i) { accepted } }`, { i: [{ id: d2, modelVersionId: g.mv, deploymentId: g.dep, occurredAt: "2026-03-06T10:00:00Z", inputDigest: `sha256:${"f".repeat(64)}`, output: { score: 0.1 } }] });
    const nd = await post("/ingest/decisions", JSON.stringify({ id: uniq("nd"), modelVersionId: g.mv, deploymentId: g.dep, occurredAt: "2026-03-07T10:00:00Z", inputDigest: `sha256:${"a".repeat(64)}`, output: 1 }) + "\n", "application/x-ndjson");
    expect(nd.status).toBeLessThan(300);
    await m(`mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { i: { ...g.depInput, environment: "staging" } });
    await m(`mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, { i: g.dvInput("2026-03", { derivedFrom: [{ datasetVersionId: g.dv, transformation: "filter" }] }) });
    await m(`mutation($d: ID!, $at: DateTime!) { endDeployment(deploymentId: $d, endedAt: $at) { id } }`, { d: g.dep, at: "2026-06-01T00:00:00Z" });

    // Nothing approved changed: same records, same trace, every digest still the signed one.
    expect(await m(RUN, { id: g.mv })).toEqual(runBefore);
    expect(await m(DV, { id: g.dv })).toEqual(dvBefore);
    expect(await m(TRACE, { id: g.decisionId })).toEqual(traceBefore);
    for (const a of approvals) {
      const c = (await m(CHECK, { id: a.id }, bob)).approval.subjectCheck;
      expect(c).toMatchObject({ recordedDigest: a.subjectDigest, currentDigest: a.subjectDigest, unchanged: true });
      // Offline: the digest is sha256 over the canonical facts served with it.
      expect(`sha256:${createHash("sha256").update(c.facts).digest("hex")}`).toBe(c.currentDigest);
    }
  }, SLOW);

  it("takes the same writes on unapproved subjects, and each audit event names every subject it touched", async () => {
    const g = await trainedByGraphQL();
    const bareRun = (await m(g.run, { i: g.runInput(g.bare, [g.other]) })).recordTrainingRun.id;
    expect((await auditOf(bareRun)).find((e) => e.operation === "recordTrainingRun")!.subjects).toEqual(expect.arrayContaining([bareRun, g.bare, g.other]));
    expect((await auditOf(g.decisionId)).length).toBe(0); // decisions are named by the event's digest, not one by one
    const decisionsEvent = (await auditOf(g.dep)).find((e) => e.operation === "recordDecisions")!;
    expect(decisionsEvent.subjects).toEqual(expect.arrayContaining([g.mv, g.dep]));

    // OpenLineage on an unapproved version merges, and its audit event names the model version, its training run and the inputs.
    const f = await trainedByOpenLineage();
    const again = airflowTaskEvents({ dag: "train_churn", task: "train", inputs: [{ namespace: f.ns, name: "features" }, { namespace: f.ns, name: "extra" }], aiLineage: { modelVersionId: f.mv } });
    expect((await post("/api/v1/lineage", again.start)).status).toBe(201);
    const run = (await m(RUN, { id: f.mv })).modelVersion.trainingRun;
    expect(run.inputs.map((i: any) => i.id)).toEqual(expect.arrayContaining([f.features, versionId(datasetId(f.ns, "extra"), "unversioned")]));
    const ev = (await auditOf(again.runId)).find((e) => e.operation === "openLineageIngest")!;
    expect(ev.subjects).toEqual(expect.arrayContaining([f.mv, run.id, again.runId, f.features, versionId(datasetId(f.ns, "extra"), "unversioned")]));

    // An approved dataset version written by OpenLineage: its writer's next event and a changed facet are refused.
    const a = await approve(f.features, "DATASET_VERSION");
    const s = sparkEvent({ app: "features", input: { namespace: f.ns, name: "events" }, output: { namespace: f.ns, name: "features" }, outputVersion: "7", at: new Date("2026-05-01T07:00:00Z") });
    const res = await post("/api/v1/lineage", s.event);
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error).toMatchObject({ code: "CONFLICT" });
    expect((await m(CHECK, { id: a.id }, bob)).approval.subjectCheck.unchanged).toBe(true);
  }, SLOW);
});
