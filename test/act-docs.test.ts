import "reflect-metadata"; // before any decorated (type-graphql) class loads
import { describe, expect, it } from "vitest";
import { conformityRoute } from "../subgraphs/compliance/act/conformity-route.js";
import { buildDeclaration } from "../subgraphs/compliance/act/declaration.js";
import { buildFria, friaRequired } from "../subgraphs/compliance/act/fria.js";
import { buildRegistration, statusOf } from "../subgraphs/compliance/act/registration.js";
import { exempted } from "../subgraphs/compliance/act/rules/art49.js";
import { splitStandards } from "../subgraphs/compliance/docs/standards.js";
import { score } from "../subgraphs/compliance/docs/model.js";
import { RECORDED, ev, systemFacts } from "./act-facts.js";

const AT = "2026-06-01T00:00:00.000Z";
const route = (x: Partial<Parameters<typeof conformityRoute>[0]>) =>
  conformityRoute({ highRisk: true, annexIIIArea: null, annexISafetyComponent: null, harmonisedStandards: [], notifiedBody: null, ...x });

describe("Art. 43 conformity route", () => {
  it("Annex III points 2-8: internal control without a notified body (Art. 43(2))", () => {
    expect(route({ annexIIIArea: "EMPLOYMENT" })).toMatchObject({ article: "Art. 43(2)", notifiedBodyRequired: false, procedure: expect.stringContaining("Annex VI") });
  });
  it("biometrics: Annex VI only with harmonised standards, else a notified body (Art. 43(1))", () => {
    expect(route({ annexIIIArea: "BIOMETRICS", harmonisedStandards: ["EN 1"] })).toMatchObject({ article: "Art. 43(1)(a)", notifiedBodyRequired: false });
    expect(route({ annexIIIArea: "BIOMETRICS" })).toMatchObject({ notifiedBodyRequired: true, procedure: expect.stringContaining("Annex VII") });
  });
  it("Annex I products follow their sectoral procedure (Art. 43(3)); unknown facts give no route; not high-risk needs none", () => {
    expect(route({ annexISafetyComponent: true, annexIIIArea: "EMPLOYMENT" })).toMatchObject({ article: "Art. 43(3)", notifiedBodyRequired: true });
    expect(route({})).toMatchObject({ procedure: null, notifiedBodyRequired: null });
    expect(route({ highRisk: false }).notifiedBodyRequired).toBe(false);
  });
});

