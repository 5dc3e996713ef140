/**
 * Annex III at point level: the high-risk use cases, their exclusions, and the Art. 27
 * fundamental-rights-impact-assessment triggers that follow from the point. Pure.
 */

/** Annex III area number of each AnnexIIIArea value. */
export const AREA_NUMBER: Record<string, number> = {
  BIOMETRICS: 1, CRITICAL_INFRASTRUCTURE: 2, EDUCATION: 3, EMPLOYMENT: 4, ESSENTIAL_SERVICES: 5, LAW_ENFORCEMENT: 6, MIGRATION: 7, JUSTICE_DEMOCRACY: 8,
};

/** Every point of Annex III, as written in the Regulation ("2" has no letters). */
export const ANNEX_III_POINTS: Record<string, string> = {
  "1(a)": "remote biometric identification (not verification of a claimed identity)",
  "1(b)": "biometric categorisation by sensitive or protected attributes",
  "1(c)": "emotion recognition",
  "2": "safety component in the management of critical digital infrastructure, road traffic, or the supply of water, gas, heating or electricity",
  "3(a)": "access or admission to education and vocational training",
  "3(b)": "evaluating learning outcomes",
  "3(c)": "assessing the appropriate level of education",
  "3(d)": "monitoring prohibited behaviour of students during tests",
  "4(a)": "recruitment or selection of natural persons",
  "4(b)": "decisions on work relationships: terms, promotion, termination, task allocation, monitoring and evaluation",
  "5(a)": "eligibility for essential public assistance benefits and services",
  "5(b)": "creditworthiness or credit score of natural persons (not detection of financial fraud)",
  "5(c)": "risk assessment and pricing for life and health insurance",
  "5(d)": "evaluating and classifying emergency calls, dispatching and triage",
  "6(a)": "law enforcement: risk of a person becoming a victim of crime",
  "6(b)": "law enforcement: polygraphs and similar tools",
  "6(c)": "law enforcement: reliability of evidence",
  "6(d)": "law enforcement: risk of offending not solely based on profiling",
  "6(e)": "law enforcement: profiling in detection, investigation or prosecution",
  "7(a)": "migration: polygraphs and similar tools",
  "7(b)": "migration: security, irregular-migration or health risks",
  "7(c)": "migration: examination of applications for asylum, visa, residence permits",
  "7(d)": "migration: detecting, recognising or identifying persons (not travel-document verification)",
  "8(a)": "administration of justice: researching and interpreting facts and law",
  "8(b)": "influencing the outcome of an election or referendum or voting behaviour",
};

/** Uses that Annex III words out of a point (the system is then not listed under it). */
export const EXCLUSION_POINT: Record<string, string> = {
  BIOMETRIC_VERIFICATION: "1(a)", // Annex III 1(a): "shall not include ... biometric verification"
  FINANCIAL_FRAUD_DETECTION: "5(b)", // Annex III 5(b): "with the exception of ... detecting financial fraud"
};

export const areaOfPoint = (point: string): number => Number.parseInt(point, 10);

/**
 * Art. 27(1): who must assess the impact on fundamental rights before first use of a high-risk
 * system of Annex III (point 2 excepted): deployers of points 5(b) and 5(c) always; other
 * deployers when they are bodies governed by public law or private entities providing public
 * services. Null when the point is not recorded and the area alone cannot tell.
 */
export function fundamentalRightsTrigger(area: string | null, point: string | null): "ALL_DEPLOYERS" | "PUBLIC_DEPLOYERS" | "NONE" | null {
  if (point === "5(b)" || point === "5(c)") return "ALL_DEPLOYERS";
  if (point === "2" || area === "CRITICAL_INFRASTRUCTURE") return "NONE";
  if (point) return "PUBLIC_DEPLOYERS";
  if (area === "ESSENTIAL_SERVICES") return null;
  return area ? "PUBLIC_DEPLOYERS" : "NONE";
}
