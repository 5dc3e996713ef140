import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

// Art. 12(2)(a), 12(3): each log record states its deployment's period of use, the reference
// database (Annex III 1(a)), and the drift warnings/breaches and incidents in force at its time.

let stack: Stack;
let writer: string;
let reports: string;
const m = (bearer: string, q: string, v: Record<string, unknown>) => gql(stack.gateway.url, bearer, q, v).then(ok);
const digest = (c: string) => `sha256:${c.repeat(64)}`;

const EDGES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
const REFERENCE = { numeric: [{ name: "income", binEdges: EDGES, counts: [50, 100, 150, 200, 200, 150, 80, 40, 20, 10] }], categorical: [] };
const MATCHING = { numeric: [{ name: "income", binEdges: EDGES, counts: [5, 10, 15, 20, 20, 15, 8, 4, 2, 1] }] };
const SHIFTED = { numeric: [{ name: "income", binEdges: EDGES, counts: [0, 0, 0, 5, 10, 15, 20, 20, 15, 15] }] };

const ids = { sys: "", dep1: "", dep2: "", okReport: "", driftReport: "", incident: "" };
const decision = (n: number) => `${ids.sys}-d${n}`;

async function seed() {
  const admin = await token("ops", "admin");
  const sys = (await m(writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("face-match"), version: "1", intendedPurpose: "identify persons against a watchlist", providerName: "Vision AG", riskCategory: "HIGH", annexIIIArea: "BIOMETRICS" },
  })).registerAISystem;
  ids.sys = sys.id;
  await m(writer, `mutation($id: ID!) { recordSystemCompliance(systemId: $id, input: { annexIIIPoint: "1(a)" }) { seq } }`, { id: sys.id });
  const model = (await m(writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "matcher" } })).registerModel;
  const mv = (await m(writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model.id, version: "1", artifactDigest: digest("a") } })).registerModelVersion;
  const ds = (await m(writer, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: uniq("faces") } })).registerDataset;
  const dv = (await m(writer, `mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, {
    i: { datasetId: ds.id, version: "1", contentDigest: digest("b"), provenance: "consented enrolment", containsPersonalData: true, jurisdiction: "DE" },
  })).registerDatasetVersion;
  await m(writer, `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id } }`, { i: { modelVersionId: mv.id, datasetVersionIds: [dv.id], startedAt: "2025-12-01T00:00:00Z" } });
  await m(writer, `mutation($dv: ID!, $p: FeatureProfileInput!) { setReferenceProfile(datasetVersionId: $dv, profile: $p) { id } }`, { dv: dv.id, p: REFERENCE });
  const site = (await m(admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("dc"), country: "DE", sovereigntyZone: "EU", kind: "ON_PREM" } })).registerSite;
  const deploy = (environment: string, referenceDatabase?: string) => m(writer, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id referenceDatabase } }`, {
    i: { modelVersionId: mv.id, siteId: site.id, environment, startedAt: "2026-01-01T00:00:00Z", ...(referenceDatabase ? { referenceDatabase } : {}) },
  }).then((r) => r.recordDeployment);
  const dep1 = await deploy("border-gate", "watchlist 2026-01 (national police)");
  expect(dep1.referenceDatabase).toBe("watchlist 2026-01 (national police)");
  ids.dep1 = dep1.id;
  ids.dep2 = (await deploy("airport")).id;
  const submit = (from: string, to: string, p: unknown) => m(writer, `mutation($dep: ID!, $from: DateTime!, $to: DateTime!, $p: FeatureProfileInput!) {
    submitFeatureProfile(deploymentId: $dep, windowStart: $from, windowEnd: $to, profile: $p) { id status } }`, { dep: ids.dep1, from, to, p }).then((r) => r.submitFeatureProfile);
  const okReport = await submit("2026-02-01T00:00:00Z", "2026-02-01T01:00:00Z", MATCHING);
  expect(okReport.status).toBe("OK");
  const driftReport = await submit("2026-02-01T01:00:00Z", "2026-02-01T02:00:00Z", SHIFTED);
  expect(driftReport.status).toBe("DRIFT");
  ids.driftReport = driftReport.id;
  const decisions = [
    { n: 1, dep: ids.dep1, at: "2026-02-01T00:30:00Z" }, // OK window, before the incident
    { n: 2, dep: ids.dep1, at: "2026-02-01T01:30:00Z" }, // drift breach, incident open
    { n: 3, dep: ids.dep2, at: "2026-02-01T01:30:00Z" }, // other deployment: no drift, no reference database
  ].map((d) => ({ id: decision(d.n), modelVersionId: mv.id, deploymentId: d.dep, occurredAt: d.at, inputDigest: digest("e"), output: { match: d.n === 2 } }));
  await m(writer, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, { d: decisions });
  ids.incident = (await m(writer, `mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { id } }`, {
    i: { systemId: sys.id, category: "FUNDAMENTAL_RIGHTS", occurredAt: "2026-02-01T01:15:00Z", awareAt: "2026-02-01T03:00:00Z", deathInvolved: false, widespread: false, memberStates: ["DE"], description: "false matches at the border gate", decisionIds: [] },
  })).reportIncident.id;
}

beforeAll(async () => {
  stack = await startTestStack();
  [writer, reports] = await Promise.all([token("pipeline", "lineage:write lineage:read"), token("auditor", "reports:read")]);
  await seed();
});
afterAll(() => stack?.stop());

