import { describe, expect, it } from "vitest";
import { classify, type ClassificationFacts } from "../subgraphs/compliance/risk/classify.js";

/** Art. 5, Art. 6(1) and Art. 50 recorded as not applying; each test adds or overrides its facts. */
const RECORDED = { prohibitedPractices: [], transparencyTriggers: [], annexISafetyComponent: false };
const facts = (over: Partial<ClassificationFacts> & { profile?: ClassificationFacts["profile"] }): ClassificationFacts => ({
  declaredCategory: "MINIMAL", annexIIIArea: null, ...over, profile: over.profile === null ? null : { ...RECORDED, ...over.profile },
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
    const c = classify(facts({ declaredCategory: "HIGH", annexIIIArea: "EMPLOYMENT", profile: { annexIIIPoint: "4(a)" } }));
    expect(c).toMatchObject({ derivedCategory: "HIGH", consistent: true, contradictions: [] });
    expect(c.reasoning.map((r) => r.article)).toContain("Art. 6(2), Annex III");
  });

  it("Art. 6(1) needs both an Annex I safety component and a third-party conformity assessment", () => {
    expect(classify(facts({ declaredCategory: "HIGH", profile: { annexISafetyComponent: true, annexIThirdPartyAssessment: true } })).derivedCategory).toBe("HIGH");
    const noThirdParty = classify(facts({ profile: { annexISafetyComponent: true, annexIThirdPartyAssessment: false } }));
    expect(noThirdParty.derivedCategory).toBe("MINIMAL");
    expect(noThirdParty.reasoning.map((r) => r.article)).toContain("Art. 6(1)(b)");
    const unknown = classify(facts({ profile: { annexISafetyComponent: true } }));
    expect(unknown.unknowns.join(" ")).toMatch(/third-party conformity assessment \(Art\. 6\(1\)\(b\)\): not recorded/);
  });

  it("an Art. 6(3) exemption with profiling not recorded keeps the system HIGH", () => {
    const c = classify(facts({ declaredCategory: "HIGH", annexIIIArea: "EMPLOYMENT", profile: { annexIIIPoint: "4(a)", exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", exemptionDecidedBy: "dpo", exemptionDecidedAt: "2026-01-01T00:00:00.000Z" } }));
    expect(c.derivedCategory).toBe("HIGH");
    expect(c.reasoning.map((r) => r.text)).toContain("profiling not recorded: the exemption cannot be relied on, high-risk");
    expect(c.unknowns.join(" ")).toMatch(/profiling not recorded/);
  });

  it("Annex III at point level: the point must be in the area, and is asked for when absent", () => {
    expect(classify(facts({ declaredCategory: "HIGH", annexIIIArea: "EMPLOYMENT", profile: { annexIIIPoint: "5(b)" } })).contradictions).toContain("Annex III point 5(b) is not in area EMPLOYMENT (4)");
    expect(classify(facts({ declaredCategory: "HIGH", annexIIIArea: "EMPLOYMENT", profile: {} })).unknowns.join(" ")).toMatch(/Annex III point within area EMPLOYMENT .*not recorded/);
  });

  it("carve-outs: 5(b) fraud detection and 1(a) verification are not Annex III", () => {
    const fraud = classify(facts({ annexIIIArea: "ESSENTIAL_SERVICES", profile: { annexIIIPoint: "5(b)", annexIIIExclusion: "FINANCIAL_FRAUD_DETECTION" } }));
    expect(fraud).toMatchObject({ derivedCategory: "MINIMAL", contradictions: [] });
    expect(fraud.reasoning[0].article).toBe("Annex III 5(b)");
    expect(classify(facts({ annexIIIArea: "BIOMETRICS", profile: { annexIIIPoint: "1(a)", annexIIIExclusion: "BIOMETRIC_VERIFICATION" } })).derivedCategory).toBe("MINIMAL");
    const wrong = classify(facts({ declaredCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES", profile: { annexIIIPoint: "5(c)", annexIIIExclusion: "FINANCIAL_FRAUD_DETECTION" } }));
    expect(wrong.derivedCategory).toBe("HIGH");
    expect(wrong.contradictions[0]).toMatch(/only applies to Annex III point 5\(b\)/);
  });

  it("Art. 27 triggers follow the point: every deployer for 5(b)/5(c), public ones otherwise, none for point 2", () => {
    const credit = classify(facts({ declaredCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES", profile: { annexIIIPoint: "5(b)" } }));
    expect(credit.obligations.join(" ")).toMatch(/Art\. 27\(1\): every deployer/);
    const hiring = classify(facts({ declaredCategory: "HIGH", annexIIIArea: "EMPLOYMENT", profile: { annexIIIPoint: "4(a)" } }));
    expect(hiring.obligations.join(" ")).toMatch(/Art\. 27\(1\): deployers that are bodies governed by public law/);
    const grid = classify(facts({ declaredCategory: "HIGH", annexIIIArea: "CRITICAL_INFRASTRUCTURE", profile: { annexIIIPoint: "2" } }));
    expect(grid.obligations.join(" ")).not.toMatch(/Art\. 27/);
    expect(classify(facts({ declaredCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES", profile: {} })).unknowns.join(" ")).toMatch(/whether Art\. 27 binds every deployer/);
  });

  it("emotion recognition at work or in education is flagged as a likely Art. 5(1)(f) prohibited practice", () => {
    const c = classify(facts({ declaredCategory: "HIGH", annexIIIArea: "EMPLOYMENT", profile: { annexIIIPoint: "4(b)", transparencyTriggers: ["EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION"] } }));
    expect(c.contradictions.join(" ")).toMatch(/likely prohibited practice \(Art\. 5\(1\)\(f\)\).*workplace/);
    expect(c.consistent).toBe(false);
    expect(classify(facts({ declaredCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES", profile: { annexIIIPoint: "5(b)", transparencyTriggers: ["EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION"] } })).contradictions).toEqual([]);
  });

  it("a valid Art. 6(3) exemption takes an Annex III system out of HIGH", () => {
    const c = classify(facts({
      declaredCategory: "MINIMAL", annexIIIArea: "EDUCATION",
      profile: { annexIIIPoint: "3(b)", exemptionClaimed: true, exemptionCriterion: "PREPARATORY_TASK", profilesPeople: false, exemptionDecidedBy: "dpo@acme", exemptionDecidedAt: "2026-01-01T00:00:00.000Z" },
    }));
    expect(c).toMatchObject({ derivedCategory: "MINIMAL", consistent: true, unknowns: [] });
    expect(c.reasoning.map((r) => r.article)).toContain("Art. 6(3)(d)");
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

  it("nothing applying, as recorded, is MINIMAL (Art. 95)", () => {
    expect(classify(facts({}))).toMatchObject({ derivedCategory: "MINIMAL", consistent: true, unknowns: [] });
  });

  it("absent is unknown: an empty profile is not MINIMAL, and lists the Art. 5, 6(1) and 50 facts not recorded", () => {
    const c = classify({ declaredCategory: "MINIMAL", annexIIIArea: null, profile: {} });
    expect(c.derivedCategory).toBeNull();
    expect(c.consistent).toBe(false);
    expect(c.reasoning.map((r) => r.article)).not.toContain("Art. 95");
    expect(c.unknowns.join(" ")).toMatch(/Art\. 5 practice applies: prohibitedPractices not recorded/);
    expect(c.unknowns.join(" ")).toMatch(/Art\. 50\(1\)-\(4\) applies: transparencyTriggers not recorded/);
    expect(c.unknowns.join(" ")).toMatch(/safety component of a product under Annex I legislation \(Art\. 6\(1\)\(a\)\): not recorded/);
    // A partial profile: Art. 5 recorded, Art. 50 not: still not decided.
    expect(classify({ declaredCategory: "MINIMAL", annexIIIArea: null, profile: { prohibitedPractices: [], annexISafetyComponent: false } }).derivedCategory).toBeNull();
  });

  it("Art. 5 unrecorded leaves an Annex III system high-risk (Art. 6(2)) but its category undecided: it could be prohibited", () => {
    const c = classify({ declaredCategory: "HIGH", annexIIIArea: "EMPLOYMENT", profile: { annexIIIPoint: "4(a)", transparencyTriggers: [] } });
    expect(c).toMatchObject({ derivedCategory: null, highRisk: true });
  });

  it("the prohibitions added in 2026 are prohibited practices, cited to the amending regulation", () => {
    const c = classify(facts({ declaredCategory: "PROHIBITED", profile: { prohibitedPractices: ["CHILD_SEXUAL_ABUSE_MATERIAL"] } }));
    expect(c.derivedCategory).toBe("PROHIBITED");
    expect(c.reasoning[0].article).toBe("Art. 5 as amended by Reg. (EU) 2026/1744");
  });

  it("without a profile the facts are unknown rather than contradicted", () => {
    const c = classify({ declaredCategory: "LIMITED", annexIIIArea: null, profile: null });
    expect(c.derivedCategory).toBeNull();
    expect(c.contradictions).toEqual([]);
    expect(c.consistent).toBe(false);
    expect(c.unknowns.join(" ")).toMatch(/no compliance profile/);
  });
});
