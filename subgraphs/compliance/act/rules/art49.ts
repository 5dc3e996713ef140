/**
 * Art. 49: who registers what. 49(1): providers of Annex III high-risk systems, except point 2
 * (critical infrastructure), which registers at national level (49(5)); 49(2): Annex III systems
 * the provider concluded are not high-risk under Art. 6(3); 49(3): deployers that are public
 * authorities register their use (Annex VIII Section C); 49(4): Annex III points 1, 6 and 7 go to
 * the secure non-public section. Annex I systems do not register under Art. 49. From the
 * Chapter III date of Annex III systems.
 */
import { AREA_NUMBER } from "../../risk/annex-iii.js";
import { EvidenceKind, OperatorRole } from "../../evidence/types.js";
import { isHighRisk } from "../facts.js";
import { byRecord, notApplicable, type Finding, type RuleFacts } from "./common.js";

export interface RegistrationScope {
  /** Annex VIII section the provider fills in; null when the provider does not register under Art. 49(1)-(2). */
  section: "A" | "B" | null;
  /** Art. 49(5): Annex III point 2 registers at national level. */
  national: boolean;
  /** Art. 49(4): the secure non-public section (Annex III points 1, 6, 7). */
  restricted: boolean;
  article: string;
  why: string;
}

/** Art. 6(3) derogation relied on: listed in Annex III, exemption claimed, and the facts do not make it high-risk. */
export const exempted = (f: RuleFacts): boolean =>
  !!f.system.annexIIIArea && f.profile?.exemptionClaimed === true && f.classification.derivedCategory !== "HIGH" && f.classification.derivedCategory !== "PROHIBITED" && f.classification.derivedCategory !== null;

export function registrationScope(f: RuleFacts): RegistrationScope {
  const area = (f.system.annexIIIArea as string | null) ?? null;
  const point = area ? AREA_NUMBER[area] : null;
  const restricted = point === 1 || point === 6 || point === 7;
  if (!area) {
    const why = f.profile?.annexISafetyComponent ? "an Annex I system registers under its sectoral legislation, not under Art. 49" : "the system is not listed in Annex III";
    return { section: null, national: false, restricted: false, article: "Art. 49(1)", why };
  }
  if (point === 2) return { section: null, national: true, restricted: false, article: "Art. 49(5)", why: "Annex III point 2 (critical infrastructure) registers at national level" };
  if (exempted(f)) return { section: "B", national: false, restricted, article: "Art. 49(2)", why: "Art. 6(3) derogation relied on" };
  if (isHighRisk(f)) return { section: "A", national: false, restricted, article: restricted ? "Art. 49(1), (4)" : "Art. 49(1)", why: "Annex III high-risk system" };
  return { section: null, national: false, restricted: false, article: "Art. 49(1)", why: "the recorded facts make the system neither high-risk nor exempted under Art. 6(3)" };
}

/** Art. 16(i), 49(1)-(2), (5): the provider's registration, as the scope requires. */
export function article49(f: RuleFacts): Finding {
  const s = registrationScope(f);
  const title = `Registration${s.section ? ` (Annex VIII Section ${s.section}${s.restricted ? ", secure non-public section" : ""})` : s.national ? " at national level" : ""}`;
  if (s.national) return byRecord(f, { article: s.article, title, date: "HIGH_RISK_ANNEX_III", kind: EvidenceKind.NATIONAL_REGISTRATION, role: OperatorRole.PROVIDER, need: "the national registration" });
  if (!s.section) return notApplicable(s.article, "Registration in the EU database", "HIGH_RISK_ANNEX_III", s.why);
  return byRecord(f, { article: s.article, title, date: "HIGH_RISK_ANNEX_III", kind: EvidenceKind.EU_DATABASE_REGISTRATION, role: OperatorRole.PROVIDER, need: "the EU database registration number" });
}