const exportOf = async (format: "jsonl" | "csv") => {
  const q = new URLSearchParams({ systemId: ids.sys, from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", format });
  const res = await fetch(`${new URL(stack.gateway.url).origin}/exports/decisions?${q}`, { headers: { authorization: `Bearer ${reports}` } });
  expect(res.status).toBe(200);
  return res.text();
};
const byId = (text: string) => new Map(text.trim().split("\n").map((l) => JSON.parse(l)).map((r) => [r.decisionId, r]));

describe("log records with the period of use, reference database, drift and incidents (Art. 12(2)(a), 12(3))", () => {
  it("a decision during a drift breach carries the report and the open incident; the OK window carries neither", async () => {
    const recs = byId(await exportOf("jsonl"));
    const breach = recs.get(decision(2));
    expect(breach.driftEvents).toEqual([{ reportId: ids.driftReport, status: "DRIFT", windowStart: "2026-02-01T01:00:00.000Z", windowEnd: "2026-02-01T02:00:00.000Z", deploymentId: ids.dep1 }]);
    expect(breach.incidents).toEqual([{ incidentId: ids.incident, category: "FUNDAMENTAL_RIGHTS", occurredAt: "2026-02-01T01:15:00.000Z", completedAt: null }]);
    expect(breach.referenceDatabase).toBe("watchlist 2026-01 (national police)");
    expect(breach.deploymentStartedAt).toBe("2026-01-01T00:00:00.000Z");
    // Not ended yet: the end of the period of use is "not recorded", never a default.
    expect(breach.deploymentEndedAt).toBeNull();
    expect(breach.missing).toEqual([]);
    const calm = recs.get(decision(1));
    expect(calm.driftEvents).toEqual([]);
    expect(calm.incidents).toEqual([]);
    // The other deployment has no drift report, the system-wide incident applies, and its reference database is missing (Annex III 1(a)).
    const other = recs.get(decision(3));
    expect(other.driftEvents).toEqual([]);
    expect(other.incidents.map((i: any) => i.incidentId)).toEqual([ids.incident]);
    expect(other.referenceDatabase).toBeNull();
    expect(other.missing).toEqual(["referenceDatabase"]);
  });

  it("after endDeployment the records show the whole period of use, in the extract and in GraphQL", async () => {
    await m(writer, `mutation($id: ID!) { endDeployment(deploymentId: $id, endedAt: "2026-02-15T00:00:00Z") { endedAt } }`, { id: ids.dep1 });
    const rec = byId(await exportOf("jsonl")).get(decision(2));
    expect(rec.deploymentEndedAt).toBe("2026-02-15T00:00:00.000Z");
    expect(rec.missing).toEqual([]);
    const page = (await m(reports, `query($s: ID!) { logExtract(systemId: $s, from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z") {
      records { decisionId deploymentStartedAt deploymentEndedAt referenceDatabase missing driftEvents { reportId status } incidents { incidentId completedAt } } } }`, { s: ids.sys })).logExtract;
    const g = page.records.find((r: any) => r.decisionId === decision(2));
    expect(g).toEqual({ decisionId: decision(2), deploymentStartedAt: "2026-01-01T00:00:00.000Z", deploymentEndedAt: "2026-02-15T00:00:00.000Z", referenceDatabase: "watchlist 2026-01 (national police)", missing: [], driftEvents: [{ reportId: ids.driftReport, status: "DRIFT" }], incidents: [{ incidentId: ids.incident, completedAt: null }] });
    expect(page.records.find((r: any) => r.decisionId === decision(3)).missing).toEqual(["referenceDatabase"]);
  });

  it("CSV keeps the original columns and appends the new ones", async () => {
    const [header, ...lines] = (await exportOf("csv")).trim().split("\r\n");
    const cols = header.split(",");
    expect(cols.slice(0, 3)).toEqual(["decisionId", "occurredAt", "systemId"]);
    expect(cols[18]).toBe("retainUntil");
    expect(cols.slice(19)).toEqual(["deploymentStartedAt", "deploymentEndedAt", "referenceDatabase", "driftEvents", "incidents", "missing"]);
    const row = lines.find((l) => l.startsWith(decision(3)))!;
    expect(row.endsWith(`,[],"[{""incidentId"":""${ids.incident}"",""category"":""FUNDAMENTAL_RIGHTS"",""occurredAt"":""2026-02-01T01:15:00.000Z"",""completedAt"":null}]","[""referenceDatabase""]"`)).toBe(true);
  });

  it("a system outside Annex III 1(a) does not ask for a reference database", async () => {
    const sys = (await m(writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("cv-screen"), version: "1", intendedPurpose: "rank applicants", providerName: "HR AG", riskCategory: "HIGH", annexIIIArea: "EMPLOYMENT" },
    })).registerAISystem;
    const model = (await m(writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "ranker" } })).registerModel;
    const mv = (await m(writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model.id, version: "1", artifactDigest: digest("f") } })).registerModelVersion;
    await m(writer, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, { d: [{ id: `${sys.id}-x`, modelVersionId: mv.id, occurredAt: "2026-02-01T00:00:00Z", inputDigest: digest("e"), output: 1 }] });
    const recs = (await m(reports, `query($s: ID!) { logExtract(systemId: $s, from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { records { referenceDatabase deploymentStartedAt missing driftEvents { reportId } incidents { incidentId } } } }`, { s: sys.id })).logExtract.records;
    expect(recs).toEqual([{ referenceDatabase: null, deploymentStartedAt: null, missing: ["deploymentId"], driftEvents: [], incidents: [] }]);
  });
});
