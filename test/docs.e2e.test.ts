import fs from "node:fs/promises";
import path from "node:path";
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../runtime/canonical.js";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";
import { launchBrowser } from "./support/browser.js";

// Alice registers the lineage, Bob approves it (four-eyes), Ops runs the GPU sites, Carol is
// the compliance tooling that fetches the documents.
let stack: Stack;
let url: string;
let alice: string;
let bob: string;
let ops: string;
let carol: string;

const digestOf = (c: string) => `sha256:${c.padEnd(64, c).slice(0, 64)}`;

const PROFILE = {
  exemptionClaimed: false, profilesPeople: true, transparencyTriggers: ["INTERACTS_WITH_PERSONS"], prohibitedPractices: [],
  marketForms: ["SaaS API"], hardware: ["x86-64 servers with NVIDIA L4"], softwareDependencies: ["python 3.12", "torch 2.5"],
  harmonisedStandards: ["EN ISO/IEC 42001:2023"], memberStates: ["DE", "FR"], logRetentionMonths: 12,
  interactions: "called by the loan origination system over HTTPS", userInterface: "web console for credit officers",
  instructionsForUseRef: "IFU-CS-2.1", humanOversightMeasures: "every rejection is reviewed by a credit officer who can override it",
  cybersecurityMeasures: "signed artifacts, input validation, adversarial robustness tests", predeterminedChanges: "monthly retraining on the same pipeline",
  capabilitiesAndLimitations: "scores consumer loans up to EUR 50k; not for business loans", inputDataSpecification: "application form v7 fields",
  metricsRationale: "AUC measures ranking quality; equal opportunity difference measures discriminatory impact",
  declarationOfConformityRef: "DoC-2026-014", postMarketMonitoringPlan: "weekly drift reports, quarterly bias audit",
};

const GOVERNANCE = {
  scope: "consumer loans 2019-2025", characteristics: "tabular, 42 features", selectionMethod: "all closed loans", collectionMethod: "core banking export",
  labelling: "default within 12 months", cleaning: "deduplicated, outliers capped", assumptions: "past defaults predict future ones", biasExamination: "rates by age and sex compared",
  biasMitigation: "reweighting", knownGaps: "few applicants under 21", originalPurpose: "loan servicing",
};

async function m(bearer: string, mutation: string, variables: Record<string, unknown>) {
  return ok(await gql(url, bearer, mutation, variables));
}

