import "reflect-metadata"; // before any decorated (type-graphql) class loads
import { describe, expect, it } from "vitest";
import { APPLICATION_DATES, inForceAt } from "../subgraphs/compliance/act/dates.js";
import { obligationsOf, type Obligation } from "../subgraphs/compliance/act/obligations.js";
import { article43 } from "../subgraphs/compliance/act/rules/art43.js";
import { article49, registrationScope } from "../subgraphs/compliance/act/rules/art49.js";
import { article111 } from "../subgraphs/compliance/act/rules/art111.js";
import { article5, article5New, article6 } from "../subgraphs/compliance/act/rules/art5.js";
import { art86Applies } from "../subgraphs/compliance/act/rules/art86.js";
import { article9, article10, article15 } from "../subgraphs/compliance/act/rules/section2-tests.js";
import { article14, article19 } from "../subgraphs/compliance/act/rules/section2-records.js";
import { article17 } from "../subgraphs/compliance/act/rules/art17.js";
import { article20, article72, article73 } from "../subgraphs/compliance/act/rules/provider.js";
import { fria } from "../subgraphs/compliance/act/rules/deployer.js";
import { authorityStatus } from "../subgraphs/compliance/incidents/deadline.js";
import { OperatorRole } from "../subgraphs/compliance/evidence/types.js";
import { RECORDED, ev, systemFacts } from "./act-facts.js";

const D = "HIGH_RISK_ANNEX_III" as const;
const NOW = "2026-12-07T00:00:00.000Z";
const by = (o: Obligation[]) => new Map(o.map((x) => [x.article, x]));
const mv = (metrics: Record<string, unknown>[], datasets: (Record<string, unknown> & { role: string })[] = []) => ({ version: { id: "mv_1", version: "1" }, modelName: "m", run: null, datasets, compute: [], metrics });

describe("the table of dates (Art. 113 as amended by Reg. (EU) 2026/1744)", () => {
  it("holds each date once, with its source", () => {
    expect(Object.fromEntries(Object.entries(APPLICATION_DATES).map(([k, v]) => [k, v.date]))).toEqual({
      CHAPTERS_I_II: "2025-02-02", GPAI: "2025-08-02", GENERAL: "2026-08-02", NEW_PROHIBITIONS_2026: "2026-12-02",
      ART_50_2_LEGACY: "2026-12-02", HIGH_RISK_ANNEX_III: "2027-12-02", HIGH_RISK_ANNEX_I: "2028-08-02",
      ART_111_CUTOFF: "2026-08-02", ART_111_PUBLIC_AUTHORITIES: "2030-08-02", ART_111_GPAI: "2027-08-02", ART_111_ANNEX_X: "2030-12-31",
    });
    for (const v of Object.values(APPLICATION_DATES)) expect(v.source).toMatch(/Reg\. \(EU\) 2024\/1689/);
    expect(inForceAt("HIGH_RISK_ANNEX_III", "2027-12-01T23:59:59Z")).toBe(false);
    expect(inForceAt("HIGH_RISK_ANNEX_III", "2027-12-02T00:00:00Z")).toBe(true);
  });

  it("an Annex III provider's Chapter III duties apply from 2 Dec 2027, Art. 5 since 2 Feb 2025, the 2026 prohibitions from 2 Dec 2026", () => {
    const o = by(obligationsOf(systemFacts({ profile: RECORDED }), OperatorRole.PROVIDER, NOW));
    expect(o.get("Art. 9")).toMatchObject({ role: "PROVIDER", appliesFrom: "2027-12-02", inForce: false });
    expect(o.get("Art. 5")).toMatchObject({ appliesFrom: "2025-02-02", inForce: true });
    expect(o.get("Art. 5 (2026)")).toMatchObject({ appliesFrom: "2026-12-02", inForce: true });
    expect(by(obligationsOf(systemFacts({ profile: RECORDED }), OperatorRole.PROVIDER, "2026-11-30T00:00:00Z")).get("Art. 5 (2026)")!.inForce).toBe(false);
  });

  it("an Annex I system (Art. 6(1)) gets 2 Aug 2028", () => {
    const f = systemFacts({ system: { annexIIIArea: null }, profile: { ...RECORDED, annexISafetyComponent: true, annexIThirdPartyAssessment: true } });
    expect(by(obligationsOf(f, OperatorRole.PROVIDER, NOW)).get("Art. 9")!.appliesFrom).toBe("2028-08-02");
  });
});

