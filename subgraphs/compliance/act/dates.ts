/**
 * When each AI Act obligation applies: THE table of dates (a correction is one line). Each row
 * cites its source and says how far it was verified (`verified`):
 * - Regulation (EU) 2024/1689, OJ L, 2024/1689, 12.7.2024 (ELI http://data.europa.eu/eli/reg/2024/1689/oj):
 *   Art. 113 and Art. 111 were checked against the published text as reproduced article by
 *   article (eur-lex itself was not reachable from here);
 * - the 2026 amending regulation ("Digital Omnibus on AI", final Council adoption 29 June 2026,
 *   in force on the third day after publication): its Official Journal reference and published
 *   text were NOT found; its dates below agree across secondary sources (law-firm and press
 *   reports of the adopted text) and must be checked against the OJ before relying on them.
 *   Whether it also moved the Art. 111(2) cut-off is not known here.
 */
export interface ApplicationDate {
  date: string;
  source: string;
  verified: string;
}

const OJ_2024 = "Reg. (EU) 2024/1689, OJ L 2024/1689, 12.7.2024";
const OMNIBUS = "Regulation amending Reg. (EU) 2024/1689 (Digital Omnibus on AI, Council adoption 29.6.2026); OJ reference not found";
const CHECKED = "checked against the OJ text of Reg. (EU) 2024/1689";
const SECONDARY = "OJ text not found; date as reported of the adopted text by secondary sources";

export const APPLICATION_DATES = {
  /** Art. 113(a): Chapters I and II (Art. 4 AI literacy, Art. 5 prohibited practices). */
  CHAPTERS_I_II: { date: "2025-02-02", source: `Art. 113, third paragraph, point (a), ${OJ_2024}`, verified: CHECKED },
  /** Art. 113(b): Chapter III Section 4, Chapter V (general-purpose AI models), VII, XII, Art. 78 (not Art. 101). */
  GPAI: { date: "2025-08-02", source: `Art. 113, third paragraph, point (b), ${OJ_2024}`, verified: CHECKED },
  /** Art. 113 second paragraph: general application, incl. Art. 50 transparency. */
  GENERAL: { date: "2026-08-02", source: `Art. 113, second paragraph, ${OJ_2024}`, verified: CHECKED },
  /** Art. 5 prohibitions added by the 2026 amendment (non-consensual intimate deepfakes, CSAM). */
  NEW_PROHIBITIONS_2026: { date: "2026-12-02", source: `${OMNIBUS}, amending Art. 5 and 113`, verified: SECONDARY },
  /** Art. 50(2) marking for generative systems already on the market before 2 Aug 2026. */
  ART_50_2_LEGACY: { date: "2026-12-02", source: `${OMNIBUS}, amending Art. 113`, verified: SECONDARY },
  /** Chapter III obligations of high-risk systems listed in Annex III (Art. 6(2)) (2 Aug 2026 in the 2024 text). */
  HIGH_RISK_ANNEX_III: { date: "2027-12-02", source: `${OMNIBUS}, amending Art. 113`, verified: SECONDARY },
  /** Chapter III obligations of high-risk systems under Annex I legislation (Art. 6(1)) (2 Aug 2027 in the 2024 text, Art. 113(c)). */
  HIGH_RISK_ANNEX_I: { date: "2028-08-02", source: `${OMNIBUS}, amending Art. 113(c)`, verified: SECONDARY },
  /** Art. 111(2): high-risk systems placed on the market or put into service before this date are caught only by a significant change in design. */
  ART_111_CUTOFF: { date: "2026-08-02", source: `Art. 111(2), first sentence, ${OJ_2024}`, verified: `${CHECKED}; whether the 2026 amendment moved it is not known here` },
  /** Art. 111(2): such systems intended to be used by public authorities comply by this date in any case. */
  ART_111_PUBLIC_AUTHORITIES: { date: "2030-08-02", source: `Art. 111(2), second sentence, ${OJ_2024}`, verified: CHECKED },
  /** Art. 111(3): GPAI models placed on the market before 2 Aug 2025 comply by this date. */
  ART_111_GPAI: { date: "2027-08-02", source: `Art. 111(3), ${OJ_2024}`, verified: CHECKED },
  /** Art. 111(1): components of the Annex X large-scale IT systems placed on the market before 2 Aug 2027 comply by this date. */
  ART_111_ANNEX_X: { date: "2030-12-31", source: `Art. 111(1), ${OJ_2024}`, verified: CHECKED },
} as const satisfies Record<string, ApplicationDate>;

export type DateKey = keyof typeof APPLICATION_DATES;

/** Whether a date (YYYY-MM-DD) applies at the instant `asOf` (ISO): from 00:00 UTC of that day. */
export const inForceAt = (key: DateKey, asOf: string): boolean => Date.parse(`${APPLICATION_DATES[key].date}T00:00:00Z`) <= Date.parse(asOf);

/** Chapter III date of a high-risk system: Annex I route (Art. 6(1)) if recorded, else Annex III. */
export const highRiskDate = (annexI: boolean): DateKey => (annexI ? "HIGH_RISK_ANNEX_I" : "HIGH_RISK_ANNEX_III");
