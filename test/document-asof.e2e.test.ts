import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../runtime/canonical.js";
import type { Stack } from "../launcher/stack.js";
import { gql, ok, startTestStack, token, uniq } from "./support/stack.js";

// Documents as they were, for the documents of a system's records (issue 23 items 7, 8): Alice
// issues the Art. 73 report of an incident, the Annex XI documentation of a model version and the
// Art. 86 explanation of a decision; the graph then changes in what each reads (reviews, deployer
// facts, incident updates, metrics, a release, an approval, a later decision, the deployment's end,
// the profile); Carol regenerates each with asOf = issuedAt and gets the archived bytes and
// signature back, and the log extract as of then is the one read then.
let stack: Stack;
let url: string;
let alice: string;
let bob: string;
let carol: string;

const m = async (bearer: string, q: string, v: Record<string, unknown>) => ok(await gql(url, bearer, q, v));
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const ISSUED = "id kind subjectId format digest signature content issuedAt";
type Issued = { id: string; kind: string; subjectId: string; format: string; digest: string; signature: string; content: string; issuedAt: string };
type Doc = { content: string; digest: string; signature: string; generatedAt: string; asOf: string | null };
/** Each subject kind: its query and the query's id argument. */
const KINDS = { INCIDENT_REPORT: ["incidentReport", "id"], GPAI_DOCUMENTATION: ["gpaiDocumentation", "modelVersionId"], DECISION_EXPLANATION: ["decisionExplanation", "decisionId"] } as const;
type Kind = keyof typeof KINDS;
const docRes = (kind: Kind, id: string, asOf: string | null) =>
  gql<{ d: Doc }>(url, carol, `query($id: ID!, $at: DateTime) { d: ${KINDS[kind][0]}(${KINDS[kind][1]}: $id, format: JSON, asOf: $at) { content digest signature generatedAt asOf } }`, { id, at: asOf });
const doc = async (kind: Kind, id: string, asOf: string | null) => ok(await docRes(kind, id, asOf)).d;
const issue = (systemId: string, kind: string, subjectId: string | null) =>
  gql<{ issueDocument: Issued }>(url, alice, `mutation($k: SystemDocumentKind!, $id: ID!, $s: ID) { issueDocument(kind: $k, systemId: $id, subjectId: $s, format: JSON) { ${ISSUED} } }`, { k: kind, id: systemId, s: subjectId });
const LOG = `query($id: ID!, $from: DateTime!, $to: DateTime!, $at: DateTime) { logExtract(systemId: $id, from: $from, to: $to, asOf: $at) {
  retentionMonths records { decisionId reviewCount reviewOutcome reviews retainUntil deploymentEndedAt incidents { incidentId completedAt } }
  siteSequences { siteId status reason records } } }`;