describe("which obligations each role has", () => {
  it("a high-risk provider: Art. 4, 5, 6, Section 2, 16(b), 17, 19, 20, 43, 47, 48, 49, 72, 73", () => {
    expect(obligationsOf(systemFacts({ profile: RECORDED })).map((o) => o.article)).toEqual([
      "Art. 5", "Art. 5 (2026)", "Art. 6", "Art. 4", "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15",
      "Art. 16(b)", "Art. 17", "Art. 19", "Art. 20", "Art. 43", "Art. 47", "Art. 48", "Art. 49(1)", "Art. 72", "Art. 73", "Art. 111(2)",
    ]);
  });

  it("a deployer (Art. 26, 27, 50(3)-(4)): one set per deployment; Art. 50(3)-(4) are not the provider's", () => {
    const f = systemFacts({ profile: { ...RECORDED, transparencyTriggers: ["DEEP_FAKE", "INTERACTS_WITH_PERSONS"] }, deployments: [{ id: "dep_1", startedAt: "2026-01-01T00:00:00Z" }] });
    const deployer = obligationsOf(f, OperatorRole.DEPLOYER).map((o) => o.article);
    expect(deployer).toEqual(["Art. 5", "Art. 5 (2026)", "Art. 4", "Art. 50(4)", "Art. 26(2)", "Art. 26(5)", "Art. 26(6)", "Art. 26(7)", "Art. 26(8), 49(3)", "Art. 26(9)", "Art. 26(11)", "Art. 27", "Art. 25(1)"]);
    const provider = obligationsOf(f, OperatorRole.PROVIDER).map((o) => o.article);
    expect(provider).toContain("Art. 50(1)");
    expect(provider).not.toContain("Art. 50(4)");
  });

  it("importer (Art. 23), distributor (Art. 24), authorised representative (Art. 22), each with the Art. 25 assessment where it applies", () => {
    const f = systemFacts({ profile: RECORDED });
    expect(obligationsOf(f, OperatorRole.IMPORTER).map((o) => o.article)).toEqual(["Art. 5", "Art. 5 (2026)", "Art. 23(1)", "Art. 23(3)", "Art. 25(1)"]);
    expect(obligationsOf(f, OperatorRole.DISTRIBUTOR).map((o) => o.article)).toEqual(["Art. 5", "Art. 5 (2026)", "Art. 24(1)", "Art. 25(1)"]);
    expect(obligationsOf(f, OperatorRole.AUTHORISED_REPRESENTATIVE).map((o) => o.article)).toEqual(["Art. 5", "Art. 5 (2026)", "Art. 22"]);
    const verified = systemFacts({ profile: RECORDED, evidence: [ev("IMPORTER_VERIFICATION", { role: "IMPORTER" })] });
    expect(by(obligationsOf(verified, OperatorRole.IMPORTER)).get("Art. 23(1)")!.status).toBe("MET");
    // A provider's record does not evidence the importer's duty.
    expect(by(obligationsOf(systemFacts({ profile: RECORDED, evidence: [ev("IMPORTER_VERIFICATION")] }), OperatorRole.IMPORTER)).get("Art. 23(1)")!.status).toBe("UNKNOWN");
  });

  it("an Art. 6(3) exemption: Art. 6(4) documented and the Section B registration (Art. 49(2))", () => {
    const f = systemFacts({ system: { riskCategory: "MINIMAL" }, profile: { ...RECORDED, exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", profilesPeople: false, annexIIIPoint: "5(a)", exemptionDecidedBy: "dpo", exemptionDecidedAt: "2026-01-01T00:00:00.000Z" } });
    const o = obligationsOf(f);
    expect(o.map((x) => x.article)).toEqual(["Art. 5", "Art. 5 (2026)", "Art. 6", "Art. 4", "Art. 6(4)", "Art. 49(2)"]);
    expect(by(o).get("Art. 6(4)")!.status).toBe("MET");
  });
});

describe("each rule: MET only on a dated, attributable record; absent is UNKNOWN", () => {
  it("Art. 5: UNKNOWN when not recorded, MET on a recorded empty list, UNMET when flagged or revealed", () => {
    expect(article5(systemFacts({ profile: {} }))).toMatchObject({ status: "UNKNOWN", missing: [expect.stringContaining("prohibitedPractices missing")] });
    expect(article5(systemFacts({ profile: null })).status).toBe("UNKNOWN");
    expect(article5(systemFacts({ profile: RECORDED }))).toMatchObject({ status: "MET", evidence: [expect.stringMatching(/ComplianceProfile cprof_1: no prohibited practice recorded by alice at 2026-01-01/)] });
    expect(article5(systemFacts({ profile: { ...RECORDED, prohibitedPractices: ["SOCIAL_SCORING"] } })).missing[0]).toMatch(/SOCIAL_SCORING flagged/);
    const emotion = article5(systemFacts({ system: { annexIIIArea: "EMPLOYMENT" }, profile: { ...RECORDED, transparencyTriggers: ["EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION"] } }));
    expect(emotion.status).toBe("UNMET");
    expect(emotion.missing.join(" ")).toMatch(/Art\. 5\(1\)\(f\)/);
    expect(article5New(systemFacts({ profile: { ...RECORDED, prohibitedPractices: ["CHILD_SEXUAL_ABUSE_MATERIAL"] } })).status).toBe("UNMET");
  });

  it("Art. 6: an empty profile is UNKNOWN, not MINIMAL", () => {
    const f = systemFacts({ system: { riskCategory: "MINIMAL", annexIIIArea: null }, profile: {} });
    expect(f.classification.derivedCategory).toBeNull();
    const o = article6(f);
    expect(o).toMatchObject({ status: "UNKNOWN", title: expect.stringContaining("not decided") });
    expect(o.missing.join(" ")).toMatch(/prohibitedPractices not recorded/);
    expect(obligationsOf(f).map((x) => x.article)).toContain("Art. 50");
  });

  it("Art. 9: risks identified and tests against defined thresholds; a failing test is UNMET", () => {
    const risk = { id: "risk_1", hazard: "unfair rejection", assessedBy: "alice", createdAt: "2026-02-01T00:00:00Z" };
    const pass = { id: "met_1", name: "AUC", value: 0.8, threshold: 0.75, passed: true, recordedBy: "alice", createdAt: "2026-02-02T00:00:00Z" };
    expect(article9(systemFacts({ risks: [risk], documented: [mv([pass])] }), D)).toMatchObject({ status: "MET", evidence: [expect.stringContaining("RiskAssessment risk_1"), expect.stringContaining("Metric met_1 (AUC): 0.8 against threshold 0.75, recorded by alice")] });
    expect(article9(systemFacts({ risks: [], documented: [mv([pass])] }), D).status).toBe("UNKNOWN");
    expect(article9(systemFacts({ risks: [risk], documented: [mv([{ ...pass, threshold: null }])] }), D).missing[0]).toMatch(/no metric with a defined threshold/);
    expect(article9(systemFacts({ risks: [risk], documented: [mv([pass, { ...pass, id: "met_2", subgroup: "age 65+", value: 0.7, passed: false }])] }), D).status).toBe("UNMET");
  });

  it("Art. 10: provenance, bias examination and mitigation, the legal basis of personal data", () => {
    const ds = { id: "dsv_1", role: "TRAINING", provenance: "core banking", biasExamination: "by age", biasMitigation: "reweighting", containsPersonalData: true, legalBasis: null };
    const f = (x: object) => systemFacts({ documented: [mv([], [{ ...ds, ...x }])] });
    expect(article10(f({}), D).missing).toEqual([expect.stringContaining("DatasetVersion dsv_1: legalBasis missing")]);
    expect(article10(f({ legalBasis: "GDPR 6(1)(b)" }), D).status).toBe("MET");
    expect(article10(f({ containsPersonalData: false, biasExamination: "" }), D).missing).toEqual([expect.stringContaining("biasExamination missing")]);
  });

  it("Art. 14: a described oversight measure is an intention; a test record is evidence", () => {
    expect(article14(systemFacts({ profile: { ...RECORDED, humanOversightMeasures: "officer reviews rejections" } }), D).status).toBe("UNKNOWN");
    const o = article14(systemFacts({ evidence: [ev("HUMAN_OVERSIGHT_TEST")] }), D);
    expect(o).toMatchObject({ status: "MET", evidence: [`HUMAN_OVERSIGHT_TEST evid_HUMAN_OVERSIGHT_TEST: REF-1, performed 2026-03-01T00:00:00.000Z by J. Doe; recorded by alice at 2026-03-02T00:00:00.000Z; sha256:${"d".repeat(64)}`] });
  });

  it("Art. 15: a metric below its threshold keeps it UNMET whatever else is recorded", () => {
    const metrics = [{ id: "met_1", name: "AUC", value: 0.7, threshold: 0.75, passed: false }];
    const o = article15(systemFacts({ evidence: [ev("ROBUSTNESS_CYBERSECURITY_TEST")], documented: [mv(metrics)] }), D);
    expect(o).toMatchObject({ status: "UNMET", missing: ["Metric met_1 (AUC) misses its threshold: 0.7 vs 0.75 (Art. 15(1), (3))"] });
  });

  it("Art. 17: a QMS reference in free text is not evidence; the record with version and adoption date is", () => {
    expect(article17(systemFacts({ profile: { ...RECORDED, qualityManagementSystemRef: "QMS-1" } }), D).status).toBe("UNKNOWN");
    expect(article17(systemFacts({ evidence: [ev("QUALITY_MANAGEMENT_SYSTEM", { reference: "QMS-1", version: "3.2" })] }), D)).toMatchObject({ status: "MET", evidence: [expect.stringContaining("QMS-1 version 3.2, performed 2026-03-01")] });
  });

  it("Art. 19: the six-month minimum is not a recorded retention", () => {
    expect(article19(systemFacts({ profile: RECORDED }), D)).toMatchObject({ status: "UNKNOWN", missing: [expect.stringContaining("logRetentionMonths missing")] });
    expect(article19(systemFacts({ profile: { ...RECORDED, logRetentionMonths: 12 } }), D)).toMatchObject({ status: "MET", evidence: [expect.stringContaining("logs kept 12 months, recorded by alice")] });
  });

  it("Art. 43: a derivable route is not an assessment; the record's procedure and outcome decide", () => {
    const f = (x: Record<string, unknown>, sys: Record<string, unknown> = {}) => systemFacts({ system: sys, profile: RECORDED, evidence: [ev("CONFORMITY_ASSESSMENT", { procedure: "ANNEX_VI", outcome: "CONFORMS", ...x })] });
    expect(article43(systemFacts({ profile: RECORDED }), D)).toMatchObject({ status: "UNKNOWN", title: expect.stringContaining("Annex VI"), missing: [expect.stringContaining("recordConformityAssessment")] });
    expect(article43(f({}), D)).toMatchObject({ status: "MET", evidence: [expect.stringContaining("procedure ANNEX_VI; outcome CONFORMS")] });
    expect(article43(f({ outcome: "DOES_NOT_CONFORM" }), D).status).toBe("UNMET");
    // Art. 43(1): biometrics without a harmonised standard cited in the OJ needs Annex VII.
    expect(article43(f({}, { annexIIIArea: "BIOMETRICS" }), D).missing[0]).toMatch(/followed ANNEX_VI, but Art\. 43\(1\).* requires ANNEX_VII/);
    const bio = systemFacts({ system: { annexIIIArea: "BIOMETRICS" }, profile: { ...RECORDED, harmonisedStandards: ["EN ISO/IEC 42001:2023"] }, evidence: [ev("CONFORMITY_ASSESSMENT", { procedure: "ANNEX_VI", outcome: "CONFORMS" })] });
    expect(article43(bio, D).status).toBe("UNMET");
  });

  it("Art. 73: UNMET while an incident is overdue; not engaged while none is recorded", () => {
    const i = { id: "inc_1", category: "FUNDAMENTAL_RIGHTS", occurredAt: "2026-01-01T00:00:00Z", dueBy: "2026-01-16T00:00:00Z", stage: "INITIAL", submissions: [] };
    expect(article73(systemFacts({ incidentsFull: [{ ...i, overdue: true }] }), D)).toMatchObject({ status: "UNMET", missing: [expect.stringMatching(/^Incident inc_1: no initial report to the authority of .* by 2026-01-16/)] });
    expect(article73(systemFacts({ incidentsFull: [{ ...i, overdue: false, submissions: [{ kind: "INITIAL", submittedAt: "2026-01-05T00:00:00Z", authority: "BaFin" }] }] }), D).status).toBe("MET");
    expect(article73(systemFacts({}), D).status).toBe("NOT_APPLICABLE");
  });

  it("Art. 111(2): a high-risk system put into service before 2 Aug 2026 is caught only by a significant change (public authorities: by 2 Aug 2030); no deployment is UNKNOWN", () => {
    const legacy = article111(systemFacts({ deployments: [{ id: "dep_2", startedAt: "2026-09-01T00:00:00Z" }, { id: "dep_1", startedAt: "2025-05-01T00:00:00Z" }] }));
    expect(legacy).toMatchObject({ status: "UNKNOWN", date: "ART_111_CUTOFF", evidence: ["Deployment dep_1: started 2025-05-01T00:00:00Z"] });
    expect(legacy.title).toMatch(/significant change in design; if intended for public authorities, by 2030-08-02/);
    expect(article111(systemFacts({ deployments: [{ id: "dep_2", startedAt: "2026-09-01T00:00:00Z" }] }))).toMatchObject({ status: "NOT_APPLICABLE", title: expect.stringContaining("first put into service 2026-09-01") });
    expect(article111(systemFacts({})).status).toBe("UNKNOWN");
    // Every row of the table of dates cites its source and says how far it was verified.
    for (const row of Object.values(APPLICATION_DATES)) expect(row).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), source: expect.stringMatching(/Art\. 11[13]|2024\/1689/), verified: expect.any(String) });
    expect(APPLICATION_DATES.ART_111_PUBLIC_AUTHORITIES.date).toBe("2030-08-02");
    expect(APPLICATION_DATES.HIGH_RISK_ANNEX_III.verified).toMatch(/OJ text not found/);
  });

  it("Art. 72(2): MET only when every declared metric with a threshold, overall and per subgroup, is measured in use; drift reports are not performance", () => {
    const dep = { id: "dep_1", startedAt: "2026-03-01T00:00:00Z", endedAt: null };
    const declared = [{ id: "met_1", name: "AUC", subgroup: null, threshold: 0.75 }, { id: "met_2", name: "AUC", subgroup: "age 65+", threshold: 0.75 }, { id: "met_3", name: "latency", subgroup: null, threshold: null }];
    const obs = (subgroup: string | null, value: number) => ({ id: `perf_${subgroup}_${value}`, deploymentId: "dep_1", modelVersionId: "mv_1", metric: "AUC", subgroup, windowStart: "2026-03-01T00:00:00Z", windowEnd: "2026-05-31T00:00:00Z", value, sampleSize: 100, source: "RECORDED_OUTCOMES", reference: "ledger", declaredMetricId: subgroup ? "met_2" : "met_1", threshold: 0.75, passed: value >= 0.75, recordedBy: "alice", createdAt: "2026-06-01T00:00:00Z" });
    const plan = ev("POST_MARKET_MONITORING_PLAN");
    const f = (observations: ReturnType<typeof obs>[], drift = 0) => systemFacts({ deployments: [dep], evidence: [plan], drift: drift ? [{ deploymentId: "dep_1", total: drift, byStatus: {}, latest: [] }] : [], performance: [{ deploymentId: "dep_1", modelVersionId: "mv_1", declared, observations: observations as never }] });
    // Drift reports alone: the subgroup and overall performance are still unmeasured.
    expect(article72(f([], 12), D)).toMatchObject({ status: "UNKNOWN", missing: [expect.stringContaining("dep_1: AUC not measured in use"), expect.stringContaining("dep_1: AUC (age 65+) not measured in use")] });
    expect(article72(f([obs(null, 0.8)]), D).missing).toEqual([expect.stringContaining("AUC (age 65+) not measured in use")]);
    const both = article72(f([obs(null, 0.8), obs("age 65+", 0.7)]), D);
    expect(both.status).toBe("MET");
    expect(both.evidence).toEqual([expect.stringContaining("POST_MARKET_MONITORING_PLAN"), expect.stringContaining("AUC = 0.8 on 100 recorded outcomes"), expect.stringContaining("AUC (age 65+) = 0.7 on 100 recorded outcomes, 2026-03-01T00:00:00Z to 2026-05-31T00:00:00Z (declared threshold 0.75: MISSED)")]);
    // A metric missed in use engages Art. 20.
    expect(article20(f([obs("age 65+", 0.7)]), D).missing[0]).toContain("Deployment dep_1: AUC (age 65+) in use 0.7 misses its declared threshold");
    // Nothing declared with a threshold: nothing to measure against, so not MET.
    expect(article72(systemFacts({ deployments: [dep], evidence: [plan], performance: [{ deploymentId: "dep_1", modelVersionId: "mv_1", declared: [], observations: [] }] }), D).status).toBe("UNKNOWN");
  });

  it("Art. 73(1): one report per Member State authority concerned; a report to Germany does not cover France", () => {
    const base = { id: "inc_2", category: "FUNDAMENTAL_RIGHTS", occurredAt: "2026-01-01T00:00:00Z", dueBy: "2026-01-16T00:00:00Z", stage: "INITIAL", memberStates: ["DE", "FR"] };
    const toDe = [{ kind: "INITIAL" as const, submittedAt: "2026-01-05T00:00:00Z", authority: "BNetzA", memberState: "DE" }];
    const at = (now: string, submissions: typeof toDe) => ({ ...base, submissions, overdue: false, authorities: authorityStatus({ ...base, submissions }, Date.parse(now)) });
    const late = article73(systemFacts({ incidentsFull: [at("2026-02-01T00:00:00Z", toDe)] }), D);
    expect(late.status).toBe("UNMET");
    expect(late.missing).toEqual([expect.stringContaining("no initial report to the authority of FR by 2026-01-16")]);
    expect(late.evidence).toEqual([expect.stringContaining("INITIAL report to BNetzA (DE)")]);
    expect(article73(systemFacts({ incidentsFull: [at("2026-01-10T00:00:00Z", toDe)] }), D)).toMatchObject({ status: "UNKNOWN", missing: [expect.stringContaining("not yet reported to the authority of FR")] });
    const both = [...toDe, { kind: "INITIAL" as const, submittedAt: "2026-01-06T00:00:00Z", authority: "CNIL", memberState: "FR" }];
    expect(article73(systemFacts({ incidentsFull: [at("2026-02-01T00:00:00Z", both)] }), D).status).toBe("MET");
    // A submission that names no Member State counts only where a single one is concerned.
    expect(authorityStatus({ dueBy: base.dueBy, memberStates: ["DE"], submissions: [{ kind: "INITIAL", submittedAt: "2026-01-05T00:00:00Z" }] })[0]).toMatchObject({ memberState: "DE", overdue: false });
    expect(authorityStatus({ dueBy: base.dueBy, memberStates: ["DE", "FR"], submissions: [{ kind: "INITIAL", submittedAt: "2026-01-05T00:00:00Z" }] }, Date.parse("2026-02-01T00:00:00Z")).map((a) => a.overdue)).toEqual([true, true]);
  });
});

