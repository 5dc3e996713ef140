/**
 * Art. 5: prohibited practices, everyone's duty. Art. 5(1)(a)-(h) since 2 Feb 2025; the
 * prohibitions added by the 2026 amendment (non-consensual intimate imagery, child sexual abuse
 * material) from 2 Dec 2026. Unrecorded is UNKNOWN: only a recorded list (empty for "none")
 * shows what the provider assessed.
 */
import type { DateKey } from "../dates.js";
import type { Finding, RuleFacts } from "./common.js";

export const PRACTICES_2026 = ["NON_CONSENSUAL_INTIMATE_IMAGERY", "CHILD_SEXUAL_ABUSE_MATERIAL"];

function rule(f: RuleFacts, article: string, title: string, date: DateKey, inScope: (x: string) => boolean, extra: string[]): Finding {
  const p = f.profile;
  const listed = p?.prohibitedPractices ?? null;
  if (!p || listed === null) {
    return { article, title, date, status: "UNKNOWN", evidence: [], missing: [`ComplianceProfile ${f.system.id}: prohibitedPractices missing (whether any ${article} practice applies; record [] for none with recordSystemCompliance)`] };
  }
  const flagged = listed.filter(inScope).map((x) => `prohibited practice ${x} flagged: the system may not be placed on the market, put into service or used (${article})`);
  const missing = [...flagged, ...extra];
  const evidence = [`ComplianceProfile ${p.id}: ${listed.filter(inScope).join(", ") || "no prohibited practice"} recorded by ${p.recordedBy} at ${p.createdAt}`];
  return { article, title, date, status: missing.length ? "UNMET" : "MET", evidence, missing };
}

/** Art. 5(1)(a)-(h); a likely Art. 5(1)(f) case the facts reveal (emotion recognition at work) keeps it UNMET. */
export const article5 = (f: RuleFacts): Finding =>
  rule(f, "Art. 5", "Prohibited AI practices", "CHAPTERS_I_II", (x) => !PRACTICES_2026.includes(x), f.classification.contradictions.filter((t) => t.includes("Art. 5(")));

/** The Art. 5 prohibitions added by Reg. (EU) 2026/1744. */
export const article5New = (f: RuleFacts): Finding =>
  rule(f, "Art. 5 (2026)", "Prohibited AI practices added in 2026", "NEW_PROHIBITIONS_2026", (x) => PRACTICES_2026.includes(x), []);

/**
 * Art. 6: the classification rests on recorded facts. MET when the facts decide the category
 * without contradiction; UNKNOWN listing what is not recorded; UNMET on a contradiction.
 */
export function article6(f: RuleFacts): Finding {
  const c = f.classification;
  const p = f.profile;
  const title = `Classification (Art. 6): ${c.derivedCategory ?? "not decided by the recorded facts"}`;
  const base = { article: "Art. 6", title, date: "CHAPTERS_I_II" as DateKey };
  if (c.contradictions.length) return { ...base, status: "UNMET", evidence: [], missing: c.contradictions };
  if (c.derivedCategory === null || !p) return { ...base, status: "UNKNOWN", evidence: [], missing: c.unknowns };
  return { ...base, status: "MET", evidence: [`ComplianceProfile ${p.id} recorded by ${p.recordedBy} at ${p.createdAt}: ${c.reasoning.map((r) => r.article).join(", ")}`], missing: c.unknowns };
}
