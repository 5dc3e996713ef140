import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../runtime/canonical.js";
import type { Stack } from "../tools/stack.js";
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
};
const DEPLOYER = {
  deployerName: "Beta Sparkasse", deployerContact: "compliance@beta.example", deployerPublicService: false, oversightPersons: "two credit officers",
  processDescription: "consumer loan origination", periodAndFrequency: "continuous, ~500 applications a day", affectedPersons: "loan applicants",
  specificRisks: "discrimination by age", humanOversightMeasures: "four-eyes review of rejections", riskMeasures: "complaints desk, monthly audit",
};

type Doc = { format: string; content: string; completeness: number; missing: string[]; digest: string; signature: string; schema: string; subjectId: string; generatedAt: string; sections: { number: string; missing: string[] }[] };
const FIELDS = "format content completeness missing digest signature schema subjectId generatedAt sections { number missing }";
const docOf = async (query: string, arg: string, id: string, format = "JSON"): Promise<Doc> =>
  ok(await gql<Record<string, Doc>>(url, carol, `query($id: ID!, $f: DocumentFormat) { ${query}(${arg}: $id, format: $f) { ${FIELDS} } }`, { id, f: format }))[query];

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
  ["euDatabaseRegistration", "eu-database-registration/1"], ["postMarketMonitoringPlan", "post-market-monitoring-plan/1"],
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

  it("the declaration states the Art. 43 route and becomes complete once the facts are recorded", async () => {
    const d = await docOf("declarationOfConformity", "systemId", world.systemId, "MARKDOWN");
    expect(d.content).toContain("conformity assessment based on internal control (Annex VI) (Art. 43(2))");
    expect(d.content).toContain("J. Doe, Head of Compliance");
    expect(d.completeness).toBe(1);
    // Art. 49: the registration still lacks the declaration copy and the registration number.
    const reg = await docOf("euDatabaseRegistration", "systemId", world.systemId);
    expect(reg.sections.map((s) => s.number)).toEqual(["A"]);
    expect(reg.missing.some((x) => x.includes("declarationOfConformityCopy missing"))).toBe(true);
    expect(reg.missing.some((x) => x.includes("euDatabaseRegistrationNumber missing"))).toBe(true);
    expect(JSON.parse(reg.content).sections[0].data.Status).toBe("in service (1 active deployment)");
  });

  it("the post-market monitoring plan asks for drift reports of the running deployment", async () => {
    const d = await docOf("postMarketMonitoringPlan", "systemId", world.systemId);
    expect(d.missing).toEqual([`Deployment ${world.deploymentId}: drift reports missing (data on the performance in use collected systematically, Art. 72(2); submit drift reports for the deployment)`]);
    expect(JSON.parse(d.content).sections[1].data.thresholds.numeric).toMatchObject({ warn: 0.1, drift: 0.25 });
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

  it("explains a decision from its trace: model version, main factors, every review, approvals in force", async () => {
    const d = await docOf("decisionExplanation", "decisionId", world.decisionId);
    expect(d).toMatchObject({ schema: "decision-explanation/1", subjectId: world.decisionId, completeness: 1, missing: [] });
    const body = JSON.parse(d.content);
    expect(body.sections[0].data["Main factors"]).toBe("debt-to-income 0.62 (weight 0.5); two missed payments (0.3)");
    expect(body.sections[0].data["Model version"]).toContain(world.mv);
    expect(body.sections[1].data.reviews.map((r: { reviewer: string; outcome: string }) => `${r.reviewer}:${r.outcome}`)).toEqual(["alice:CONFIRMED", "bob:OVERRIDDEN"]);
    expect(body.sections[2].data.approvals[0]).toMatchObject({ subjectId: world.mv, decision: "APPROVED", approver: "bob" });
    const bare = await docOf("decisionExplanation", "decisionId", world.bareDecision);
    expect(bare.missing).toEqual([
      expect.stringContaining(`Decision ${world.bareDecision}: explanation missing`),
      expect.stringContaining(`Decision ${world.bareDecision}: reviews missing`),
    ]);
  });

  it("lists the obligations with what the graph satisfies", async () => {
    const q = `query($id: ID!) { obligations(systemId: $id) { article title satisfied missing } }`;
    const o = ok(await gql(url, carol, q, { id: world.systemId })).obligations as { article: string; satisfied: boolean; missing: string[] }[];
    expect(o.map((x) => x.article)).toEqual(["Art. 5", "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15", "Art. 17", "Art. 43", "Art. 47", "Art. 49", "Art. 72", "Art. 73", "Art. 26", "Art. 27"]);
    const by = new Map(o.map((x) => [x.article, x]));
    expect(by.get("Art. 9")).toMatchObject({ satisfied: true, missing: [] });
    expect(by.get("Art. 14")!.satisfied).toBe(true);
    expect(by.get("Art. 15")!.missing).toEqual([expect.stringMatching(/AUC, age 65\+\) misses its threshold: 0\.7 vs 0\.75/)]);
    expect(by.get("Art. 17")!.missing).toEqual([expect.stringContaining("qualityManagementSystemRef missing")]);
    expect((await gql(url, alice, q, { id: world.systemId })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
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