describe("Art. 49: who registers what", () => {
  it("Annex III registers under 49(1); points 1, 6 and 7 in the secure section (49(4))", () => {
    expect(registrationScope(systemFacts({ profile: RECORDED }))).toMatchObject({ section: "A", restricted: false, article: "Art. 49(1)" });
    expect(registrationScope(systemFacts({ system: { annexIIIArea: "LAW_ENFORCEMENT" }, profile: RECORDED }))).toMatchObject({ section: "A", restricted: true, article: "Art. 49(1), (4)" });
  });
  it("Annex III point 2 registers nationally (49(5)); Annex I systems do not register under Art. 49", () => {
    const grid = systemFacts({ system: { annexIIIArea: "CRITICAL_INFRASTRUCTURE" }, profile: { ...RECORDED, annexIIIPoint: "2" } });
    expect(registrationScope(grid)).toMatchObject({ section: null, national: true, article: "Art. 49(5)" });
    expect(article49(grid)).toMatchObject({ article: "Art. 49(5)", status: "UNKNOWN", missing: [expect.stringContaining("NATIONAL_REGISTRATION")] });
    const annexI = systemFacts({ system: { annexIIIArea: null }, profile: { ...RECORDED, annexISafetyComponent: true, annexIThirdPartyAssessment: true } });
    expect(article49(annexI)).toMatchObject({ status: "NOT_APPLICABLE", title: expect.stringContaining("Annex I system registers under its sectoral legislation") });
  });
});

