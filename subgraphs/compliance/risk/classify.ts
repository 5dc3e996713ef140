/**
 * Risk classification aid (Art. 5, 6, 50): derives a system's risk category from its facts
 * with the reasoning, and flags facts that contradict each other or the declared category.
 * Pure: no database, so every rule has a unit test.
 */

export type Category = "PROHIBITED" | "HIGH" | "LIMITED" | "MINIMAL";

export interface ClassificationFacts {
  declaredCategory: Category;
  annexIIIArea: string | null;
  /** Null when no compliance profile was recorded: the Art. 5 / 50 / 6(3) facts are unknown. */
  profile: {
    exemptionClaimed?: boolean | null;
    exemptionCriterion?: string | null;
    profilesPeople?: boolean | null;
    exemptionDecidedBy?: string | null;
    exemptionDecidedAt?: string | null;
    annexISafetyComponent?: boolean | null;
    transparencyTriggers?: string[] | null;
    prohibitedPractices?: string[] | null;
  } | null;
}

export interface Reason {
  article: string;
  text: string;
}

export interface Classification {
  derivedCategory: Category;
  declaredCategory: Category;
  consistent: boolean;
  reasoning: Reason[];
  contradictions: string[];
  /** Facts the classification needed but the graph lacks. */
  unknowns: string[];
  /** Obligations that follow from the derived category and triggers. */
  obligations: string[];
}

const PROHIBITED_LETTER: Record<string, string> = {
  SUBLIMINAL_MANIPULATION: "a", EXPLOITS_VULNERABILITIES: "b", SOCIAL_SCORING: "c", CRIME_PREDICTION_BY_PROFILING: "d",
  UNTARGETED_FACE_SCRAPING: "e", EMOTION_RECOGNITION_WORK_EDUCATION: "f", BIOMETRIC_CATEGORISATION_SENSITIVE: "g",
  REALTIME_REMOTE_BIOMETRIC_ID_LAW_ENFORCEMENT: "h",
};
const EXEMPTION_LETTER: Record<string, string> = {
  NARROW_PROCEDURAL_TASK: "a", IMPROVES_HUMAN_ACTIVITY: "b", DETECTS_DECISION_PATTERNS: "c", PREPARATORY_TASK: "d",
};
const TRANSPARENCY_PARAGRAPH: Record<string, string> = {
  INTERACTS_WITH_PERSONS: "50(1): inform people that they interact with an AI system",
  GENERATES_SYNTHETIC_CONTENT: "50(2): mark synthetic output in a machine-readable format",
  EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION: "50(3): inform exposed persons of the operation of the system",
  DEEP_FAKE: "50(4): disclose that the content was artificially generated or manipulated",
  PUBLIC_INTEREST_TEXT: "50(4): disclose AI-generated text published to inform the public",
};

export function classify(facts: ClassificationFacts): Classification {
  const reasoning: Reason[] = [];
  const contradictions: string[] = [];
  const unknowns: string[] = [];
  const obligations: string[] = [];
  const p = facts.profile;
  const prohibited = p?.prohibitedPractices ?? [];
  const triggers = p?.transparencyTriggers ?? [];
  if (!p) unknowns.push("no compliance profile recorded: prohibited practices (Art. 5), Annex I route (Art. 6(1)), Art. 6(3) exemption and Art. 50 triggers are unknown");

  let category: Category = "MINIMAL";
  let highRisk = false;
  if (prohibited.length) {
    category = "PROHIBITED";
    for (const x of prohibited) reasoning.push({ article: `Art. 5(1)(${PROHIBITED_LETTER[x] ?? "?"})`, text: `flagged prohibited practice ${x}: the system may not be placed on the market or used` });
  }
  if (p?.annexISafetyComponent) {
    highRisk = true;
    reasoning.push({ article: "Art. 6(1)", text: "safety component of (or itself) a product under Annex I legislation requiring third-party conformity assessment: high-risk" });
  }
  if (facts.annexIIIArea) {
    const claimed = p?.exemptionClaimed === true;
    if (!claimed) {
      highRisk = true;
      reasoning.push({ article: "Art. 6(2), Annex III", text: `listed in Annex III area ${facts.annexIIIArea} and no Art. 6(3) exemption claimed: high-risk` });
    } else if (p?.profilesPeople === true) {
      highRisk = true;
      contradictions.push("an Art. 6(3) exemption is claimed, but the system profiles natural persons: such an Annex III system is always high-risk (Art. 6(3), last subparagraph)");
      reasoning.push({ article: "Art. 6(3) last subparagraph", text: "profiles natural persons: the exemption cannot apply, high-risk" });
    } else if (!p?.exemptionCriterion) {
      highRisk = true;
      contradictions.push("an Art. 6(3) exemption is claimed without naming which criterion (a)-(d) it rests on");
      reasoning.push({ article: "Art. 6(3)", text: "exemption claimed without a criterion: it cannot be relied on, high-risk" });
    } else {
      reasoning.push({
        article: `Art. 6(3)(${EXEMPTION_LETTER[p.exemptionCriterion] ?? "?"})`,
        text: `Annex III area ${facts.annexIIIArea}, exemption claimed under criterion ${p.exemptionCriterion}, no profiling: not high-risk, provided the assessment is documented (Art. 6(4)) and the system registered (Art. 49(2))`,
      });
      if (p.profilesPeople == null) unknowns.push("whether the system profiles natural persons (needed for the Art. 6(3) exemption)");
      if (!p.exemptionDecidedBy || !p.exemptionDecidedAt) unknowns.push("who decided the Art. 6(3) assessment and when (Art. 6(4))");
      obligations.push("Art. 6(4): document the assessment before placing on the market; Art. 49(2): register the system");
    }
  } else if (p?.exemptionClaimed) {
    contradictions.push("an Art. 6(3) exemption is claimed, but the system has no Annex III area: the exemption only applies to Annex III systems");
  }
  if (p && !p.exemptionClaimed && p.exemptionCriterion) {
    contradictions.push(`exemption criterion ${p.exemptionCriterion} is recorded but no Art. 6(3) exemption is claimed`);
  }
  if (highRisk && category !== "PROHIBITED") category = "HIGH";
  if (triggers.length) {
    for (const t of triggers) {
      reasoning.push({ article: `Art. ${TRANSPARENCY_PARAGRAPH[t]?.split(":")[0] ?? "50"}`, text: `transparency trigger ${t}` });
      obligations.push(`Art. ${TRANSPARENCY_PARAGRAPH[t] ?? "50"}`);
    }
    if (category === "MINIMAL") category = "LIMITED";
  }
  if (category === "MINIMAL") reasoning.push({ article: "Art. 95", text: "no prohibited practice, no high-risk route, no transparency trigger: minimal risk (voluntary codes of conduct)" });
  if (category === "HIGH") obligations.push("Chapter III Section 2 (Art. 8-15) requirements, Annex IV technical documentation (Art. 11), logs (Art. 12, 19), conformity assessment (Art. 43), registration (Art. 49)");
  if (category === "PROHIBITED") obligations.push("Art. 5: withdraw; the practice is prohibited");

  if (facts.declaredCategory !== category && !p) {
    unknowns.push(`the declared risk category ${facts.declaredCategory} cannot be confirmed from the graph (facts give ${category}): record a compliance profile`);
  } else if (facts.declaredCategory !== category) {
    contradictions.push(`the declared risk category is ${facts.declaredCategory}, but the recorded facts give ${category}`);
  }
  return { derivedCategory: category, declaredCategory: facts.declaredCategory, consistent: contradictions.length === 0 && facts.declaredCategory === category, reasoning, contradictions, unknowns, obligations };
}