describe("Annex V declaration", () => {
  it("asks for the notified body only where the route has one, and names missing signatory facts", () => {
    const internal = score(buildDeclaration(systemFacts({ profile: {} }), AT)).missing.map((m) => m.field);
    expect(internal).toEqual(expect.arrayContaining(["providerAddress", "harmonisedStandards", "declarationSignatory"]));
    expect(internal).not.toContain("notifiedBody");
    const bio = score(buildDeclaration(systemFacts({ system: { annexIIIArea: "BIOMETRICS" }, profile: {} }), AT)).missing.map((m) => m.field);
    expect(bio).toContain("notifiedBody");
  });
  it("Annex V(5): personal data anywhere in the processing (training, inputs, decisions) names its instrument", () => {
    const training = systemFacts({ profile: {}, documented: [{ version: { id: "mv_1", version: "1" }, modelName: "m", run: null, datasets: [{ id: "dsv_1", role: "TRAINING", containsPersonalData: true }], compute: [], metrics: [] }] });
    expect(score(buildDeclaration(training, AT)).missing.map((m) => m.field)).toContain("dataProtectionInstruments");
    // A credit-scoring system decides about persons: personal data at every decision, though no training data is flagged.
    const decisions = systemFacts({ profile: { ...RECORDED, profilesPeople: true, dataProtectionInstruments: ["GDPR"] } });
    const row = buildDeclaration(decisions, AT).sections[0].data["5. Personal data"];
    expect(row).toMatch(/processes personal data \(profiling of natural persons\).*Regulation \(EU\) 2016\/679/);
    const unknown = score(buildDeclaration(systemFacts({ profile: RECORDED }), AT)).missing.map((m) => m.field);
    expect(unknown).toContain("processesPersonalData");
    const none = systemFacts({ profile: { ...RECORDED, processesPersonalData: false } });
    expect(buildDeclaration(none, AT).sections[0].data["5. Personal data"]).toBe("no personal data processed, as recorded");
  });

  it("Art. 47: a failing Art. 15 metric and no Art. 17 QMS keep the declaration a DRAFT that names them", () => {
    const f = systemFacts({ profile: RECORDED, documented: [{ version: { id: "mv_1", version: "1" }, modelName: "m", run: null, datasets: [], compute: [], metrics: [{ id: "met_1", name: "AUC", value: 0.7, threshold: 0.75, passed: false, subgroup: "age 65+" }] }] });
    const s = score(buildDeclaration(f, AT));
    expect(s.status).toBe("DRAFT");
    expect(s.blockers).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Art\. 15 \(Accuracy, robustness and cybersecurity\) is UNMET: .*Metric met_1 \(AUC, age 65\+\) misses its threshold/),
      expect.stringMatching(/^Art\. 17 \(Quality management system\) is UNKNOWN: no QUALITY_MANAGEMENT_SYSTEM record/),
      expect.stringMatching(/^Art\. 43 .* is UNKNOWN: .*recordConformityAssessment/),
    ]));
  });

  it("Art. 47: with every stated obligation MET and every Annex V fact recorded, the declaration is ISSUABLE", () => {
    const kinds = ["RISK_MANAGEMENT_REVIEW", "TECHNICAL_DOCUMENTATION", "RECORD_KEEPING", "INSTRUCTIONS_FOR_USE", "HUMAN_OVERSIGHT_TEST", "ROBUSTNESS_CYBERSECURITY_TEST", "QUALITY_MANAGEMENT_SYSTEM"];
    const evidence = [...kinds.map((k) => ev(k)), ev("CONFORMITY_ASSESSMENT", { procedure: "ANNEX_VI", outcome: "CONFORMS" })];
    const ds = { id: "dsv_1", role: "TRAINING", provenance: "core banking", biasExamination: "by age", biasMitigation: "reweighting", containsPersonalData: false };
    const f = systemFacts({
      profile: { ...RECORDED, processesPersonalData: false, providerAddress: "1 Main St", harmonisedStandards: ["EN 1"], declarationSignatory: "J. Doe" },
      risks: [{ id: "risk_1", hazard: "h", createdAt: "2026-01-01T00:00:00Z" }], evidence,
      documented: [{ version: { id: "mv_1", version: "1" }, modelName: "m", run: null, datasets: [ds], compute: [], metrics: [{ id: "met_1", name: "AUC", value: 0.8, threshold: 0.75, passed: true }] }],
    });
    const s = score(buildDeclaration(f, AT));
    expect(s.blockers).toEqual([]);
    expect(s.status).toBe("ISSUABLE");
    // Annex V(6): EN 1 is not cited in the Official Journal (the configured list is empty): another technical specification.
    expect(buildDeclaration(f, AT).sections[0].data).toMatchObject({ "6. Harmonised standards": expect.stringContaining("none applied"), "6. Other technical specifications": "EN 1" });
  });

  it("Annex V is NOT_APPLICABLE for a system that is not high-risk", () => {
    expect(score(buildDeclaration(systemFacts({ system: { riskCategory: "LIMITED", annexIIIArea: null }, profile: { ...RECORDED, transparencyTriggers: ["DEEP_FAKE"] } }), AT)).status).toBe("NOT_APPLICABLE");
  });

  it("a standard counts as harmonised only when it is in the configured list of the Official Journal", () => {
    expect(splitStandards(["EN ISO/IEC 42001:2023", "EN X"], [])).toEqual({ harmonised: [], other: ["EN ISO/IEC 42001:2023", "EN X"] });
    expect(splitStandards(["EN  X", "EN Y"], ["en x"])).toEqual({ harmonised: ["EN  X"], other: ["EN Y"] });
  });
});

