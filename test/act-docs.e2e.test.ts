import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../runtime/canonical.js";
import type { Stack } from "../launcher/stack.js";
import { launchBrowser } from "./support/browser.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

// Alice (provider) registers a credit-scoring system (Annex III 5(b)), Bob approves, Dana (a
// bank deploying it) records her deployer facts, Carol is the compliance tooling reading documents.
let stack: Stack;
let url: string;
let alice: string;
let bob: string;
let ops: string;
let carol: string;

const m = async (bearer: string, q: string, variables: Record<string, unknown>) => ok(await gql(url, bearer, q, variables));

const PROFILE = {
  exemptionClaimed: false, profilesPeople: true, annexIIIPoint: "5(b)", transparencyTriggers: [], prohibitedPractices: [],
  hardware: ["x86-64 servers"], harmonisedStandards: ["EN ISO/IEC 42001:2023"], memberStates: ["DE"], logRetentionMonths: 12,
  instructionsForUseRef: "IFU-1", humanOversightMeasures: "credit officer reviews every rejection", cybersecurityMeasures: "signed artifacts",
  predeterminedChanges: "monthly retraining", capabilitiesAndLimitations: "consumer loans up to EUR 50k", inputDataSpecification: "application form v7",
  postMarketMonitoringPlan: "weekly drift reports, quarterly bias audit", providerAddress: "1 Main St, Frankfurt",
  outputInterpretation: "score 0-1; above 0.6 approve", declarationSignatory: "Frankfurt, 2026-03-01, J. Doe, Head of Compliance",
  annexISafetyComponent: false, dataProtectionInstruments: ["GDPR"],
};
const DEPLOYER = {
  deployerName: "Beta Sparkasse", deployerContact: "compliance@beta.example", deployerPublicService: false, oversightPersons: "two credit officers",
  processDescription: "consumer loan origination", periodAndFrequency: "continuous, ~500 applications a day", affectedPersons: "loan applicants",
  specificRisks: "discrimination by age", humanOversightMeasures: "four-eyes review of rejections", riskMeasures: "complaints desk, monthly audit",
};

type Doc = { format: string; content: string; completeness: number; missing: string[]; digest: string; signature: string; schema: string; subjectId: string; generatedAt: string; status: string; blockers: string[]; asOf: string | null; sections: { number: string; missing: string[] }[] };
const FIELDS = "format content completeness missing digest signature schema subjectId generatedAt status blockers asOf sections { number missing }";
const docOf = async (query: string, arg: string, id: string, format = "JSON"): Promise<Doc> =>
  ok(await gql<Record<string, Doc>>(url, carol, `query($id: ID!, $f: DocumentFormat) { ${query}(${arg}: $id, format: $f) { ${FIELDS} } }`, { id, f: format }))[query];
type Ob = { article: string; title: string; role: string; appliesFrom: string; inForce: boolean; status: string; evidence: string[]; missing: string[] };
const obligationsOf = async (id: string, role = "PROVIDER", asOf: string | null = null): Promise<Ob[]> =>
  ok(await gql(url, carol, `query($id: ID!, $r: OperatorRole, $at: DateTime) { obligations(systemId: $id, role: $r, asOf: $at) { article title role appliesFrom inForce status evidence missing } }`, { id, r: role, at: asOf })).obligations as Ob[];

let world: { systemId: string; mv: string; deploymentId: string; decisionId: string; bareDecision: string };