describe("deployer duties (Art. 26, 27)", () => {
  const dep = { id: "dep_1", startedAt: "2026-01-01T00:00:00Z" };
  it("each is UNKNOWN until recorded for that deployment, NOT_APPLICABLE where the recorded facts say so", () => {
    const facts = { deployerName: "Stadt Köln", deployerPublicAuthority: true, workplaceUse: false, oversightPersons: "two officers", recordedBy: "dana", createdAt: "2026-03-01T00:00:00Z", id: "dcomp_1" };
    const f = systemFacts({ profile: { ...RECORDED, profilesPeople: true }, deployments: [dep], deployers: new Map([["dep_1", facts]]), evidence: [ev("EU_DATABASE_REGISTRATION", { role: "DEPLOYER", deploymentId: "dep_1" })] });
    const o = by(obligationsOf(f, OperatorRole.DEPLOYER));
    expect(o.get("Art. 26(2)")).toMatchObject({ status: "MET", title: "Human oversight assigned (Stadt Köln)" });
    expect(o.get("Art. 26(7)")!.status).toBe("NOT_APPLICABLE");
    expect(o.get("Art. 26(8), 49(3)")!.status).toBe("MET");
    expect(o.get("Art. 26(9)")).toMatchObject({ status: "UNKNOWN", missing: [expect.stringContaining("DATA_PROTECTION_IMPACT_ASSESSMENT")] });
    expect(o.get("Art. 26(11)")!.status).toBe("UNKNOWN");
    expect(o.get("Art. 26(6)")!.missing[0]).toMatch(/DEPLOYER_LOG_RETENTION, role: DEPLOYER, deploymentId: dep_1/);
  });
});

