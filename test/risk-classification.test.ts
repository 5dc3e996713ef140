import { describe, expect, it } from "vitest";
import { classify, type ClassificationFacts } from "../subgraphs/compliance/risk/classify.js";

const facts = (over: Partial<ClassificationFacts> & { profile?: ClassificationFacts["profile"] }): ClassificationFacts => ({
  declaredCategory: "MINIMAL", annexIIIArea: null, profile: {}, ...over,
});

describe("risk classification aid", () => {
  it("a prohibited practice makes the system PROHIBITED, whatever else holds", () => {
    const c = classify(facts({ declaredCategory: "HIGH", annexIIIArea: "LAW_ENFORCEMENT", profile: { prohibitedPractices: ["SOCIAL_SCORING"], transparencyTriggers: ["INTERACTS_WITH_PERSONS"] } }));
    expect(c.derivedCategory).toBe("PROHIBITED");
    expect(c.reasoning[0].article).toBe("Art. 5(1)(c)");
    expect(c.contradictions).toContain("the declared risk category is HIGH, but the recorded facts give PROHIBITED");
    expect(c.consistent).toBe(false);
  });

  it("an Annex III area without exemption is HIGH (Art. 6(2))", () => {
    const c = classify(facts({ declaredCategory: "HIGH", annexIIIArea: "EMPLOYMENT" }));
    expect(c).toMatchObject({ derivedCategory: "HIGH", consistent: true, contradictions: [] });
    expect(c.reasoning.map((r) => r.article)).toContain("Art. 6(2), Annex III");
  });

  it("an Annex I safety component is HIGH (Art. 6(1))", () => {
    expect(classify(facts({ declaredCategory: "HIGH", profile: { annexISafetyComponent: true } })).derivedCategory).toBe("HIGH");
  });

  it("a valid Art. 6(3) exemption takes an Annex III system out of HIGH", () => {
    const c = classify(facts({
      declaredCategory: "MINIMAL", annexIIIArea: "EDUCATION",
      profile: { exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", profilesPeople: false, exemptionDecidedBy: "dpo@acme", exemptionDecidedAt: "2026-01-01T00:00:00.000Z" },
    }));
    expect(c).toMatchObject({ derivedCategory: "MINIMAL", consistent: true, unknowns: [] });
    expect(c.reasoning[0].article).toBe("Art. 6(3)(d)");
    expect(c.obligations.join(" ")).toMatch(/Art\. 49\(2\)/);
  });

  it("flags an exemption claimed by a system that profiles people: it stays HIGH", () => {
    const c = classify(facts({ declaredCategory: "LIMITED", annexIIIArea: "EMPLOYMENT", profile: { exemptionClaimed: true, exemptionCriterion: "NARROW_PROCEDURAL_TASK", profilesPeople: true } }));
    expect(c.derivedCategory).toBe("HIGH");
    expect(c.contradictions[0]).toMatch(/profiles natural persons/);
    expect(c.contradictions).toContain("the declared risk category is LIMITED, but the recorded facts give HIGH");
  });

  it("flags an exemption without criterion, or without an Annex III area", () => {
    expect(classify(facts({ annexIIIArea: "MIGRATION", profile: { exemptionClaimed: true, profilesPeople: false } })).contradictions[0]).toMatch(/without naming which criterion/);
    expect(classify(facts({ profile: { exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK" } })).contradictions[0]).toMatch(/no Annex III area/);
  });

  it("says who-decided is unknown when an exemption lacks it", () => {
    const c = classify(facts({ annexIIIArea: "EDUCATION", profile: { exemptionClaimed: true, exemptionCriterion: "IMPROVES_HUMAN_ACTIVITY", profilesPeople: false } }));
    expect(c.derivedCategory).toBe("MINIMAL");
    expect(c.unknowns.join(" ")).toMatch(/who decided/);
  });

  it("Art. 50 triggers make a system LIMITED, with the obligations", () => {
    const c = classify(facts({ declaredCategory: "LIMITED", profile: { transparencyTriggers: ["DEEP_FAKE", "INTERACTS_WITH_PERSONS"] } }));
    expect(c).toMatchObject({ derivedCategory: "LIMITED", consistent: true });
    expect(c.obligations.join(" ")).toMatch(/50\(4\).*50\(1\)|50\(1\).*50\(4\)/);
  });

  it("nothing applying is MINIMAL", () => {
    expect(classify(facts({})).derivedCategory).toBe("MINIMAL");
  });

  it("without a profile the facts are unknown rather than contradicted", () => {
    const c = classify({ declaredCategory: "LIMITED", annexIIIArea: null, profile: null });
    expect(c.contradictions).toEqual([]);
    expect(c.consistent).toBe(false);
    expect(c.unknowns.join(" ")).toMatch(/no compliance profile/);
  });
});
