import http from "node:http";
import type { AddressInfo } from "node:net";
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq, type GqlResponse } from "./support/stack.js";

// A webhook receiver on port 0. Requests are answered with `answer` (200 by default); while
// `hold` is set, they wait for it, which lets a test prove ingestion never waits for them.
interface Received { body: string; headers: http.IncomingHttpHeaders }
const received: Received[] = [];
let answer = 200;
let hold: Promise<void> | null = null;
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", async () => {
    received.push({ body, headers: req.headers });
    if (hold) await hold;
    res.writeHead(answer).end();
  });
});

let stack: Stack;
let url: string;
let writer: string;
let reader: string;
let admin: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  // Settings of this file's own stack: the webhook receiver above, quick retries.
  stack = await startTestStack({
    env: { DRIFT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/drift`, DRIFT_WEBHOOK_MAX_ATTEMPTS: "3", DRIFT_WEBHOOK_BACKOFF_MS: "20" },
  });
  url = stack.gateway.url;
  writer = await token("inference-service", "lineage:write lineage:read");
  reader = await token("auditor", "lineage:read");
  admin = await token("ops", "admin");
});
afterAll(async () => {
  await stack?.stop();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const call = (bearer: string, query: string, variables?: Record<string, unknown>) => gql(url, bearer, query, variables);
/** Polls until `check` returns a value (readiness by probing, never a fixed sleep). */
async function eventually<T>(check: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const EDGES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
const REFERENCE = {
  numeric: [{ name: "income", binEdges: EDGES, counts: [50, 100, 150, 200, 200, 150, 80, 40, 20, 10], mean: 42.5 }],
  categorical: [{ name: "region", categories: ["north", "south", "east"], counts: [500, 300, 200] }],
};
/** Raw incomes spread like the reference (a tenth of it, each at its bin's midpoint). */
const MATCHING_INCOMES = REFERENCE.numeric[0].counts.flatMap((c, i) => Array<number>(c / 10).fill(EDGES[i] + 5));
const MATCHING = { numericSamples: [{ name: "income", values: MATCHING_INCOMES }], categorical: [{ name: "region", categories: ["north", "south", "east"], counts: [50, 30, 20] }] };
const SHIFTED = {
  numeric: [{ name: "income", binEdges: EDGES, counts: [0, 0, 0, 5, 10, 15, 20, 20, 15, 15] }],
  categorical: [{ name: "region", categories: ["north", "south", "east", "west"], counts: [10, 30, 50, 10] }],
};

const REPORT = `id status windowStart windowEnd createdAt unmeasuredFeatures referenceProfileId submittedBy
  features { feature kind psi ks ksPValue jensenShannon status referenceCount liveCount outOfRange newCategories missingCategories thresholds { warn drift ksWarn ksDrift } }
  deployment { id environment } modelVersion { id version } reference { id version }`;
const SUBMIT = `mutation($dep: ID!, $from: DateTime!, $to: DateTime!, $p: FeatureProfileInput!) {
  submitFeatureProfile(deploymentId: $dep, windowStart: $from, windowEnd: $to, profile: $p) { ${REPORT} } }`;
const SET_REFERENCE = `mutation($dv: ID!, $p: FeatureProfileInput!) { setReferenceProfile(datasetVersionId: $dv, profile: $p) {
  id referenceProfile { id digest setBy numeric { name binEdges counts mean warn drift } categorical { name categories counts } } } }`;

/** System -> model -> version -> training run on a new dataset version -> deployment, all through the API. */
async function deployedModel() {
  const sys = ok(await call(writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("credit"), version: "1", intendedPurpose: "score loan applications", providerName: "Acme Bank", riskCategory: "HIGH" },
  })).registerAISystem;
  const model = ok(await call(writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "scorer" } })).registerModel;
  const mv = ok(await call(writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
    i: { modelId: model.id, version: "2.0.0", artifactDigest: digest("b") },
  })).registerModelVersion;
  const ds = ok(await call(writer, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: uniq("applications") } })).registerDataset;
  const dv = ok(await call(writer, `mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, {
    i: { datasetId: ds.id, version: "2025-12", contentDigest: digest("c"), provenance: "loan ledger export", containsPersonalData: false, jurisdiction: "DE" },
  })).registerDatasetVersion;
  ok(await call(writer, `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id } }`, {
    i: { modelVersionId: mv.id, datasetVersionIds: [dv.id], startedAt: "2025-12-20T00:00:00Z" },
  }));
  const site = ok(await call(admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("dc"), country: "DE", sovereigntyZone: "EU", kind: "ON_PREM" } })).registerSite;
  const dep = ok(await call(writer, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, {
    i: { modelVersionId: mv.id, siteId: site.id, environment: "production", startedAt: "2026-01-01T00:00:00Z" },
  })).recordDeployment;
  return { mv: mv.id as string, dv: dv.id as string, dep: dep.id as string };
}