describe("Art. 86(1): the right to an explanation", () => {
  it("applies to Annex III systems except point 2 whose decisions have legal or similarly significant effects; unknown when not recorded", () => {
    expect(art86Applies("ESSENTIAL_SERVICES", "5(b)", true).applies).toBe(true);
    expect(art86Applies("ESSENTIAL_SERVICES", "5(b)", null)).toMatchObject({ applies: null, why: expect.stringContaining("not recorded") });
    expect(art86Applies("ESSENTIAL_SERVICES", "5(b)", false).applies).toBe(false);
    expect(art86Applies("CRITICAL_INFRASTRUCTURE", "2", true)).toMatchObject({ applies: false, why: expect.stringContaining("point 2") });
    expect(art86Applies(null, null, true)).toMatchObject({ applies: false, why: expect.stringContaining("not listed in Annex III") });
  });
});

describe("Art. 27: the fundamental rights impact assessment before first use", () => {
  const elements = { processDescription: "a", periodAndFrequency: "b", affectedPersons: "c", specificRisks: "d", humanOversightMeasures: "e", riskMeasures: "f", authorityNotifiedAt: "2026-02-15T00:00:00.000Z" };
  const facts = (recordedAt: string) => ({ id: "dcomp_1", recordedBy: "dana", createdAt: recordedAt, friaRecordedAt: recordedAt, ...elements });
  const f = systemFacts({ profile: { ...RECORDED, annexIIIPoint: "5(b)" } });
  const dep = { id: "dep_1", startedAt: "2026-03-01T00:00:00.000Z" };
  it("MET when first recorded before the deployment started, UNMET after, UNKNOWN while an element or the 27(3) notification is missing", () => {
    expect(fria(f, facts("2026-02-01T00:00:00.000Z"), dep, "Dana", D)).toMatchObject({ status: "MET", evidence: [expect.stringContaining("first recorded at 2026-02-01")] });
    expect(fria(f, facts("2026-04-01T00:00:00.000Z"), dep, "Dana", D)).toMatchObject({ status: "UNMET", missing: [expect.stringContaining("after first use on 2026-03-01")] });
    expect(fria(f, { ...facts("2026-02-01T00:00:00.000Z"), authorityNotifiedAt: null }, dep, "Dana", D)).toMatchObject({ status: "UNKNOWN", missing: [expect.stringContaining("authorityNotifiedAt missing (Art. 27(1), (3))")] });
  });
});
