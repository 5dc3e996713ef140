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
    annexIThirdPartyAssessment?: boolean | null;
    annexIIIPoint?: string | null;
    annexIIIExclusion?: string | null;
    transparencyTriggers?: string[] | null;
    prohibitedPractices?: string[] | null;
  } | null;
}

export interface Reason {
  article: string;
  text: string;
}

export interface Classification {
  /** Null when the recorded facts do not decide it (see unknowns): absent is never "minimal" or "not prohibited". */
  derivedCategory: Category | null;
  /** The recorded facts make the system high-risk (Art. 6), whatever the unknowns of Art. 5. */
  highRisk: boolean;
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
/** Practices Reg. (EU) 2026/1744 added to Art. 5 (from 2 Dec 2026). */
const PROHIBITED_2026 = new Set(["NON_CONSENSUAL_INTIMATE_IMAGERY", "CHILD_SEXUAL_ABUSE_MATERIAL"]);
const prohibitedArticle = (x: string) => (PROHIBITED_2026.has(x) ? "Art. 5 as amended by Reg. (EU) 2026/1744" : `Art. 5(1)(${PROHIBITED_LETTER[x] ?? "?"})`);
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

import { ANNEX_III_POINTS, AREA_NUMBER, EXCLUSION_POINT, areaOfPoint, fundamentalRightsTrigger } from "./annex-iii.js";

/** Art. 6(1): high-risk only when both conditions hold; unknown when either is unknown and none is false. */
function annexIRoute(p: NonNullable<ClassificationFacts["profile"]>, reasoning: Reason[], unknowns: string[]): boolean {
  const safety = p.annexISafetyComponent ?? null;
  const thirdParty = p.annexIThirdPartyAssessment ?? null;
  if (safety === true && thirdParty === true) {
    reasoning.push({ article: "Art. 6(1)", text: "safety component of (or itself) a product under Annex I legislation, and that product requires a third-party conformity assessment: high-risk" });
    return true;
  }
  if (safety === true && thirdParty === null) unknowns.push("whether the Annex I product requires a third-party conformity assessment (Art. 6(1)(b)): not recorded");
  if (safety === null && thirdParty === true) unknowns.push("whether the system is a safety component of an Annex I product (Art. 6(1)(a)): not recorded");
  if (safety === true && thirdParty === false) reasoning.push({ article: "Art. 6(1)(b)", text: "Annex I product without a third-party conformity assessment: not high-risk by Art. 6(1)" });
  return false;
}

/**
 * Annex III at point level: the point must lie in the recorded area; an exclusion worded in the
 * point (1(a) verification, 5(b) fraud detection) takes the system out of Annex III.
 * Returns whether the system stays listed.
 */
function annexIIIListed(area: string, p: ClassificationFacts["profile"], reasoning: Reason[], contradictions: string[], unknowns: string[]): boolean {
  const point = p?.annexIIIPoint ?? null;
  const exclusion = p?.annexIIIExclusion ?? null;
  if (!point) unknowns.push(`the Annex III point within area ${area} (e.g. ${AREA_NUMBER[area]}(a)): not recorded; the exclusions of points 1(a) and 5(b) and the Art. 27 triggers depend on it`);
  else if (!(point in ANNEX_III_POINTS)) contradictions.push(`Annex III point ${point} does not exist`);
  else if (areaOfPoint(point) !== AREA_NUMBER[area]) contradictions.push(`Annex III point ${point} is not in area ${area} (${AREA_NUMBER[area]})`);
  if (exclusion) {
    const excludedFrom = EXCLUSION_POINT[exclusion];
    if (point !== excludedFrom) {
      contradictions.push(`exclusion ${exclusion} only applies to Annex III point ${excludedFrom}, but the recorded point is ${point ?? "not recorded"}`);
    } else {
      reasoning.push({ article: `Annex III ${point}`, text: `${exclusion}: the point excludes this use, so the system is not listed in Annex III` });
      return false;
    }
  }
  return true;
}

/** Art. 5(1)(f): emotion recognition in the workplace or education is prohibited save for medical or safety reasons. */
function emotionRecognitionAtWork(facts: ClassificationFacts, triggers: string[], prohibited: string[]): string | null {
  const emotion = triggers.includes("EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION") || facts.profile?.annexIIIPoint === "1(c)";
  const workOrSchool = facts.annexIIIArea === "EMPLOYMENT" || facts.annexIIIArea === "EDUCATION";
  if (!emotion || !workOrSchool || prohibited.includes("EMOTION_RECOGNITION_WORK_EDUCATION")) return null;
  return `likely prohibited practice (Art. 5(1)(f)): emotion recognition or biometric categorisation in ${facts.annexIIIArea === "EMPLOYMENT" ? "the workplace" : "education"}; only medical or safety reasons are excepted`;
}

export function classify(facts: ClassificationFacts): Classification {
  const reasoning: Reason[] = [];
  const contradictions: string[] = [];
  const unknowns: string[] = [];
  const obligations: string[] = [];
  const p = facts.profile;
  const prohibited = p?.prohibitedPractices ?? [];
  const triggers = p?.transparencyTriggers ?? [];
  if (!p) unknowns.push("no compliance profile recorded: prohibited practices (Art. 5), Annex I route (Art. 6(1)), Art. 6(3) exemption and Art. 50 triggers are unknown");
  else {
    if (p.prohibitedPractices == null) unknowns.push("whether any Art. 5 practice applies: prohibitedPractices not recorded (record [] for none)");
    if (p.transparencyTriggers == null) unknowns.push("whether Art. 50(1)-(4) applies: transparencyTriggers not recorded (record [] for none)");
  }

  let category: Category = "MINIMAL";
  let highRisk = false;
  if (prohibited.length) {
    category = "PROHIBITED";
    for (const x of prohibited) reasoning.push({ article: prohibitedArticle(x), text: `flagged prohibited practice ${x}: the system may not be placed on the market or used` });
  }
  if (p && annexIRoute(p, reasoning, unknowns)) highRisk = true;
  const emotion = emotionRecognitionAtWork(facts, triggers, prohibited);
  if (emotion) {
    contradictions.push(emotion);
    reasoning.push({ article: "Art. 5(1)(f)", text: emotion });
  }
  const listed = facts.annexIIIArea ? annexIIIListed(facts.annexIIIArea, p, reasoning, contradictions, unknowns) : false;
  if (facts.annexIIIArea && listed) {
    const claimed = p?.exemptionClaimed === true;
    if (!claimed) {
      highRisk = true;
      reasoning.push({ article: "Art. 6(2), Annex III", text: `listed in Annex III area ${facts.annexIIIArea} and no Art. 6(3) exemption claimed: high-risk` });
    } else if (p?.profilesPeople === true) {
      highRisk = true;
      contradictions.push("an Art. 6(3) exemption is claimed, but the system profiles natural persons: such an Annex III system is always high-risk (Art. 6(3), last subparagraph)");
      reasoning.push({ article: "Art. 6(3) last subparagraph", text: "profiles natural persons: the exemption cannot apply, high-risk" });
    } else if (p.profilesPeople == null) {
      // Art. 6(3) last subparagraph: the derogation never covers profiling; unknown profiling cannot ground it.
      highRisk = true;
      unknowns.push("whether the system profiles natural persons: profiling not recorded (Art. 6(3) last subparagraph)");
      reasoning.push({ article: "Art. 6(3) last subparagraph", text: "profiling not recorded: the exemption cannot be relied on, high-risk" });
    } else if (!p?.exemptionCriterion) {
      highRisk = true;
      contradictions.push("an Art. 6(3) exemption is claimed without naming which criterion (a)-(d) it rests on");
      reasoning.push({ article: "Art. 6(3)", text: "exemption claimed without a criterion: it cannot be relied on, high-risk" });
    } else {
      reasoning.push({
        article: `Art. 6(3)(${EXEMPTION_LETTER[p.exemptionCriterion] ?? "?"})`,
        text: `Annex III area ${facts.annexIIIArea}, exemption claimed under criterion ${p.exemptionCriterion}, no profiling: not high-risk, provided the assessment is documented (Art. 6(4)) and the system registered (Art. 49(2))`,
      });
      if (!p.exemptionDecidedBy || !p.exemptionDecidedAt) unknowns.push("who decided the Art. 6(3) assessment and when (Art. 6(4))");
      obligations.push("Art. 6(4): document the assessment before placing on the market; Art. 49(2): register the system");
    }
  } else if (p?.exemptionClaimed && !facts.annexIIIArea) {
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
  // Absent is unknown: a category the missing facts could still change is not derived.
  const art5Unknown = category !== "PROHIBITED" && (!p || p.prohibitedPractices == null);
  const art6Unknown = !highRisk && category !== "PROHIBITED" && (!p || p.annexISafetyComponent == null);
  const art50Unknown = category === "MINIMAL" && (!p || p.transparencyTriggers == null);
  if (art6Unknown && p) unknowns.push("whether the system is a safety component of a product under Annex I legislation (Art. 6(1)(a)): not recorded");
  const decided = !(art5Unknown || art6Unknown || art50Unknown);
  if (category === "MINIMAL" && decided) reasoning.push({ article: "Art. 95", text: "no prohibited practice, no high-risk route, no transparency trigger: minimal risk (voluntary codes of conduct)" });
  if (category === "HIGH") obligations.push("Chapter III Section 2 (Art. 8-15) requirements, Annex IV technical documentation (Art. 11), logs (Art. 12, 19), conformity assessment (Art. 43), registration (Art. 49)");
  if (category === "PROHIBITED") obligations.push("Art. 5: withdraw; the practice is prohibited");
  if (category === "HIGH" && facts.annexIIIArea && listed) {
    const fria = fundamentalRightsTrigger(facts.annexIIIArea, p?.annexIIIPoint ?? null);
    if (fria === "ALL_DEPLOYERS") obligations.push(`Art. 27(1): every deployer assesses the impact on fundamental rights before first use (Annex III ${p?.annexIIIPoint})`);
    if (fria === "PUBLIC_DEPLOYERS") obligations.push("Art. 27(1): deployers that are bodies governed by public law or private entities providing public services assess the impact on fundamental rights before first use");
    if (fria === null) unknowns.push("whether Art. 27 binds every deployer (Annex III 5(b), 5(c)) or only public ones: the Annex III point is not recorded");
  }

  const derived = decided ? category : null;
  if (!decided && facts.declaredCategory !== category) {
    unknowns.push(`the declared risk category ${facts.declaredCategory} cannot be confirmed from the graph: the facts above are not recorded`);
  } else if (facts.declaredCategory !== category) {
    contradictions.push(`the declared risk category is ${facts.declaredCategory}, but the recorded facts give ${category}`);
  }
  return {
    derivedCategory: derived, highRisk: category === "HIGH" || highRisk, declaredCategory: facts.declaredCategory,
    consistent: contradictions.length === 0 && facts.declaredCategory === derived, reasoning, contradictions, unknowns, obligations,
  };
}