const submit = (dep: string, from: string, to: string, p: unknown, bearer = writer) => call(bearer, SUBMIT, { dep, from, to, p });

describe("data drift through the gateway", () => {
  let m: { mv: string; dv: string; dep: string };
  let okReport: any;
  let driftReport: any;

  beforeAll(async () => {
    m = await deployedModel();
  });

  it("sets a reference profile on the training dataset version", async () => {
    const res = ok(await call(writer, SET_REFERENCE, { dv: m.dv, p: { ...REFERENCE, numeric: [{ ...REFERENCE.numeric[0], warn: 0.1, drift: 0.25 }] } }));
    expect(res.setReferenceProfile.referenceProfile).toMatchObject({
      setBy: "inference-service",
      numeric: [{ name: "income", binEdges: EDGES, counts: REFERENCE.numeric[0].counts, mean: 42.5, warn: 0.1, drift: 0.25 }],
      categorical: [{ name: "region", categories: ["north", "south", "east"], counts: [500, 300, 200] }],
    });
    expect(res.setReferenceProfile.referenceProfile.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The profile in force is the latest: a new one replaces it, the same one again changes nothing.
    const replaced = ok(await call(writer, SET_REFERENCE, { dv: m.dv, p: REFERENCE })).setReferenceProfile.referenceProfile;
    expect(replaced.id).not.toBe(res.setReferenceProfile.referenceProfile.id);
    expect(replaced.numeric[0].warn).toBeNull();
    expect(ok(await call(writer, SET_REFERENCE, { dv: m.dv, p: REFERENCE })).setReferenceProfile.referenceProfile.id).toBe(replaced.id);
  });

  it("reports OK for a window that looks like the training data (raw values binned by the service)", async () => {
    okReport = ok(await submit(m.dep, "2026-02-01T00:00:00Z", "2026-02-01T01:00:00+00:00", MATCHING)).submitFeatureProfile;
    expect(okReport).toMatchObject({
      status: "OK", windowStart: "2026-02-01T00:00:00.000Z", windowEnd: "2026-02-01T01:00:00.000Z", submittedBy: "inference-service", unmeasuredFeatures: [],
      deployment: { id: m.dep, environment: "production" }, modelVersion: { id: m.mv, version: "2.0.0" }, reference: { id: m.dv, version: "2025-12" },
    });
    expect(okReport.features).toEqual([
      { feature: "income", kind: "NUMERIC", psi: 0, ks: 0, ksPValue: 1, jensenShannon: null, status: "OK", referenceCount: 1000, liveCount: 100, outOfRange: 0, newCategories: null, missingCategories: null, thresholds: { warn: 0.1, drift: 0.25, ksWarn: 0.1, ksDrift: 0.2 } },
      { feature: "region", kind: "CATEGORICAL", psi: 0, ks: null, ksPValue: null, jensenShannon: 0, status: "OK", referenceCount: 1000, liveCount: 100, outOfRange: null, newCategories: [], missingCategories: [], thresholds: { warn: 0.1, drift: 0.2, ksWarn: null, ksDrift: null } },
    ]);
    // Sending the same window again is a no-op that returns the stored report.
    expect(ok(await submit(m.dep, "2026-02-01T00:00:00Z", "2026-02-01T01:00:00Z", MATCHING)).submitFeatureProfile.id).toBe(okReport.id);
  });

  it("reports DRIFT for a shifted window and sends a signed event to the webhook", async () => {
    driftReport = ok(await submit(m.dep, "2026-02-01T01:00:00Z", "2026-02-01T02:00:00Z", SHIFTED)).submitFeatureProfile;
    expect(driftReport.status).toBe("DRIFT");
    const [income, region] = driftReport.features;
    expect(income).toMatchObject({ feature: "income", status: "DRIFT" });
    expect(income.psi).toBeGreaterThan(0.25);
    expect(income.ks).toBeGreaterThan(0.2);
    expect(income.ksPValue).toBeLessThan(1e-6);
    expect(region).toMatchObject({ feature: "region", status: "DRIFT", newCategories: ["west"], missingCategories: [] });
    expect(region.jensenShannon).toBeGreaterThan(0.2);

    const delivered = await eventually(() => Promise.resolve(received.find((r) => r.body.length > 0 && r.headers["x-drift-event-id"]) ?? null), "the webhook");
    expect(delivered.headers["content-type"]).toBe("application/jose");
    const jwks = (await (await fetch(url.replace(/\/graphql$/, "/.well-known/jwks.json"))).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await compactVerify(delivered.body, createLocalJWKSet(jwks));
    expect(protectedHeader.typ).toBe("drift-event+jws");
    const event = JSON.parse(new TextDecoder().decode(payload));
    expect(event).toMatchObject({ type: "drift.detected", id: delivered.headers["x-drift-event-id"], report: { id: driftReport.id, status: "DRIFT", deploymentId: m.dep, modelVersionId: m.mv, referenceDatasetVersionId: m.dv } });
    expect(event.report.features).toHaveLength(2);
    // A tampered body does not verify.
    const [h, p, s] = delivered.body.split(".");
    await expect(compactVerify(`${h}.${p.slice(0, -2)}AA.${s}`, createLocalJWKSet(jwks))).rejects.toThrow();

    const deliveries = await eventually(async () => {
      const d = ok(await call(reader, `query($id: ID!) { driftReport(id: $id) { deliveries { attempt status httpStatus } } }`, { id: driftReport.id })).driftReport.deliveries;
      return d.length ? d : null;
    }, "the recorded delivery");
    expect(deliveries).toEqual([{ attempt: 1, status: "DELIVERED", httpStatus: 200 }]);
    // The OK report sent nothing.
    expect(received.filter((r) => r.body.includes(okReport.id))).toHaveLength(0);
  });

  it("finds reports by deployment, model version and time, and the status over time", async () => {
    const byDep = ok(await call(reader, `query($d: ID!) { driftReports(deploymentId: $d) { id status cursor } }`, { d: m.dep })).driftReports;
    expect(byDep.map((r: any) => [r.id, r.status])).toEqual([[okReport.id, "OK"], [driftReport.id, "DRIFT"]]);
    const page2 = ok(await call(reader, `query($d: ID!, $a: String) { driftReports(deploymentId: $d, first: 1, after: $a) { id } }`, { d: m.dep, a: byDep[0].cursor })).driftReports;
    expect(page2).toEqual([{ id: driftReport.id }]);
    const byMv = ok(await call(reader, `query($mv: ID!) { driftReports(modelVersionId: $mv, from: "2026-02-01T01:30:00Z", to: "2026-02-02T00:00:00Z") { id } }`, { mv: m.mv })).driftReports;
    expect(byMv).toEqual([{ id: driftReport.id }]);
    const one = ok(await call(reader, `query($id: ID!) { driftReport(id: $id) { ${REPORT} } }`, { id: driftReport.id })).driftReport;
    expect(one).toEqual(driftReport);

    const overTime = ok(await call(reader, `query($id: ID!) { driftReport(id: $id) { deployment { id driftStatusOverTime(from: "2026-01-31T00:00:00Z") { windowStart windowEnd status reportId } } } }`, { id: okReport.id }));
    expect(overTime.driftReport.deployment.driftStatusOverTime).toEqual([
      { windowStart: "2026-02-01T00:00:00.000Z", windowEnd: "2026-02-01T01:00:00.000Z", status: "OK", reportId: okReport.id },
      { windowStart: "2026-02-01T01:00:00.000Z", windowEnd: "2026-02-01T02:00:00.000Z", status: "DRIFT", reportId: driftReport.id },
    ]);
  });

  it("shows the drift of the window in the trace of each decision, and the reports in the lineage", async () => {
    const d = (id: string, at: string) => ({ id, modelVersionId: m.mv, deploymentId: m.dep, occurredAt: at, inputDigest: digest("d"), output: { score: 0.4 } });
    const ids = [uniq("dec-ok"), uniq("dec-drift"), uniq("dec-unmeasured")];
    ok(await call(writer, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, {
      d: [d(ids[0], "2026-02-01T00:30:00Z"), d(ids[1], "2026-02-01T01:30:00Z"), d(ids[2], "2026-02-01T05:00:00Z")],
    }));
    const trace = async (id: string) => ok(await call(reader, `query($id: ID!) { traceDecision(id: $id) { driftStatus } }`, { id })).traceDecision.driftStatus;
    expect(await trace(ids[0])).toBe("OK");
    expect(await trace(ids[1])).toBe("DRIFT");
    expect(await trace(ids[2])).toBeNull();

    const up = ok(await call(reader, `query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 1) { nodes { id kind } edges { from to type } } }`, { id: driftReport.id })).lineage;
    expect(up.edges).toEqual(expect.arrayContaining([
      { from: driftReport.id, to: m.dep, type: "DRIFT_OF" },
      { from: driftReport.id, to: m.mv, type: "DRIFT_OF_MODEL" },
      { from: driftReport.id, to: m.dv, type: "DRIFT_REFERENCE" },
    ]));
    expect(up.nodes).toContainEqual({ id: driftReport.id, kind: "DriftReport" });
    const down = ok(await call(reader, `query($id: ID!) { lineage(id: $id, direction: DOWNSTREAM, depth: 1) { nodes { id kind } } }`, { id: m.dep })).lineage;
    expect(down.nodes).toEqual(expect.arrayContaining([{ id: okReport.id, kind: "DriftReport" }, { id: driftReport.id, kind: "DriftReport" }]));
  });

  it("never lets a failing receiver hold up ingestion; its retries are recorded", async () => {
    let release!: () => void;
    hold = new Promise<void>((r) => (release = r));
    answer = 500;
    const before = received.length;
    const res = ok(await submit(m.dep, "2026-02-01T02:00:00Z", "2026-02-01T03:00:00Z", SHIFTED)).submitFeatureProfile;
    // The report is stored and answered while the receiver still holds the first attempt.
    expect(res.status).toBe("DRIFT");
    await eventually(() => Promise.resolve(received.length > before), "the first attempt");
    expect(ok(await call(reader, `query($id: ID!) { driftReport(id: $id) { deliveries { attempt } } }`, { id: res.id })).driftReport.deliveries).toEqual([]);
    hold = null;
    release();
    const deliveries = await eventually(async () => {
      const d = ok(await call(reader, `query($id: ID!) { driftReport(id: $id) { deliveries { attempt status httpStatus error } } }`, { id: res.id })).driftReport.deliveries;
      return d.length === 3 ? d : null;
    }, "three recorded attempts");
    expect(deliveries).toEqual([
      { attempt: 1, status: "RETRYING", httpStatus: 500, error: "HTTP 500" },
      { attempt: 2, status: "RETRYING", httpStatus: 500, error: "HTTP 500" },
      { attempt: 3, status: "FAILED", httpStatus: 500, error: "HTTP 500" },
    ]);
    expect(received.length - before).toBe(3);
    // Every attempt carries the same signed event.
    expect(new Set(received.slice(before).map((r) => r.body)).size).toBe(1);
    // After the last attempt the event is a dead letter, queryable under its stable event id.
    const eventId = received[before].headers["x-drift-event-id"];
    const dead = ok(await call(reader, `{ webhookDeadLetters { id reportId attempts lastHttpStatus lastError } }`)).webhookDeadLetters;
    expect(dead).toContainEqual({ id: eventId, reportId: res.id, attempts: 3, lastHttpStatus: 500, lastError: "HTTP 500" });
    answer = 200;
  });

  it("refuses what cannot be compared, and writes nothing", async () => {
    const count = async () => ok(await call(reader, `query($d: ID!) { driftReports(deploymentId: $d) { id } }`, { d: m.dep })).driftReports.length;
    const before = await count();
    const code = (r: GqlResponse) => r.errors?.[0]?.extensions?.code;

    const empty = await submit(m.dep, "2026-02-02T00:00:00Z", "2026-02-02T01:00:00Z", { numeric: [{ name: "income", binEdges: EDGES, counts: Array(10).fill(0) }] });
    expect(code(empty)).toBe("BAD_USER_INPUT");
    expect(empty.errors![0].message).toMatch(/^profile\.numeric\[0\]\.counts: the window holds no observations of "income"/);

    const wrongLength = await submit(m.dep, "2026-02-02T00:00:00Z", "2026-02-02T01:00:00Z", { numeric: [{ name: "income", binEdges: EDGES, counts: [1, 2, 3] }] });
    expect(code(wrongLength)).toBe("BAD_USER_INPUT");
    expect(wrongLength.errors![0].message).toMatch(/^profile\.numeric\[0\]\.counts: must have one count per bin/);

    const otherEdges = await submit(m.dep, "2026-02-02T00:00:00Z", "2026-02-02T01:00:00Z", { numeric: [{ name: "income", binEdges: [0, 50, 100], counts: [1, 2] }] });
    expect(otherEdges.errors![0].message).toMatch(/^profile\.numeric\[0\]\.binEdges: must equal the reference's 11 bin edges/);

    const backwards = await submit(m.dep, "2026-02-02T01:00:00Z", "2026-02-02T00:00:00Z", MATCHING);
    expect(backwards.errors![0]).toMatchObject({ message: "windowEnd: must be after windowStart", extensions: { code: "BAD_USER_INPUT" } });

    const unknown = await submit("dep_nope", "2026-02-02T00:00:00Z", "2026-02-02T01:00:00Z", MATCHING);
    expect(code(unknown)).toBe("NOT_FOUND");

    const forbidden = await submit(m.dep, "2026-02-02T00:00:00Z", "2026-02-02T01:00:00Z", MATCHING, reader);
    expect(code(forbidden)).toBe("FORBIDDEN");
    expect(await count()).toBe(before);

    // A deployment whose training data has no reference profile cannot be measured.
    const bare = await deployedModel();
    const none = await submit(bare.dep, "2026-02-02T00:00:00Z", "2026-02-02T01:00:00Z", MATCHING);
    expect(code(none)).toBe("BAD_USER_INPUT");
    expect(none.errors![0].message).toContain(`no reference profile for the training data of model version ${bare.mv}`);
    expect(code(await call(writer, SET_REFERENCE, { dv: "dsv_nope", p: REFERENCE }))).toBe("NOT_FOUND");
  });
});