describe("Annex VIII registration", () => {
  it("status follows the deployments: in service, no longer in service, not recorded", () => {
    expect(statusOf([{ startedAt: "a" }, { startedAt: "b", endedAt: "2026-02-01" }])).toBe("in service (1 active deployment)");
    expect(statusOf([{ startedAt: "a", endedAt: "2026-02-01" }, { startedAt: "b", endedAt: "2026-03-01" }])).toBe("no longer in service (last deployment ended 2026-03-01)");
    expect(statusOf([])).toBeNull();
  });
  it("an Art. 6(3) exemption registers under Section B, a high-risk system under Section A", () => {
    const exempt = systemFacts({ system: { riskCategory: "MINIMAL" }, profile: { ...RECORDED, exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", profilesPeople: false, annexIIIPoint: "5(a)" } });
    expect(exempted(exempt)).toBe(true);
    expect(buildRegistration(exempt, AT).sections.map((s) => s.number)).toEqual(["B"]);
    // Unknown profiling never grounds the exemption (Art. 6(3) last subparagraph): Section A.
    const unknownProfiling = systemFacts({ profile: { exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", annexIIIPoint: "5(a)" } });
    expect(buildRegistration(unknownProfiling, AT).sections.map((s) => s.number)).toEqual(["A"]);
  });
  it("Section B numbers status B8 and Member States B9; Section A has A2 and A9", () => {
    const exempt = systemFacts({ system: { riskCategory: "MINIMAL" }, profile: { ...RECORDED, exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", profilesPeople: false, annexIIIPoint: "5(a)" } });
    expect(score(buildRegistration(exempt, AT)).missing.map((m) => m.hint)).toEqual(expect.arrayContaining([expect.stringContaining("Annex VIII B8"), expect.stringContaining("Annex VIII B9")]));
    const bio = buildRegistration(systemFacts({ system: { annexIIIArea: "BIOMETRICS" }, profile: RECORDED }), AT).sections[0];
    expect(Object.keys(bio.data)).toEqual(expect.arrayContaining(["A2. Submitted on the provider's behalf by", "A9. Copy of the certificate"]));
  });
  it("Art. 49(4): Annex III points 1, 6, 7 go to the secure section, without the A12 instructions", () => {
    const d = buildRegistration(systemFacts({ system: { annexIIIArea: "MIGRATION" }, profile: { ...RECORDED, annexIIIPoint: "7(b)" } }), AT);
    expect(d.sections[0].ref).toBe("Art. 49(1), (4), 71, Annex VIII Section A");
    expect(d.sections[0].data["A12. Instructions for use"]).toMatch(/secure non-public section \(Art\. 49\(4\)\)/);
    expect(score(d).missing.map((m) => m.field)).not.toContain("instructionsForUseRef");
  });
  it("Annex III point 2 and Annex I systems are not asked to register under Art. 49", () => {
    const grid = buildRegistration(systemFacts({ system: { annexIIIArea: "CRITICAL_INFRASTRUCTURE" }, profile: { ...RECORDED, annexIIIPoint: "2" } }), AT);
    expect(grid.sections).toEqual([]);
    expect(score(grid).status).toBe("NOT_APPLICABLE");
    expect(grid.findings[0]).toMatch(/national level \(Art\. 49\(5\)\)/);
    const annexI = buildRegistration(systemFacts({ system: { annexIIIArea: null }, profile: { ...RECORDED, annexISafetyComponent: true, annexIThirdPartyAssessment: true } }), AT);
    expect(score(annexI).status).toBe("NOT_APPLICABLE");
  });
  it("a deployer that is a public authority gets Section C (Art. 26(8), 49(3))", () => {
    const deps = [{ id: "dep_1", startedAt: "2026-01-01T00:00:00Z" }, { id: "dep_2", startedAt: "2026-01-01T00:00:00Z" }];
    const deployers = new Map([["dep_1", { id: "dcomp_1", deployerName: "Stadt Köln", deployerPublicAuthority: true }], ["dep_2", { id: "dcomp_2", deployerName: "Beta Bank", deployerPublicAuthority: false }]]);
    const d = buildRegistration(systemFacts({ profile: RECORDED, deployments: deps, deployers }), AT);
    expect(d.sections.map((s) => s.number)).toEqual(["A", "C1"]);
    expect(d.sections[1]).toMatchObject({ ref: "Art. 26(8), 49(3), Annex VIII Section C", data: { "C1. Deployer": "Stadt Köln" } });
    expect(d.title).toContain("Annex VIII Section A, C");
  });
});

describe("Art. 27 fundamental rights impact assessment", () => {
  const dep = { id: "dep_1", environment: "prod", startedAt: "2026-01-01T00:00:00Z", modelVersionId: "mv_1", siteId: "s" };
  it("binds every deployer for Annex III 5(b), only public ones elsewhere, none for point 2", () => {
    expect(friaRequired(systemFacts({ profile: { annexIIIPoint: "5(b)" } }), undefined)).toBe(true);
    expect(friaRequired(systemFacts({ system: { annexIIIArea: "EMPLOYMENT" }, profile: { annexIIIPoint: "4(a)" } }), { deployerPublicService: false })).toBe(false);
    expect(friaRequired(systemFacts({ system: { annexIIIArea: "EMPLOYMENT" }, profile: { annexIIIPoint: "4(a)" } }), undefined)).toBeNull();
    expect(friaRequired(systemFacts({ system: { annexIIIArea: "CRITICAL_INFRASTRUCTURE" }, profile: { annexIIIPoint: "2" } }), undefined)).toBe(false);
  });
  it("names every Art. 27(1)(a)-(f) fact the deployer has not recorded", () => {
    const d = buildFria(systemFacts({ profile: { annexIIIPoint: "5(b)" }, deployments: [dep] }), "dep_1", AT);
    expect(score(d).missing.map((m) => m.field)).toEqual(["deployerName", "deployerContact", "processDescription", "periodAndFrequency", "affectedPersons", "specificRisks", "humanOversightMeasures", "oversightPersons", "riskMeasures", "authorityNotifiedAt"]);
  });
  it("asks whether the deployer provides public services only where that decides (Art. 27(1))", () => {
    const f = systemFacts({ system: { annexIIIArea: "EMPLOYMENT" }, profile: { annexIIIPoint: "4(a)" }, deployments: [dep] });
    expect(score(buildFria(f, "dep_1", AT)).missing.map((m) => m.field)).toContain("deployerPublicService");
  });
});
