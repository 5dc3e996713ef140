import "reflect-metadata"; // before any decorated (type-graphql) class loads
import { describe, expect, it } from "vitest";
import { conformityRoute } from "../subgraphs/compliance/act/conformity-route.js";
import { buildDeclaration } from "../subgraphs/compliance/act/declaration.js";
import { buildFria, friaRequired } from "../subgraphs/compliance/act/fria.js";
import { buildRegistration, exempted, statusOf } from "../subgraphs/compliance/act/registration.js";
import { score } from "../subgraphs/compliance/docs/model.js";
import { systemFacts } from "./act-facts.js";

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
  it("Annex V(5): personal data in the training data needs its legal basis", () => {
    const f = systemFacts({ profile: {}, documented: [{ version: { id: "mv_1", version: "1" }, modelName: "m", run: null, datasets: [{ id: "dsv_1", role: "TRAINING", containsPersonalData: true, legalBasis: null }], compute: [], metrics: [] }] });
    expect(score(buildDeclaration(f, AT)).missing.map((m) => `${m.entity} ${m.id} ${m.field}`)).toContain("DatasetVersion dsv_1 legalBasis");
  });
});

describe("Annex VIII registration", () => {
  it("status follows the deployments: in service, no longer in service, not recorded", () => {
    expect(statusOf([{ startedAt: "a" }, { startedAt: "b", endedAt: "2026-02-01" }])).toBe("in service (1 active deployment)");
    expect(statusOf([{ startedAt: "a", endedAt: "2026-02-01" }, { startedAt: "b", endedAt: "2026-03-01" }])).toBe("no longer in service (last deployment ended 2026-03-01)");
    expect(statusOf([])).toBeNull();
  });
  it("an Art. 6(3) exemption registers under Section B, a high-risk system under Section A", () => {
    const exempt = systemFacts({ system: { riskCategory: "MINIMAL" }, profile: { exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", profilesPeople: false, annexIIIPoint: "5(a)" } });
    expect(exempted(exempt)).toBe(true);
    expect(buildRegistration(exempt, AT).sections.map((s) => s.number)).toEqual(["B"]);
    // Unknown profiling never grounds the exemption (Art. 6(3) last subparagraph): Section A.
    const unknownProfiling = systemFacts({ profile: { exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", annexIIIPoint: "5(a)" } });
    expect(buildRegistration(unknownProfiling, AT).sections.map((s) => s.number)).toEqual(["A"]);
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