let world: { systemId: string; mv: string; deploymentId: string; decisionId: string; incidentId: string; site: string; from: string; to: string };
beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
  [alice, bob, carol] = await Promise.all([token("alice", "lineage:write lineage:read reports:read"), token("bob", "approvals:decide lineage:read lineage:write"), token("carol", "reports:read")]);
  const site = (await m(await token("ops", "admin"), `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("fra"), country: "DE", sovereigntyZone: "EU", kind: "COLOCATION" } })).registerSite.id;
  const systemId = (await m(alice, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("credit"), version: "1.0", intendedPurpose: "score consumer loan applications", providerName: "Acme Bank", providerContact: "ai@acme.example", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES" },
  })).registerAISystem.id;
  await m(alice, `mutation($id: ID!, $i: SystemComplianceInput!) { recordSystemCompliance(systemId: $id, input: $i) { seq } }`, {
    id: systemId, i: { exemptionClaimed: false, profilesPeople: true, annexIIIPoint: "5(b)", transparencyTriggers: [], prohibitedPractices: [], annexISafetyComponent: false, memberStates: ["DE"], logRetentionMonths: 12 },
  });
  const model = (await m(alice, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId, name: "scorer" } })).registerModel.id;
  const mv = (await m(alice, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model, version: "1.0.0", artifactDigest: `sha256:${"a".repeat(64)}`, architecture: "gradient-boosted trees" } })).registerModelVersion.id;
  await m(alice, `mutation($mv: ID!, $ms: [MetricInput!]!) { recordMetrics(modelVersionId: $mv, metrics: $ms) { id } }`, { mv, ms: [{ name: "AUC", value: 0.81, threshold: 0.75 }] });
  const deploymentId = (await m(alice, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { i: { modelVersionId: mv, siteId: site, environment: "prod", startedAt: ago(48 * HOUR) } })).recordDeployment.id;
  await m(alice, `mutation($id: ID!, $i: DeploymentComplianceInput!) { recordDeploymentCompliance(deploymentId: $id, input: $i) { seq } }`, {
    id: deploymentId, i: { deployerName: "Beta Sparkasse", deployerContact: "compliance@beta.example", outputUse: "the score ranks applications", decisionMaker: "a credit officer", outputWeight: "advisory", legalOrSignificantEffect: true },
  });
  const decisionId = uniq("dec");
  await m(alice, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, {
    d: [{ id: decisionId, modelVersionId: mv, deploymentId, occurredAt: ago(3 * HOUR), inputDigest: `sha256:${"b".repeat(64)}`, output: { score: 0.41, decision: "reject" }, explanation: "debt-to-income 0.62" }],
  });
  await m(alice, `mutation($i: RecordDecisionReviewInput!) { recordDecisionReview(input: $i) { id } }`, { i: { decisionId, outcome: "CONFIRMED", note: "income verified" } });
  const incidentId = (await m(alice, `mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { id } }`, {
    i: { systemId, category: "FUNDAMENTAL_RIGHTS", occurredAt: ago(4 * HOUR), awareAt: ago(2 * HOUR), deathInvolved: false, widespread: false, memberStates: ["DE"], description: uniq("rejections of older applicants"), decisionIds: [decisionId], modelVersionIds: [mv] },
  })).reportIncident.id;
  world = { systemId, mv, deploymentId, decisionId, incidentId, site, from: ago(24 * HOUR), to: new Date(Date.now() + HOUR).toISOString() };
});
afterAll(() => stack?.stop());

describe("documents of a system's records, as they were", () => {
  it("the incident report, GPAI documentation and decision explanation, issued and then the graph changed, regenerate at issuedAt byte for byte; the log extract as of then is unchanged", async () => {
    const { systemId, mv, decisionId, incidentId, deploymentId } = world;
    const subjects: Record<Kind, string> = { INCIDENT_REPORT: incidentId, GPAI_DOCUMENTATION: mv, DECISION_EXPLANATION: decisionId };
    const issued = {} as Record<Kind, Issued>;
    for (const kind of Object.keys(KINDS) as Kind[]) issued[kind] = ok(await issue(systemId, kind, subjects[kind])).issueDocument;
    const t = issued.DECISION_EXPLANATION.issuedAt;
    const logAt = async (asOf: string | null) => ok(await gql(url, carol, LOG, { id: systemId, from: world.from, to: world.to, at: asOf })).logExtract;
    const exportAt = async (asOf: string) => {
      const res = await fetch(new URL(`/exports/decisions?${new URLSearchParams({ systemId, from: world.from, to: world.to, asOf })}`, url), { headers: { authorization: `Bearer ${carol}` } });
      expect(res.status).toBe(200);
      return res.text();
    };
    const logBefore = await logAt(t);
    const exportBefore = await exportAt(t);
    expect(logBefore.records.map((r: { decisionId: string }) => r.decisionId)).toEqual([decisionId]);

    // After the issue: a second review, a new deployer record, the incident's submission and a
    // corrective action, a metric, the release, an approval, a later decision, the deployment's
    // end (backdated) and a longer retention.
    await m(bob, `mutation($i: RecordDecisionReviewInput!) { recordDecisionReview(input: $i) { id } }`, { i: { decisionId, outcome: "OVERRIDDEN", note: "guarantor present", overrideOutput: { decision: "approve" } } });
    await m(alice, `mutation($id: ID!, $i: DeploymentComplianceInput!) { recordDeploymentCompliance(deploymentId: $id, input: $i) { seq } }`, {
      id: deploymentId, i: { deployerName: "Beta Sparkasse AG", deployerContact: "compliance@beta.example", outputUse: "the score decides small loans", decisionMaker: "a credit officer", outputWeight: "decisive", legalOrSignificantEffect: true },
    });
    await m(alice, `mutation($id: ID!) { recordIncidentSubmission(incidentId: $id, kind: INITIAL, submittedAt: "${ago(HOUR)}", authority: "BaFin", memberState: "DE") { id } }`, { id: incidentId });
    await m(alice, `mutation($id: ID!, $i: CorrectiveActionInput!) { addCorrectiveAction(incidentId: $id, input: $i) { id } }`, { id: incidentId, i: { description: "age removed from features", takenAt: ago(HOUR) } });
    await m(alice, `mutation($mv: ID!, $ms: [MetricInput!]!) { recordMetrics(modelVersionId: $mv, metrics: $ms) { id } }`, { mv, ms: [{ name: "AUC", value: 0.6, threshold: 0.75, subgroup: "age 65+" }] });
    await m(alice, `mutation($id: ID!, $at: DateTime!) { recordModelRelease(modelVersionId: $id, releasedAt: $at) { releasedAt } }`, { id: mv, at: "2026-02-01T00:00:00Z" });
    await m(bob, `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id } }`, { i: { subjectId: mv, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "validation reviewed" } });
    const later = uniq("dec");
    await m(alice, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, {
      d: [{ id: later, modelVersionId: mv, deploymentId, occurredAt: ago(2 * HOUR), inputDigest: `sha256:${"c".repeat(64)}`, output: { score: 0.9 } }],
    });
    await m(alice, `mutation($d: ID!, $at: DateTime!) { endDeployment(deploymentId: $d, endedAt: $at) { id } }`, { d: deploymentId, at: ago(HOUR) });
    await m(alice, `mutation($id: ID!, $i: SystemComplianceInput!) { recordSystemCompliance(systemId: $id, input: $i) { seq } }`, {
      id: systemId, i: { exemptionClaimed: false, profilesPeople: true, annexIIIPoint: "5(b)", transparencyTriggers: [], prohibitedPractices: [], annexISafetyComponent: false, memberStates: ["DE"], logRetentionMonths: 24 },
    });

    const laterText: Record<Kind, string[]> = { INCIDENT_REPORT: ["BaFin", "age removed from features", "OVERRIDDEN"], GPAI_DOCUMENTATION: ["age 65+", "2026-02-01", "APPROVED"], DECISION_EXPLANATION: ["Beta Sparkasse AG", "guarantor present", "decisive"] };
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const archived = issued[kind];
      expect(archived).toMatchObject({ kind, subjectId: subjects[kind], format: "JSON", id: `idoc:${archived.digest.slice(7)}` });
      expect(archived.digest).toBe(`sha256:${sha256Hex(archived.content)}`);
      const again = await doc(kind, subjects[kind], archived.issuedAt);
      expect({ kind, content: again.content }).toEqual({ kind, content: archived.content });
      expect(again).toMatchObject({ digest: archived.digest, signature: archived.signature, generatedAt: archived.issuedAt, asOf: archived.issuedAt });
      const now = await doc(kind, subjects[kind], null);
      for (const text of laterText[kind]) {
        expect({ kind, text, now: now.content.includes(text) }).toEqual({ kind, text, now: true });
        expect({ kind, text, archived: archived.content.includes(text) }).toEqual({ kind, text, archived: false });
      }
    }

    // The log extract and the export as of t read what was recorded by t: one decision with one
    // review, the deployment running, 12 months' retention; now they show the changes.
    expect(await logAt(t)).toEqual(logBefore);
    expect(await exportAt(t)).toBe(exportBefore);
    expect(logBefore).toMatchObject({ retentionMonths: 12, records: [{ reviewCount: 1, reviewOutcome: "CONFIRMED", deploymentEndedAt: null }] });
    expect(logBefore.siteSequences).toEqual([{ siteId: world.site, status: "UNKNOWN", reason: expect.stringMatching(/^not recorded as of /), records: 0 }]);
    const logNow = await logAt(null);
    expect(logNow.records.map((r: { decisionId: string }) => r.decisionId)).toEqual([decisionId, later]);
    expect(logNow).toMatchObject({ retentionMonths: 24, records: [{ reviewCount: 2, reviewOutcome: "OVERRIDDEN", deploymentEndedAt: expect.any(String) }, {}] });
    expect(exportBefore.trim().split("\n")).toHaveLength(1);

    // A decision recorded after t did not exist at t.
    const gone = await docRes("DECISION_EXPLANATION", later, t);
    expect(gone.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" }, message: expect.stringContaining(`was recorded at `) });
    expect(gone.errors?.[0].message).toContain(`after asOf ${t}`);
  });

  it("a subject of another system is BAD_USER_INPUT naming subjectId; one recorded after asOf is NOT_FOUND saying when", async () => {
    const { systemId, mv, decisionId, incidentId } = world;
    const other = (await m(alice, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("other"), version: "1", intendedPurpose: "x", providerName: "Acme", providerContact: "a@acme.example", riskCategory: "MINIMAL" },
    })).registerAISystem.id;
    const subjects: Record<Kind, string> = { INCIDENT_REPORT: incidentId, GPAI_DOCUMENTATION: mv, DECISION_EXPLANATION: decisionId };
    const before = "2020-01-01T00:00:00.000Z";
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const wrong = await issue(other, kind, subjects[kind]);
      expect({ kind, errors: wrong.errors?.map((e) => [e.extensions?.code, e.message.startsWith("subjectId:")]) }).toEqual({ kind, errors: [["BAD_USER_INPUT", true]] });
      const none = await issue(systemId, kind, null);
      expect({ kind, errors: none.errors?.map((e) => [e.extensions?.code, e.message.startsWith("subjectId:")]) }).toEqual({ kind, errors: [["BAD_USER_INPUT", true]] });
      const early = await docRes(kind, subjects[kind], before);
      expect({ kind, code: early.errors?.[0].extensions?.code }).toEqual({ kind, code: "NOT_FOUND" });
      expect(early.errors?.[0].message).toMatch(new RegExp(`^(Incident|ModelVersion|Decision) ${subjects[kind]} was recorded at \\S+, after asOf ${before}: it did not exist then$`));
    }
    const log = await gql(url, carol, LOG, { id: systemId, from: world.from, to: world.to, at: before });
    expect(log.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" }, message: expect.stringContaining(`AISystem ${systemId} was recorded at`) });
    const exp = (asOf: string) => fetch(new URL(`/exports/decisions?${new URLSearchParams({ systemId, from: world.from, to: world.to, asOf })}`, url), { headers: { authorization: `Bearer ${carol}` } });
    const early = await exp(before);
    expect(early.status).toBe(404);
    expect(((await early.json()) as { error: { message: string } }).error.message).toContain("was recorded at");
    const bad = await exp("yesterday");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^asOf: /);
  });

  it("the command line regenerates an incident report with --as-of, its signature checked, as the archived copy", async () => {
    const archived = ok(await issue(world.systemId, "INCIDENT_REPORT", world.incidentId)).issueDocument;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-asof-"));
    const out = path.join(dir, "incident.json");
    const r = await new Promise<{ code: number; err: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", "tools/report.ts", "--incident", world.incidentId, "--format", "json", "--out", out, "--as-of", archived.issuedAt],
        { env: { ...process.env, LINEAGE_URL: new URL(url).origin, LINEAGE_TOKEN: carol } }, (e, _out, err) => resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, err }));
    });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`generated ${archived.issuedAt}): status`);
    expect(r.err).toContain(`${archived.digest}, signature verified`);
    expect(fs.readFileSync(out, "utf8")).toBe(archived.content);
    expect(fs.readFileSync(`${out}.jws`, "utf8").trim()).toBe(archived.signature);
  });
});