async function buildWorld() {
  const site = (await m(ops, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("fra"), country: "DE", sovereigntyZone: "EU", kind: "COLOCATION" } })).registerSite.id;
  const systemId = (await m(alice, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("credit"), version: "1.0", intendedPurpose: "score consumer loan applications", providerName: "Acme Bank", providerContact: "ai@acme.example", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES" },
  })).registerAISystem.id;
  const model = (await m(alice, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId, name: "scorer" } })).registerModel.id;
  const mv = (await m(alice, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model, version: "1.0.0", artifactDigest: `sha256:${"a".repeat(64)}`, architecture: "gradient-boosted trees" } })).registerModelVersion.id;
  await m(alice, `mutation($mv: ID!, $ms: [MetricInput!]!) { recordMetrics(modelVersionId: $mv, metrics: $ms) { id } }`, { mv, ms: [{ name: "AUC", value: 0.81, threshold: 0.75 }, { name: "AUC", value: 0.7, threshold: 0.75, subgroup: "age 65+" }] });
  await m(bob, `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id } }`, { i: { subjectId: mv, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "validation reviewed" } });
  await m(alice, `mutation($i: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $i) { id } }`, {
    i: { subjectId: systemId, subjectType: "AI_SYSTEM", hazard: "unfair rejection of older applicants", affectedPersons: "loan applicants", foreseeableMisuse: "use for business loans", estimate: "medium", mitigation: "human review", residualRisk: "low" },
  });
  await m(alice, `mutation($id: ID!, $i: SystemComplianceInput!) { recordSystemCompliance(systemId: $id, input: $i) { seq } }`, { id: systemId, i: PROFILE });
  const deploymentId = (await m(alice, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { i: { modelVersionId: mv, siteId: site, environment: "prod", startedAt: "2026-03-01T00:00:00Z" } })).recordDeployment.id;
  // Decided after Bob's approval, so that approval is in force at the decision's time.
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const decisionId = uniq("dec");
  const bareDecision = uniq("dec");
  await m(alice, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, {
    d: [
      { id: decisionId, modelVersionId: mv, deploymentId, occurredAt: at(0), inputDigest: `sha256:${"b".repeat(64)}`, output: { score: 0.41, decision: "reject" }, confidence: 0.9, explanation: "debt-to-income 0.62 (weight 0.5); two missed payments (0.3)" },
      { id: bareDecision, modelVersionId: mv, deploymentId, occurredAt: at(1000), inputDigest: `sha256:${"c".repeat(64)}`, output: { score: 0.7 } },
    ],
  });
  await m(alice, `mutation($i: RecordDecisionReviewInput!) { recordDecisionReview(input: $i) { id } }`, { i: { decisionId, outcome: "CONFIRMED", note: "income verified" } });
  await m(bob, `mutation($i: RecordDecisionReviewInput!) { recordDecisionReview(input: $i) { id } }`, { i: { decisionId, outcome: "OVERRIDDEN", note: "guarantor present", overrideOutput: { decision: "approve" } } });
  return { systemId, mv, deploymentId, decisionId, bareDecision };
}

beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
  [alice, bob, ops, carol] = await Promise.all([
    token("alice", "lineage:write lineage:read"), token("bob", "approvals:decide lineage:read lineage:write"), token("ops", "admin"), token("carol", "reports:read lineage:read"),
  ]);
  world = await buildWorld();
});
afterAll(() => stack?.stop());

const SYSTEM_DOCS = [
  ["instructionsForUse", "instructions-for-use/1"], ["declarationOfConformity", "eu-declaration-of-conformity/1"],
  ["euDatabaseRegistration", "eu-database-registration/1"], ["postMarketMonitoringPlan", "post-market-monitoring-plan/2"],
] as const;

