import "reflect-metadata"; // before any decorated (type-graphql) class loads
import { describe, expect, it } from "vitest";
import { article10, article15, article43, article5, article50, article73, obligationsOf } from "../subgraphs/compliance/act/obligations.js";
import { systemFacts } from "./act-facts.js";

const articles = (f: ReturnType<typeof systemFacts>) => obligationsOf(f).map((o) => o.article);
const HIGH_RISK = ["Art. 5", "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15", "Art. 17", "Art. 43", "Art. 47", "Art. 49", "Art. 72", "Art. 73"];

describe("obligations: which articles apply", () => {
  it("a high-risk provider gets Art. 5, 9-15, 17, 43, 47, 49, 72, 73", () => {
    expect(articles(systemFacts({ profile: { exemptionClaimed: false, profilesPeople: true, annexIIIPoint: "5(b)" } }))).toEqual(HIGH_RISK);
  });

  it("each deployment of a high-risk system adds Art. 26, and Art. 27 where Annex III 5(b) binds every deployer", () => {
    const f = systemFacts({ profile: { annexIIIPoint: "5(b)" }, deployments: [{ id: "dep_1", environment: "prod", startedAt: "2026-01-01T00:00:00Z", modelVersionId: "mv_1", siteId: "site_1" }] });
    const o = obligationsOf(f);
    expect(o.map((x) => x.article).slice(-2)).toEqual(["Art. 26", "Art. 27"]);
    expect(o.find((x) => x.article === "Art. 26")!.missing).toEqual(expect.arrayContaining([expect.stringContaining("DeploymentCompliance dep_1: deployerName missing")]));
  });

  it("Art. 27 is left out where Annex III point 2 (critical infrastructure) is the use", () => {
    const f = systemFacts({ system: { annexIIIArea: "CRITICAL_INFRASTRUCTURE" }, profile: { annexIIIPoint: "2" }, deployments: [{ id: "dep_1", environment: "prod", startedAt: "2026-01-01T00:00:00Z" }] });
    expect(articles(f)).not.toContain("Art. 27");
    expect(articles(f)).toContain("Art. 26");
  });

  it("a limited-risk system gets Art. 5 and Art. 50 only", () => {
    const f = systemFacts({ system: { riskCategory: "LIMITED", annexIIIArea: null }, profile: { transparencyTriggers: ["INTERACTS_WITH_PERSONS"] } });
    expect(articles(f)).toEqual(["Art. 5", "Art. 50"]);
  });

  it("an Art. 6(3) exemption gets the Section B registration (Art. 49(2)) instead of the high-risk set", () => {
    const f = systemFacts({ system: { riskCategory: "MINIMAL" }, profile: { exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", profilesPeople: false, annexIIIPoint: "5(a)" } });
    expect(articles(f)).toEqual(["Art. 5", "Art. 49(2)"]);
  });
});

describe("obligations: each rule", () => {
  it("Art. 5: unknown without a profile, unmet with a flagged practice or emotion recognition at work, met otherwise", () => {
    expect(article5(systemFacts({ profile: null }))).toMatchObject({ satisfied: false, missing: [expect.stringContaining("prohibitedPractices missing")] });
    expect(article5(systemFacts({ profile: { prohibitedPractices: ["SOCIAL_SCORING"] } })).missing[0]).toMatch(/SOCIAL_SCORING flagged/);
    const emotion = article5(systemFacts({ system: { annexIIIArea: "EMPLOYMENT" }, profile: { transparencyTriggers: ["EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION"] } }));
    expect(emotion.satisfied).toBe(false);
    expect(emotion.missing.join(" ")).toMatch(/Art\. 5\(1\)\(f\)/);
    expect(article5(systemFacts({ profile: {} }))).toEqual({ article: "Art. 5", title: "Prohibited AI practices", satisfied: true, missing: [] });
  });

  it("Art. 10: provenance, bias examination and mitigation, and the legal basis of personal data", () => {
    const ds = { id: "dsv_1", role: "TRAINING", provenance: "core banking", biasExamination: "by age", biasMitigation: "reweighting", containsPersonalData: true, legalBasis: null };
    const f = (x: object) => systemFacts({ documented: [{ version: { id: "mv_1" }, modelName: "m", run: null, datasets: [{ ...ds, ...x }], compute: [], metrics: [] }] });
    expect(article10(f({})).missing).toEqual([expect.stringContaining("DatasetVersion dsv_1: legalBasis missing")]);
    expect(article10(f({ legalBasis: "GDPR 6(1)(b)" })).satisfied).toBe(true);
    expect(article10(f({ containsPersonalData: false, biasExamination: "" })).missing).toEqual([expect.stringContaining("biasExamination missing")]);
  });

  it("Art. 15: a metric below its threshold keeps it unmet even when every fact is recorded", () => {
    const metrics = [{ id: "met_1", name: "AUC", value: 0.7, threshold: 0.75, passed: false }];
    const f = systemFacts({ profile: { cybersecurityMeasures: "signed artifacts" }, documented: [{ version: { id: "mv_1" }, modelName: "m", run: null, datasets: [], compute: [], metrics }] });
    expect(article15(f)).toMatchObject({ satisfied: false, missing: ["Metric met_1 (AUC) misses its threshold: 0.7 vs 0.75 (Art. 15(1))"] });
  });

  it("Art. 43: the route follows from the facts, and a notified body is needed for biometrics without standards", () => {
    expect(article43(systemFacts({ profile: {} }))).toMatchObject({ satisfied: true, title: expect.stringContaining("internal control (Annex VI)") });
    const bio = article43(systemFacts({ system: { annexIIIArea: "BIOMETRICS" }, profile: {} }));
    expect(bio.satisfied).toBe(false);
    expect(bio.missing[0]).toMatch(/notifiedBody missing/);
    expect(article43(systemFacts({ system: { annexIIIArea: null }, profile: {} })).missing[0]).toMatch(/conformity route missing/);
  });

  it("Art. 50: the measures informing people must be recorded", () => {
    const f = (x: object) => systemFacts({ system: { riskCategory: "LIMITED", annexIIIArea: null }, profile: { transparencyTriggers: ["DEEP_FAKE"], ...x } });
    expect(article50(f({}))!.missing[0]).toMatch(/transparencyMeasures missing/);
    expect(article50(f({ transparencyMeasures: "watermark C2PA" }))!.satisfied).toBe(true);
    expect(article50(systemFacts({ profile: {} }))).toBeNull();
  });

  it("Art. 73: unmet while an incident has no initial report submitted in time", () => {
    const i = { id: "inc_1", category: "FUNDAMENTAL_RIGHTS", occurredAt: "2026-01-01T00:00:00Z", dueBy: "2026-01-16T00:00:00Z", stage: "INITIAL", submissions: [] };
    expect(article73(systemFacts({ incidentsFull: [{ ...i, overdue: true }] })).missing).toEqual([expect.stringContaining("Incident inc_1: no initial report submitted by 2026-01-16")]);
    expect(article73(systemFacts({ incidentsFull: [{ ...i, overdue: false }] })).satisfied).toBe(true);
  });

  it("documents and obligations agree: Art. 13 is met exactly when the instructions for use are complete", () => {
    const o = obligationsOf(systemFacts({ profile: {} })).find((x) => x.article === "Art. 13")!;
    expect(o.satisfied).toBe(false);
    expect(o.missing).toEqual(expect.arrayContaining([expect.stringContaining("outputInterpretation missing"), expect.stringContaining("lifetimeAndMaintenance missing")]));
  });
});