/** A high-risk credit-scoring system with everything Annex IV asks for, except the training data's legal basis. */
async function buildSystem() {
  const site = (await m(ops, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("fra"), country: "DE", sovereigntyZone: "EU", kind: "COLOCATION" } })).registerSite;
  const cluster = (await m(ops, `mutation($i: RegisterGpuClusterInput!) { registerGpuCluster(input: $i) { id } }`, { i: { siteId: site.id, name: "h100-a", gpuModel: "NVIDIA H100 SXM", gpuCount: 64 } })).registerGpuCluster;
  const alloc = async (day: string) =>
    (await m(alice, `mutation($i: RecordComputeAllocationInput!) { recordComputeAllocation(input: $i) { id gpuHours } }`, {
      i: { clusterId: cluster.id, gpuCount: 8, startedAt: `2026-0${day}T00:00:00Z`, endedAt: `2026-0${day}T10:00:00Z`, energyKWh: 56 },
    })).recordComputeAllocation;
  const system = (await m(alice, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("credit-scoring"), version: "2.0", intendedPurpose: "score consumer loan applications", providerName: "Acme Bank", providerContact: "ai-compliance@acme.example", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES" },
  })).registerAISystem;
  const model = (await m(alice, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: system.id, name: "scorer" } })).registerModel;
  const dataset = (await m(alice, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: uniq("loans") } })).registerDataset;
  const holdout = (await m(alice, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: uniq("holdout") } })).registerDataset;
  const dsv = async (datasetId: string, version: string, extra: Record<string, unknown>) =>
    (await m(alice, `mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, {
      i: { datasetId, version, contentDigest: digestOf(version.replace(/\D/g, "") || "1"), rowCount: 120000, provenance: "Acme core banking", containsPersonalData: true, jurisdiction: "DE", ...GOVERNANCE, ...extra },
    })).registerDatasetVersion.id as string;
  const train1 = await dsv(dataset.id, "1", {}); // no legal basis
  const valid = await dsv(holdout.id, "1", { legalBasis: "GDPR Art. 6(1)(b)" });
  const version = async (v: string, train: string, day: string) => {
    const mv = (await m(alice, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
      i: { modelId: model.id, version: v, artifactDigest: digestOf(v.replace(/\D/g, "")), architecture: "gradient-boosted trees", designRationale: "interpretable, monotone constraints", parameterCount: 250000, optimisationObjective: "log loss", modalities: ["tabular"], licence: "proprietary" },
    })).registerModelVersion.id as string;
    const a = await alloc(day);
    const run = (await m(alice, `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id } }`, {
      i: { modelVersionId: mv, datasetVersionIds: [train], datasets: [{ datasetVersionId: valid, role: "VALIDATION" }], computeAllocationIds: [a.id], methodology: "5-fold CV, early stopping", startedAt: `2026-0${day}T00:00:00Z`, endedAt: `2026-0${day}T10:00:00Z`, codeRevision: "git:4f2a9c1", parameters: { depth: 6 } },
    })).recordTrainingRun.id as string;
    await m(alice, `mutation($mv: ID!, $ms: [MetricInput!]!) { recordMetrics(modelVersionId: $mv, metrics: $ms) { id } }`, {
      mv, ms: [
        { name: "AUC", value: 0.81, threshold: 0.75, datasetVersionId: valid },
        { name: "AUC", value: 0.78, threshold: 0.75, datasetVersionId: valid, subgroup: "age 65+" },
        { name: "equal opportunity difference", value: 0.03, threshold: 0.05, lowerIsBetter: true, datasetVersionId: valid, subgroup: "sex" },
      ],
    });
    for (const [subjectId, subjectType] of [[mv, "MODEL_VERSION"], [train, "DATASET_VERSION"]]) {
      await m(bob, `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id } }`, { i: { subjectId, subjectType, decision: "APPROVED", rationale: `validation report for ${v} reviewed` } });
    }
    return { mv, run, alloc: a.id as string };
  };
  await m(bob, `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id } }`, { i: { subjectId: valid, subjectType: "DATASET_VERSION", decision: "APPROVED", rationale: "holdout fit for validation" } });
  const v1 = await version("1.0.0", train1, "1-10");
  await m(alice, `mutation($i: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $i) { id } }`, {
    i: { subjectId: system.id, subjectType: "AI_SYSTEM", hazard: "unfair rejection of older applicants", affectedPersons: "loan applicants", foreseeableMisuse: "use for business loans", estimate: "medium likelihood, high severity", mitigation: "subgroup thresholds, human review", residualRisk: "low" },
  });
  await m(alice, `mutation($id: ID!, $i: SystemComplianceInput!) { recordSystemCompliance(systemId: $id, input: $i) { id seq } }`, { id: system.id, i: PROFILE });
  return { systemId: system.id as string, modelId: model.id as string, datasetId: dataset.id as string, train1, valid, v1, version, dsv };
}

type Doc = { format: string; content: string; completeness: number; missing: string[]; generatedAt: string; digest: string; signature: string; schema: string; subjectId: string; sections: { number: string; title: string; completeness: number; facts: number; missing: string[]; sources: string[] }[] };
const DOC = `query($id: ID!, $f: DocumentFormat, $mv: ID) { technicalDocumentation(systemId: $id, format: $f, modelVersionId: $mv) { format content completeness missing generatedAt digest signature schema subjectId sections { number title completeness facts missing sources } } }`;
const doc = async (systemId: string, format = "JSON", mv?: string) => ok(await gql<{ technicalDocumentation: Doc }>(url, carol, DOC, { id: systemId, f: format, mv })).technicalDocumentation;

let world: Awaited<ReturnType<typeof buildSystem>>;

beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
  [alice, bob, ops, carol] = await Promise.all([
    token("alice", "lineage:write lineage:read"), token("bob", "approvals:decide lineage:read"), token("ops", "admin"), token("carol", "reports:read lineage:read"),
  ]);
  world = await buildSystem();
});
afterAll(() => stack?.stop());

describe("Annex IV technical documentation", () => {
  it("has every section 1-9, each naming the graph facts it came from", async () => {
    const d = await doc(world.systemId);
    expect(d.schema).toBe("annex-iv/1");
    expect(d.format).toBe("JSON");
    expect(d.sections.map((s) => s.number)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const body = JSON.parse(d.content);
    expect(body.schema).toBe("annex-iv/1");
    expect(body.sections.map((s: { number: string }) => s.number)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const [s1, s2, s3, , s5, s6] = body.sections;
    expect(s1.sources).toContain(world.systemId);
    // Section 2: datasets with provenance and governance, compute and energy, metrics per subgroup, approvals.
    expect(s2.sources).toEqual(expect.arrayContaining([world.v1.mv, world.v1.run, world.v1.alloc, world.train1, world.valid]));
    const mv = s2.data.modelVersions[0];
    expect(mv.compute).toMatchObject({ gpuHours: 80, energyKWh: 56 });
    expect(mv.compute.estimatedFlops).toBeCloseTo(80 * 3600 * 1.979e15, -15); // FP8 peak: precision not recorded
    expect(mv.datasets.find((x: { id: string }) => x.id === world.train1)).toMatchObject({ role: "TRAINING", provenance: "Acme core banking", legalBasis: null, biasMitigation: "reweighting" });
    expect(mv.validation.approval).toMatchObject({ decision: "APPROVED", approver: "bob", rationale: "validation report for 1.0.0 reviewed" });
    expect(s3.data.accuracy[0].perSubgroup.map((x: { subgroup: string }) => x.subgroup).sort()).toEqual(["age 65+", "sex"]);
    expect(s5.data.riskAssessments[0]).toMatchObject({ hazard: "unfair rejection of older applicants", residualRisk: "low" });
    expect(s6.data.modelVersions.map((x: { version: string }) => x.version)).toEqual(["1.0.0"]);
    expect(s6.data.approvals.some((a: { approver: string; subjectId: string }) => a.approver === "bob" && a.subjectId === world.v1.mv)).toBe(true);
  });

  it("reports completeness that follows the graph: a missing legal basis, then a new version with it", async () => {
    const before = await doc(world.systemId);
    const gap = before.missing.find((x) => x.startsWith(`DatasetVersion ${world.train1}: legalBasis missing`));
    expect(gap).toBeDefined();
    // The figures are exactly present/needed, per section and overall.
    const facts = before.sections.reduce((n, s) => n + s.facts, 0);
    const missing = before.sections.reduce((n, s) => n + s.missing.length, 0);
    expect(missing).toBe(before.missing.length);
    expect(before.completeness).toBeCloseTo((facts - missing) / facts, 4);
    expect(before.sections[1].missing).toContain(gap);
    expect(before.sections[1].completeness).toBeLessThan(1);

    const train2 = await world.dsv(world.datasetId, "2", { legalBasis: "GDPR Art. 6(1)(b)", derivedFrom: [{ datasetVersionId: world.train1, transformation: "legal basis reviewed, minors removed" }] });
    const v2 = await world.version("1.1.0", train2, "2-10");
    const after = await doc(world.systemId);
    expect(after.missing.some((x) => x.includes(`${world.train1}: legalBasis`))).toBe(false);
    expect(after.missing.length).toBe(before.missing.length - 1);
    expect(after.completeness).toBeGreaterThan(before.completeness);
    const body = JSON.parse(after.content);
    expect(body.sections[1].data.modelVersions[0].id).toBe(v2.mv);
    // The old dataset version is still there as provenance of the new one, with its transformation.
    expect(body.sections[1].data.upstreamDatasets.map((u: { id: string }) => u.id)).toContain(world.train1);
    expect(body.sections[5].data.modelVersions.map((x: { version: string }) => x.version)).toEqual(["1.0.0", "1.1.0"]);
    expect(body.sections[5].data.modelVersions[1].datasetsAdded).toContain(train2);

    // The document of the earlier version still shows its gap.
    const old = await doc(world.systemId, "JSON", world.v1.mv);
    expect(old.missing).toContain(gap);
  });

  it("lists a profile fact as missing when the latest profile lacks it, and stops when it is back", async () => {
    const record = (i: Record<string, unknown>) => m(alice, `mutation($id: ID!, $i: SystemComplianceInput!) { recordSystemCompliance(systemId: $id, input: $i) { seq } }`, { id: world.systemId, i });
    const full = await doc(world.systemId);
    const { hardware: _drop, ...withoutHardware } = PROFILE;
    await record(withoutHardware);
    const lacking = await doc(world.systemId);
    const entry = `ComplianceProfile ${world.systemId}: hardware missing`;
    expect(lacking.missing.some((x) => x.startsWith(entry))).toBe(true);
    expect(lacking.completeness).toBeLessThan(full.completeness);
    expect(lacking.sections[0].completeness).toBeLessThan(full.sections[0].completeness);
    await record(PROFILE);
    const back = await doc(world.systemId);
    expect(back.missing.some((x) => x.startsWith(entry))).toBe(false);
    expect(back.completeness).toBe(full.completeness);
  });

  it("is signed: the JWS verifies with the published JWKS and covers the content's digest", async () => {
    const d = await doc(world.systemId, "MARKDOWN");
    expect(d.digest).toBe(`sha256:${sha256Hex(d.content)}`);
    const jwks = (await (await fetch(new URL("/.well-known/jwks.json", url))).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await compactVerify(d.signature, createLocalJWKSet(jwks));
    expect(protectedHeader.typ).toBe("document+jws");
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ digest: d.digest, format: "MARKDOWN", generatedAt: d.generatedAt, schema: "annex-iv/1", subjectId: world.systemId });
    // A changed byte of content no longer matches the signed digest.
    expect(`sha256:${sha256Hex(`${d.content} `)}`).not.toBe(d.digest);
  });

  it("renders Markdown with every section and the completeness report at the end", async () => {
    const d = await doc(world.systemId, "MARKDOWN");
    for (let n = 1; n <= 9; n++) expect(d.content).toMatch(new RegExp(`^## ${n}\\. `, "m"));
    expect(d.content.indexOf("## Completeness report")).toBeGreaterThan(d.content.indexOf("## 9. "));
    // What the graph lacks is "not recorded", never a default: no base model recorded is not "trained from scratch".
    expect(d.content).not.toMatch(/trained from scratch|not applicable unless embedded/);
  });

  it("Annex IV 8 wants a copy of the declaration, 1(f) the product markings: a reference or silence is not enough", async () => {
    const d = await doc(world.systemId);
    expect(d.sections[7].missing.some((x) => x.startsWith(`ComplianceProfile ${world.systemId}: declarationOfConformityCopy missing`))).toBe(true);
    expect(d.sections[7].completeness).toBe(0.5);
    expect(d.sections[0].missing.some((x) => x.includes("productMarkings missing"))).toBe(true);
  });

  it("renders a readable, printable HTML page in headless Chromium (screenshot taken)", async () => {
    const d = await doc(world.systemId, "HTML");
    const dir = path.resolve(process.env.DATA_DIR ?? ".data/test", "screenshots");
    await fs.mkdir(dir, { recursive: true });
    const browser = await launchBrowser({ width: 1200, height: 900 });
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.setContent(d.content, { waitUntil: "load" });
      expect(await page.title()).toContain("Technical documentation (Annex IV)");
      expect(await page.locator("section[id^=s] h2").count()).toBe(9);
      expect(await page.locator("#completeness").isVisible()).toBe(true);
      const shot = path.join(dir, "annex-iv.png");
      await page.screenshot({ path: shot, fullPage: true });
      expect((await fs.stat(shot)).size).toBeGreaterThan(20_000);
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("refuses callers without reports:read and names unknown systems", async () => {
    const forbidden = await gql(url, alice, DOC, { id: world.systemId, f: "JSON" });
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const unknown = await gql(url, carol, DOC, { id: "sys_nope", f: "JSON" });
    expect(unknown.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });
});

describe("risk classification and GPAI documentation", () => {
  it("flags an Art. 6(3) exemption claimed by a system that profiles people", async () => {
    const q = `query($id: ID!) { riskClassification(systemId: $id) { derivedCategory declaredCategory consistent contradictions reasoning { article } } }`;
    expect(ok(await gql(url, carol, q, { id: world.systemId })).riskClassification).toMatchObject({ derivedCategory: "HIGH", consistent: true });
    const sys = (await m(alice, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("cv-screening"), version: "1", intendedPurpose: "rank job applicants", providerName: "Acme HR", riskCategory: "MINIMAL", annexIIIArea: "EMPLOYMENT" },
    })).registerAISystem;
    await m(alice, `mutation($id: ID!, $i: SystemComplianceInput!) { recordSystemCompliance(systemId: $id, input: $i) { id } }`, {
      id: sys.id, i: { exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", profilesPeople: true, prohibitedPractices: [], transparencyTriggers: [] },
    });
    const c = ok(await gql(url, carol, q, { id: sys.id })).riskClassification;
    expect(c).toMatchObject({ derivedCategory: "HIGH", declaredCategory: "MINIMAL", consistent: false });
    expect(c.contradictions.join(" ")).toMatch(/profiles natural persons/);
  });

  it("classifies at Annex III point level: carve-outs, Art. 27 triggers, unknown profiling, Art. 5(1)(f)", async () => {
    const q = `query($id: ID!) { riskClassification(systemId: $id) { derivedCategory consistent contradictions unknowns obligations reasoning { article text } } }`;
    const system = async (area: string, profile: Record<string, unknown>) => {
      const sys = (await m(alice, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
        i: { name: uniq("sys"), version: "1", intendedPurpose: "x", providerName: "Acme", riskCategory: "HIGH", annexIIIArea: area },
      })).registerAISystem;
      await m(alice, `mutation($id: ID!, $i: SystemComplianceInput!) { recordSystemCompliance(systemId: $id, input: $i) { annexIIIPoint annexIIIExclusion } }`, { id: sys.id, i: profile });
      return ok(await gql(url, carol, q, { id: sys.id })).riskClassification;
    };
    // Absent is unknown: without the Art. 5 facts recorded the category is not decided (it could be PROHIBITED).
    const undecided = await system("ESSENTIAL_SERVICES", { annexIIIPoint: "5(b)", profilesPeople: true });
    expect(undecided).toMatchObject({ derivedCategory: null, consistent: false });
    expect(undecided.unknowns.join(" ")).toMatch(/prohibitedPractices not recorded/);
    const empty = await system("ESSENTIAL_SERVICES", {});
    expect(empty.derivedCategory).toBeNull();
    const none = { prohibitedPractices: [], transparencyTriggers: [], annexISafetyComponent: false };
    const credit = await system("ESSENTIAL_SERVICES", { annexIIIPoint: "5(b)", profilesPeople: true, ...none });
    expect(credit).toMatchObject({ derivedCategory: "HIGH", consistent: true });
    expect(credit.obligations.join(" ")).toMatch(/Art\. 27\(1\): every deployer/);
    const fraud = await system("ESSENTIAL_SERVICES", { annexIIIPoint: "5(b)", annexIIIExclusion: "FINANCIAL_FRAUD_DETECTION", ...none });
    expect(fraud.derivedCategory).toBe("MINIMAL");
    // The same carve-out with nothing else recorded is not MINIMAL: Art. 5, 6(1) and 50 are unknown.
    expect((await system("ESSENTIAL_SERVICES", { annexIIIPoint: "5(b)", annexIIIExclusion: "FINANCIAL_FRAUD_DETECTION" })).derivedCategory).toBeNull();
    const unknownProfiling = await system("EMPLOYMENT", { annexIIIPoint: "4(a)", exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", ...none });
    expect(unknownProfiling.derivedCategory).toBe("HIGH");
    expect(unknownProfiling.unknowns.join(" ")).toMatch(/profiling not recorded/);
    const emotion = await system("EMPLOYMENT", { annexIIIPoint: "4(b)", profilesPeople: true, transparencyTriggers: ["EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION"] });
    expect(emotion.contradictions.join(" ")).toMatch(/Art\. 5\(1\)\(f\)/);
    const bad = await gql(url, alice, `mutation($id: ID!) { recordSystemCompliance(systemId: $id, input: { annexIIIPoint: "9(z)" }) { seq } }`, { id: world.systemId });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/^input\.annexIIIPoint/) });
  });

  it("documents a general-purpose model with FLOPs, energy and the 10^25 presumption", async () => {
    const q = `query($id: ID!) { gpaiDocumentation(modelVersionId: $id, format: JSON) { schema content completeness missing signature } }`;
    const small = ok(await gql(url, carol, q, { id: world.v1.mv })).gpaiDocumentation;
    expect(small.schema).toBe("gpai-annex-xi/1");
    const body = JSON.parse(small.content);
    expect(body.sections[3].data).toMatchObject({ gpuHours: 80, gpuHoursBasis: "allocated", energyKWh: 56, energyEstimated: false, trainingHours: 10 });
    expect(body.sections[4].data.presumedSystemicRisk).toBe(false);
    expect(small.missing.some((x: string) => x.includes("releasedAt missing"))).toBe(true);
    const release = `mutation($id: ID!, $at: DateTime!) { recordModelRelease(modelVersionId: $id, releasedAt: $at) { modelVersionId releasedAt recordedBy } }`;
    expect((await m(alice, release, { id: world.v1.mv, at: "2026-02-01T00:00:00Z" })).recordModelRelease).toMatchObject({ releasedAt: "2026-02-01T00:00:00.000Z", recordedBy: "alice" });
    expect((await gql(url, alice, release, { id: world.v1.mv, at: "2026-03-01T00:00:00Z" })).errors?.[0].extensions?.code).toBe("CONFLICT");
    expect((await gql(url, carol, release, { id: world.v1.mv, at: "2026-02-01T00:00:00Z" })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const released = JSON.parse(ok(await gql(url, carol, q, { id: world.v1.mv })).gpaiDocumentation.content);
    expect(released.sections[0].data.releasedAt).toBe("2026-02-01T00:00:00.000Z");

    // A fine-tune of a base model outside the graph: its compute is a lower bound, so "unknown", never "No".
    const tuned = (await m(alice, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
      i: { modelId: world.modelId, version: "ft-1", artifactDigest: digestOf("e"), baseModel: "meta-llama/Llama-3-70B" },
    })).registerModelVersion;
    const tunedDoc = JSON.parse(ok(await gql(url, carol, q, { id: tuned.id })).gpaiDocumentation.content);
    expect(tunedDoc.summary["Systemic risk presumed (Art. 51(2))"]).toMatch(/^unknown/);
    expect(tunedDoc.sections[4].data.presumedSystemicRisk).toBeNull();

    const site = (await m(ops, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("hpc"), country: "FI", sovereigntyZone: "EU", kind: "CLOUD" } })).registerSite;
    const cluster = (await m(ops, `mutation($i: RegisterGpuClusterInput!) { registerGpuCluster(input: $i) { id } }`, { i: { siteId: site.id, name: "h100-xl", gpuModel: "H100", gpuCount: 10000 } })).registerGpuCluster;
    const alloc = (await m(alice, `mutation($i: RecordComputeAllocationInput!) { recordComputeAllocation(input: $i) { id } }`, {
      i: { clusterId: cluster.id, gpuCount: 10000, startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-13T12:00:00Z", gpuHours: 3_000_000, energyKWh: 2_100_000 },
    })).recordComputeAllocation;
    const mv = (await m(alice, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
      i: { modelId: world.modelId, version: "frontier-1", artifactDigest: digestOf("f"), architecture: "decoder-only transformer", parameterCount: 7e10, modalities: ["text"], licence: "proprietary" },
    })).registerModelVersion;
    await m(alice, `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id } }`, {
      i: { modelVersionId: mv.id, datasetVersionIds: [world.valid], computeAllocationIds: [alloc.id], startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-13T12:00:00Z" },
    });
    const big = JSON.parse(ok(await gql(url, carol, q, { id: mv.id })).gpaiDocumentation.content);
    expect(big.sections[4].data.cumulativeFlops).toBeGreaterThan(1e25);
    expect(big.sections[4].data.presumedSystemicRisk).toBe(true);
    expect(big.findings[0]).toMatch(/Art\. 51\(2\)/);
  });
});