describe("AI Act documents (second round) through the gateway", () => {
  it("each system document comes in every format, signed over its digest, naming what the graph lacks", async () => {
    const jwks = createLocalJWKSet((await (await fetch(new URL("/.well-known/jwks.json", url))).json()) as JSONWebKeySet);
    for (const [query, schema] of SYSTEM_DOCS) {
      for (const format of ["MARKDOWN", "HTML", "JSON"]) {
        const d = await docOf(query, "systemId", world.systemId, format);
        expect(d).toMatchObject({ format, schema, subjectId: world.systemId });
        expect(d.digest).toBe(`sha256:${sha256Hex(d.content)}`);
        const { payload } = await compactVerify(d.signature, jwks);
        expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ digest: d.digest, format, schema });
        expect(d.completeness).toBeGreaterThan(0);
        if (format === "JSON") expect(JSON.parse(d.content).schema).toBe(schema);
      }
    }
    const ifu = await docOf("instructionsForUse", "systemId", world.systemId);
    expect(ifu.missing).toEqual([expect.stringContaining(`ComplianceProfile ${world.systemId}: lifetimeAndMaintenance missing`)]);
    const body = JSON.parse(ifu.content);
    expect(body.sections[1].data["(iv), (vii) Interpreting the output"]).toBe("score 0-1; above 0.6 approve");
  });

  it("the declaration is a DRAFT naming what the evidence contradicts or lacks, and never claims more (Art. 47, Annex V)", async () => {
    const d = await docOf("declarationOfConformity", "systemId", world.systemId, "MARKDOWN");
    expect(d.content).toContain("conformity assessment based on internal control (Annex VI) (Art. 43(2))");
    expect(d.content).toContain("J. Doe, Head of Compliance");
    // Annex V(5): a credit-scoring system processes personal data at every decision (profiling), though no training data is flagged.
    expect(d.content).toContain("The system processes personal data (profiling of natural persons); the provider states compliance with Regulation (EU) 2016/679");
    // Annex V(6): no standard is cited in the Official Journal (HARMONISED_STANDARDS is empty): another technical specification.
    expect(d.content).toMatch(/6\. Other technical specifications \| EN ISO\/IEC 42001:2023/);
    expect(d).toMatchObject({ status: "DRAFT", asOf: null, completeness: 1 });
    expect(d.content).toContain("**Status: DRAFT**");
    const blocked = (doc: Doc) => doc.blockers.map((b) => b.split(" (")[0]);
    expect(blocked(d)).toEqual(["Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15", "Art. 17", "Art. 43"]);
    expect(d.blockers.find((b) => b.startsWith("Art. 15"))).toMatch(/is UNMET: .*AUC, age 65\+\) misses its threshold: 0\.7 vs 0\.75/);

    // The provider records what it did; each record is audited, and each obligation it evidences is MET.
    const at = "2026-03-01T00:00:00Z";
    const qms = (await m(alice, `mutation($id: ID!, $i: QualityManagementSystemInput!) { recordQualityManagementSystem(systemId: $id, input: $i) { id kind version recordedBy } }`, {
      id: world.systemId, i: { reference: "QMS-ACME", version: "3.2", adoptedAt: at, adoptedBy: "Board of Acme Bank", digest: `sha256:${"e".repeat(64)}` },
    })).recordQualityManagementSystem;
    expect(qms).toMatchObject({ kind: "QUALITY_MANAGEMENT_SYSTEM", version: "3.2", recordedBy: "alice" });
    const ca = `mutation($id: ID!, $i: ConformityAssessmentInput!) { recordConformityAssessment(systemId: $id, input: $i) { id procedure outcome } }`;
    expect((await gql(url, alice, ca, { id: world.systemId, i: { procedure: "ANNEX_VII", assessedAt: at, assessor: "x", outcome: "CONFORMS" } })).errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/^input\.notifiedBody/) });
    expect((await gql(url, carol, ca, { id: world.systemId, i: { procedure: "ANNEX_VI", assessedAt: at, assessor: "x", outcome: "CONFORMS" } })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    await m(alice, ca, { id: world.systemId, i: { procedure: "ANNEX_VI", assessedAt: at, assessor: "Head of Model Risk", outcome: "CONFORMS", certificateRef: "IC-2026-01" } });
    const ev = `mutation($id: ID!, $i: ComplianceEvidenceInput!) { recordComplianceEvidence(systemId: $id, input: $i) { id } }`;
    for (const kind of ["TECHNICAL_DOCUMENTATION", "RECORD_KEEPING", "INSTRUCTIONS_FOR_USE", "HUMAN_OVERSIGHT_TEST", "ROBUSTNESS_CYBERSECURITY_TEST"]) {
      await m(alice, ev, { id: world.systemId, i: { kind, role: "PROVIDER", performedAt: at, performedBy: "J. Doe", reference: `${kind}-1`, digest: `sha256:${"f".repeat(64)}` } });
    }
    expect((await gql(url, alice, ev, { id: world.systemId, i: { kind: "CE_MARKING", role: "PROVIDER", performedAt: "2999-01-01T00:00:00Z", performedBy: "x", reference: "y" } })).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const events = ok(await gql(url, ops, `query($s: String) { auditEvents(subject: $s, first: 500) { operation actor } }`, { s: world.systemId })).auditEvents as { operation: string; actor: string }[];
    expect(events).toEqual(expect.arrayContaining([{ operation: "recordQualityManagementSystem", actor: "alice" }, { operation: "recordConformityAssessment", actor: "alice" }, { operation: "recordComplianceEvidence", actor: "alice" }]));

    // Still a DRAFT: the failing subgroup metric (Art. 15, 9) and the unrecorded data governance (Art. 10) stand.
    const after = await docOf("declarationOfConformity", "systemId", world.systemId);
    expect(after.status).toBe("DRAFT");
    expect(blocked(after)).toEqual(["Art. 9", "Art. 10", "Art. 15"]);
    expect(JSON.parse(after.content)).toMatchObject({ status: "DRAFT", blockers: after.blockers });

    // Art. 49: Section A; the registration still lacks the declaration copy.
    const reg = await docOf("euDatabaseRegistration", "systemId", world.systemId);
    expect(reg.sections.map((s) => s.number)).toEqual(["A"]);
    expect(reg.missing.some((x) => x.includes("declarationOfConformityCopy missing"))).toBe(true);
    expect(JSON.parse(reg.content).sections[0].data["A7. Status"]).toBe("in service (1 active deployment)");
  });

  it("the post-market monitoring plan asks for performance in use per declared metric and subgroup, and shows what recorded outcomes say (Art. 72(2))", async () => {
    const d = await docOf("postMarketMonitoringPlan", "systemId", world.systemId);
    expect([...d.missing].sort()).toEqual([
      `Deployment ${world.deploymentId}: performance in use: AUC (age 65+) missing (the declared metric measured on recorded outcomes or deployer feedback, Art. 72(2); recordPerformanceInUse)`,
      `Deployment ${world.deploymentId}: performance in use: AUC missing (the declared metric measured on recorded outcomes or deployer feedback, Art. 72(2); recordPerformanceInUse)`,
    ]);
    expect(JSON.parse(d.content).sections[2].data.thresholds.numeric).toMatchObject({ warn: 0.1, drift: 0.25 });
    const perf = `mutation($i: PerformanceInUseInput!) { recordPerformanceInUse(input: $i) { id threshold passed declaredMetricId } }`;
    const w = (q: number) => (q === 1 ? { windowStart: "2026-03-01T00:00:00Z", windowEnd: "2026-05-31T00:00:00Z" } : { windowStart: "2026-06-01T00:00:00Z", windowEnd: "2026-08-31T00:00:00Z" });
    const base = { deploymentId: world.deploymentId, metric: "AUC", sampleSize: 400, source: "RECORDED_OUTCOMES", reference: "repayments ledger Q" };
    expect((await m(alice, perf, { i: { ...base, ...w(1), value: 0.8 } })).recordPerformanceInUse).toMatchObject({ threshold: 0.75, passed: true });
    await m(alice, perf, { i: { ...base, ...w(1), subgroup: "age 65+", value: 0.77, sampleSize: 60 } });
    // Over time, the subgroup falls below its declared threshold on deployer feedback.
    expect((await m(alice, perf, { i: { ...base, ...w(2), subgroup: "age 65+", value: 0.69, sampleSize: 55, source: "DEPLOYER_FEEDBACK", reference: "Beta Sparkasse complaints review" } })).recordPerformanceInUse).toMatchObject({ passed: false });
    const bad = await gql(url, alice, perf, { i: { ...base, ...w(1), metric: "F1", value: 0.5 } });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining("no metric F1") });
    const early = await gql(url, alice, perf, { i: { ...base, windowStart: "2026-01-01T00:00:00Z", windowEnd: "2026-02-01T00:00:00Z", value: 0.9 } });
    expect(early.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining("before the deployment started") });
    const after = await docOf("postMarketMonitoringPlan", "systemId", world.systemId);
    expect(after.missing).toEqual([]);
    const table = JSON.parse(after.content).sections[1];
    // By metric and subgroup, then over time.
    expect(table.data.performance[0].observations.map((o: { subgroup?: string; value: number; passed: boolean }) => [o.subgroup ?? null, o.value, o.passed])).toEqual([["age 65+", 0.77, true], ["age 65+", 0.69, false], [null, 0.8, true]]);
    expect(after.content).toContain("AUC (age 65+) = 0.69 on 55 deployer feedback items");
    const o = new Map((await obligationsOf(world.systemId)).map((x) => [x.article, x]));
    expect(o.get("Art. 72")!.evidence.filter((e) => e.includes("recorded outcomes") || e.includes("deployer feedback"))).toHaveLength(3);
    expect(o.get("Art. 20")!.missing[0]).toContain("AUC (age 65+) in use 0.69 misses its declared threshold");
  });

  it("the FRIA names the deployer once recorded, and the deployer facts are audited", async () => {
    const before = await docOf("fundamentalRightsImpactAssessment", "deploymentId", world.deploymentId);
    expect(before.schema).toBe("fundamental-rights-impact-assessment/1");
    expect(before.missing).toEqual(expect.arrayContaining([expect.stringContaining(`DeploymentCompliance ${world.deploymentId}: deployerName missing`)]));
    const rec = `mutation($id: ID!, $i: DeploymentComplianceInput!) { recordDeploymentCompliance(deploymentId: $id, input: $i) { id seq deployerName recordedBy } }`;
    expect((await gql(url, carol, rec, { id: world.deploymentId, i: DEPLOYER })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const saved = (await m(alice, rec, { id: world.deploymentId, i: DEPLOYER })).recordDeploymentCompliance;
    expect(saved).toMatchObject({ seq: 1, deployerName: "Beta Sparkasse", recordedBy: "alice" });
    const events = ok(await gql(url, ops, `query($s: String) { auditEvents(subject: $s, first: 500) { operation actor } }`, { s: world.deploymentId })).auditEvents as { operation: string; actor: string }[];
    expect(events).toContainEqual({ operation: "recordDeploymentCompliance", actor: "alice" });
    const after = await docOf("fundamentalRightsImpactAssessment", "deploymentId", world.deploymentId, "MARKDOWN");
    expect(after.content).toContain("Beta Sparkasse");
    // Annex III 5(b): every deployer assesses; only the Art. 27(3) notification is still missing.
    expect(after.missing).toEqual([expect.stringContaining("authorityNotifiedAt missing")]);
    const unknown = await gql(url, carol, `query { fundamentalRightsImpactAssessment(deploymentId: "dep_nope") { digest } }`, {});
    expect(unknown.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("explains a decision to the person affected where Art. 86 applies: the system's role, the main elements, the rights", async () => {
    // Not yet recorded whether the decision has legal or similarly significant effects: a DRAFT saying so.
    const draft = await docOf("decisionExplanation", "decisionId", world.decisionId);
    expect(draft).toMatchObject({ schema: "decision-explanation/2", subjectId: world.decisionId, status: "DRAFT" });
    expect(draft.blockers[0]).toMatch(/^Art\. 86\(1\): whether the decision has legal or similarly significant effects on the person is not recorded/);
    await m(alice, `mutation($id: ID!, $i: DeploymentComplianceInput!) { recordDeploymentCompliance(deploymentId: $id, input: $i) { seq } }`, {
      id: world.deploymentId, i: { ...DEPLOYER, legalOrSignificantEffect: true, outputUse: "the score ranks the application; rejections go to a credit officer", decisionMaker: "a credit officer", outputWeight: "decisive below 0.4, advisory above" },
    });
    const d = await docOf("decisionExplanation", "decisionId", world.decisionId);
    expect(d).toMatchObject({ status: "ISSUABLE", blockers: [], missing: [], completeness: 1 });
    const body = JSON.parse(d.content);
    expect(body.sections.map((s: { title: string }) => s.title)).toEqual(["The decision and the role of the AI system", "The main elements of the decision", "Your rights"]);
    expect(body.sections[0].data).toMatchObject({ "Who decides": "a credit officer", "How much weight the result has": "decisive below 0.4, advisory above" });
    expect(body.sections[0].data["What was decided"]).toContain('Beta Sparkasse reached this result: {"decision":"approve"}');
    expect(body.sections[0].data["Human review"]).toMatch(/A person \(alice\) reviewed it on .* and confirmed the result: income verified\. A person \(bob\) reviewed it on .* and changed the result: guarantor present\./);
    expect(body.sections[1].data.mainElements).toBe("debt-to-income 0.62 (weight 0.5); two missed payments (0.3)");
    expect(body.sections[2].data.rights.join(" ")).toMatch(/contact compliance@beta\.example/);
    // The audit trace stays a separate document: no artifact digest or approvals here.
    expect(d.content).not.toContain("sha256:");
    const bare = await docOf("decisionExplanation", "decisionId", world.bareDecision);
    expect(bare.missing).toEqual([expect.stringContaining(`Decision ${world.bareDecision}: explanation missing`)]);
    // Where the deployer records no legal or similarly significant effect, Art. 86 does not apply and the document says why.
    await m(alice, `mutation($id: ID!, $i: DeploymentComplianceInput!) { recordDeploymentCompliance(deploymentId: $id, input: $i) { seq } }`, { id: world.deploymentId, i: { ...DEPLOYER, legalOrSignificantEffect: false } });
    const na = await docOf("decisionExplanation", "decisionId", world.decisionId);
    expect(na).toMatchObject({ status: "NOT_APPLICABLE", sections: [] });
    expect(JSON.parse(na.content).findings[0]).toMatch(/no legal or similarly significant effect/);
    await m(alice, `mutation($id: ID!, $i: DeploymentComplianceInput!) { recordDeploymentCompliance(deploymentId: $id, input: $i) { seq } }`, { id: world.deploymentId, i: DEPLOYER });
  });

  it("lists the provider's obligations with their dates, status and evidence", async () => {
    const o = await obligationsOf(world.systemId);
    expect(o.map((x) => x.article)).toEqual([
      "Art. 5", "Art. 5 (2026)", "Art. 6", "Art. 4", "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15",
      "Art. 16(b)", "Art. 17", "Art. 19", "Art. 20", "Art. 43", "Art. 47", "Art. 48", "Art. 49(1)", "Art. 72", "Art. 73", "Art. 111(2)",
    ]);
    const by = new Map(o.map((x) => [x.article, x]));
    expect(by.get("Art. 5")).toMatchObject({ role: "PROVIDER", appliesFrom: "2025-02-02", inForce: true, status: "MET", evidence: [expect.stringContaining("no prohibited practice recorded by alice")] });
    // Annex III (point 5(b)): Chapter III from 2 Dec 2027.
    expect(by.get("Art. 9")).toMatchObject({ appliesFrom: "2027-12-02", inForce: false, status: "UNMET" });
    // A free-text QMS reference in the profile is not evidence; the audited record is.
    expect(by.get("Art. 17")).toMatchObject({ status: "MET", evidence: [expect.stringMatching(/QMS-ACME version 3\.2, performed 2026-03-01T00:00:00\.000Z by Board of Acme Bank; recorded by alice at .*; sha256:e{64}/)] });
    expect(by.get("Art. 43")!.evidence[0]).toMatch(/procedure ANNEX_VI; outcome CONFORMS/);
    expect(by.get("Art. 15")).toMatchObject({ status: "UNMET", missing: [expect.stringMatching(/AUC, age 65\+\) misses its threshold: 0\.7 vs 0\.75/)] });
    expect(by.get("Art. 19")).toMatchObject({ status: "MET", evidence: [expect.stringContaining("logs kept 12 months")] });
    expect(by.get("Art. 20")).toMatchObject({ status: "UNKNOWN", missing: [expect.stringContaining("CORRECTIVE_ACTION")] });
    // As of a date after 2 Dec 2027 the Chapter III duties are in force; as of a date before the records, the records did not exist.
    expect((await obligationsOf(world.systemId, "PROVIDER", "2028-01-01T00:00:00Z")).find((x) => x.article === "Art. 9")!.inForce).toBe(true);
    expect((await obligationsOf(world.systemId, "PROVIDER", "2026-01-01T00:00:00Z")).find((x) => x.article === "Art. 17")!.status).toBe("UNKNOWN");
    expect((await gql(url, alice, `query($id: ID!) { obligations(systemId: $id) { article } }`, { id: world.systemId })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("lists the deployer's obligations per deployment, and a public authority's use gets Annex VIII Section C", async () => {
    const o = await obligationsOf(world.systemId, "DEPLOYER");
    expect(o.map((x) => x.article)).toEqual(["Art. 5", "Art. 5 (2026)", "Art. 4", "Art. 26(2)", "Art. 26(5)", "Art. 26(6)", "Art. 26(7)", "Art. 26(8), 49(3)", "Art. 26(9)", "Art. 26(11)", "Art. 27", "Art. 25(1)"]);
    const by = new Map(o.map((x) => [x.article, x]));
    expect(by.get("Art. 26(2)")).toMatchObject({ role: "DEPLOYER", status: "MET", title: "Human oversight assigned (Beta Sparkasse)" });
    expect(by.get("Art. 26(8), 49(3)")).toMatchObject({ status: "UNKNOWN", missing: [expect.stringContaining("deployerPublicAuthority missing")] });
    expect(by.get("Art. 26(9)")).toMatchObject({ status: "UNKNOWN", missing: [expect.stringContaining("DATA_PROTECTION_IMPACT_ASSESSMENT")] });
    await m(alice, `mutation($id: ID!, $i: DeploymentComplianceInput!) { recordDeploymentCompliance(deploymentId: $id, input: $i) { seq } }`, { id: world.deploymentId, i: { ...DEPLOYER, deployerPublicAuthority: true, workplaceUse: false } });
    const reg = await docOf("euDatabaseRegistration", "systemId", world.systemId);
    expect(reg.sections.map((s) => s.number)).toEqual(["A", "C1"]);
    expect(JSON.parse(reg.content).sections[1]).toMatchObject({ ref: "Art. 26(8), 49(3), Annex VIII Section C", data: { "C1. Deployer": "Beta Sparkasse" } });
    const ev = `mutation($id: ID!, $i: ComplianceEvidenceInput!) { recordComplianceEvidence(systemId: $id, input: $i) { id deploymentId role } }`;
    const rec = (await m(alice, ev, { id: world.systemId, i: { kind: "EU_DATABASE_REGISTRATION", role: "DEPLOYER", deploymentId: world.deploymentId, performedAt: "2026-04-01T00:00:00Z", performedBy: "Beta Sparkasse", reference: "EU-DB-C-0001" } })).recordComplianceEvidence;
    expect(rec).toMatchObject({ deploymentId: world.deploymentId, role: "DEPLOYER" });
    const now = new Map((await obligationsOf(world.systemId, "DEPLOYER")).map((x) => [x.article, x]));
    expect(now.get("Art. 26(8), 49(3)")).toMatchObject({ status: "MET", evidence: [expect.stringContaining("EU-DB-C-0001")] });
    expect(now.get("Art. 26(7)")!.status).toBe("NOT_APPLICABLE");
    // Another system's deployment cannot carry this system's evidence.
    const other = await gql(url, alice, ev, { id: world.systemId, i: { kind: "WORKERS_INFORMED", role: "DEPLOYER", deploymentId: "dep_nope", performedAt: "2026-04-01T00:00:00Z", performedBy: "x", reference: "y" } });
    expect(other.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("lists the importer's, distributor's and authorised representative's obligations", async () => {
    expect((await obligationsOf(world.systemId, "IMPORTER")).map((x) => `${x.article}:${x.status}`)).toEqual(["Art. 5:MET", "Art. 5 (2026):MET", "Art. 23(1):UNKNOWN", "Art. 23(3):UNKNOWN", "Art. 25(1):UNKNOWN"]);
    expect((await obligationsOf(world.systemId, "DISTRIBUTOR")).map((x) => x.article)).toEqual(["Art. 5", "Art. 5 (2026)", "Art. 24(1)", "Art. 25(1)"]);
    expect((await obligationsOf(world.systemId, "AUTHORISED_REPRESENTATIVE")).map((x) => x.article)).toEqual(["Art. 5", "Art. 5 (2026)", "Art. 22"]);
  });

  it("needs reports:read and names unknown ids", async () => {
    for (const [query] of SYSTEM_DOCS) {
      const q = `query($id: ID!) { ${query}(systemId: $id) { digest } }`;
      expect((await gql(url, alice, q, { id: world.systemId })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect((await gql(url, carol, q, { id: "sys_nope" })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    }
    expect((await gql(url, carol, `query { decisionExplanation(decisionId: "dec_nope") { digest } }`, {})).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await gql(url, carol, `query { obligations(systemId: "sys_nope") { article } }`, {})).errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("the command line writes every document and the obligations, with --as-of, status and blockers, the signature checked", async () => {
    const run = (args: string[]) => new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", "tools/report.ts", ...args], { env: { ...process.env, LINEAGE_URL: new URL(url).origin, LINEAGE_TOKEN: carol } }, (e, out, err) =>
        resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out, err }));
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
    const out = path.join(dir, "doc.json");
    const decl = await run(["--declaration", world.systemId, "--format", "json", "--out", out, "--as-of", new Date().toISOString()]);
    expect(decl.code, decl.err).toBe(0);
    expect(decl.err).toMatch(/status DRAFT, completeness 100\.0 %; sha256:[0-9a-f]{64}, signature verified/);
    expect(decl.err).toMatch(/blocker: Art\. 15 \(Accuracy, robustness and cybersecurity\) is UNMET/);
    const written = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(written).toMatchObject({ schema: "eu-declaration-of-conformity/1", status: "DRAFT" });
    expect(fs.readFileSync(`${out}.jws`, "utf8").trim().split(".")).toHaveLength(3);
    // An issued document comes back from the archive as issued, its signature checked.
    const issued = (await m(alice, `mutation($id: ID!) { issueDocument(kind: DECLARATION_OF_CONFORMITY, systemId: $id, format: JSON) { id } }`, { id: world.systemId })).issueDocument.id as string;
    const fromArchive = await run(["--issued", issued, "--out", path.join(dir, "issued.json")]);
    expect(fromArchive.code, fromArchive.err).toBe(0);
    expect(fromArchive.err).toMatch(/\(DECLARATION_OF_CONFORMITY, eu-declaration-of-conformity\/1, issued .* by alice, kept until .*\): status DRAFT; sha256:[0-9a-f]{64}, signature verified/);
    expect(`idoc:${sha256Hex(fs.readFileSync(path.join(dir, "issued.json"), "utf8"))}`).toBe(issued);
    for (const [flag, id] of [["--instructions", world.systemId], ["--registration", world.systemId], ["--monitoring", world.systemId], ["--fria", world.deploymentId], ["--explanation", world.decisionId]]) {
      const r = await run([flag, id, "--format", "md", "--out", path.join(dir, `${flag.slice(2)}.md`)]);
      expect(r.code, `${flag}: ${r.err}`).toBe(0);
      expect(r.err).toMatch(/status (ISSUABLE|DRAFT|NOT_APPLICABLE)/);
    }
    const ob = await run(["--obligations", world.systemId, "--role", "DEPLOYER", "--as-of", "2028-01-01T00:00:00Z"]);
    expect(ob.code, ob.err).toBe(0);
    expect(ob.out).toMatch(/^\| Art\. 26\(2\) \| Human oversight assigned \(Beta Sparkasse\) \| DEPLOYER \| 2027-12-02 \| yes \| MET \|/m);
    expect(ob.err).toMatch(/\(obligations\/1, generated 2028-01-01T00:00:00\.000Z\): status DRAFT, .*signature verified/);
    // Every document takes --as-of; before the deployment was recorded there was nothing to assess.
    const early = await run(["--fria", world.deploymentId, "--as-of", "2026-01-01T00:00:00Z"]);
    expect(early.code).not.toBe(0);
    expect(early.err).toMatch(/NOT_FOUND: Deployment \S+ was recorded at \S+, after asOf 2026-01-01T00:00:00\.000Z/);
    const missing = await run(["--declaration", "sys_nope", "--format", "md"]);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/NOT_FOUND/);
  });

  it("renders the declaration of conformity as a printable page in headless Chromium", async () => {
    const d = await docOf("declarationOfConformity", "systemId", world.systemId, "HTML");
    const browser = await launchBrowser({ width: 1200, height: 900 });
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.setContent(d.content, { waitUntil: "load" });
      expect(await page.title()).toContain("EU declaration of conformity (Art. 47)");
      expect(await page.locator("body").innerText()).toContain("Annex VI");
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
