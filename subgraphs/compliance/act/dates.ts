/**
 * When each AI Act obligation applies: THE table of dates (a correction is one line). Source:
 * Regulation (EU) 2024/1689, Art. 113 (OJ L, 12.7.2024), as amended by the "Digital Omnibus on
 * AI", Regulation (EU) 2026/1744 (Council adoption 29 June 2026, in force 27 July 2026), which
 * moved the Chapter III dates of high-risk systems. Checked against the project's legal notes
 * (design/ai-act.md, ai-act-obligations.md); verify against the Official Journal before relying
 * on a row. Art. 111 (systems placed on the market before these dates) is not modelled: see
 * docs/ai-act.md.
 */
export const APPLICATION_DATES = {
  /** Art. 113(a): Chapters I and II (Art. 4 AI literacy, Art. 5 prohibited practices). */
  CHAPTERS_I_II: { date: "2025-02-02", source: "Art. 113(a) Reg. (EU) 2024/1689" },
  /** Art. 113(b): Chapter V (general-purpose AI models), Art. 101. */
  GPAI: { date: "2025-08-02", source: "Art. 113(b) Reg. (EU) 2024/1689" },
  /** Art. 113 first subparagraph: general application, incl. Art. 50 transparency. */
  GENERAL: { date: "2026-08-02", source: "Art. 113 Reg. (EU) 2024/1689" },
  /** Art. 5 prohibitions added by the 2026 amendment (non-consensual intimate deepfakes, CSAM). */
  NEW_PROHIBITIONS_2026: { date: "2026-12-02", source: "Reg. (EU) 2026/1744 amending Art. 5 and 113 of Reg. (EU) 2024/1689" },
  /** Art. 50(2) marking for generative systems already on the market before 2 Aug 2026. */
  ART_50_2_LEGACY: { date: "2026-12-02", source: "Reg. (EU) 2026/1744 amending Art. 113 of Reg. (EU) 2024/1689" },
  /** Chapter III obligations of high-risk systems listed in Annex III (Art. 6(2)), and the duties that exist only for them. */
  HIGH_RISK_ANNEX_III: { date: "2027-12-02", source: "Art. 113 Reg. (EU) 2024/1689 as amended by Reg. (EU) 2026/1744" },
  /** Chapter III obligations of high-risk systems under Annex I legislation (Art. 6(1)). */
  HIGH_RISK_ANNEX_I: { date: "2028-08-02", source: "Art. 113(c) Reg. (EU) 2024/1689 as amended by Reg. (EU) 2026/1744" },
} as const;

export type DateKey = keyof typeof APPLICATION_DATES;

/** Whether a date (YYYY-MM-DD) applies at the instant `asOf` (ISO): from 00:00 UTC of that day. */
export const inForceAt = (key: DateKey, asOf: string): boolean => Date.parse(`${APPLICATION_DATES[key].date}T00:00:00Z`) <= Date.parse(asOf);

/** Chapter III date of a high-risk system: Annex I route (Art. 6(1)) if recorded, else Annex III. */
export const highRiskDate = (annexI: boolean): DateKey => (annexI ? "HIGH_RISK_ANNEX_I" : "HIGH_RISK_ANNEX_III");
