/**
 * The fields of the serious-incident report (Art. 73), grouped as a reporting template. Pure, so
 * each rule has its own unit test.
 *
 * Source: the Commission published draft guidance and a DRAFT reporting template for serious
 * incidents under Art. 73 of Regulation (EU) 2024/1689 for consultation on 26 September 2025
 * (consultation closed 7 November 2025; Art. 73(7) asks for the guidance). The template's own
 * field list was NOT found in a form that could be checked here (only secondary descriptions of
 * it), so the parts below are derived from the Regulation itself and named after the provision
 * that asks for each fact: Art. 73(1)-(6), Art. 3(49) (categories of serious incident), Art. 3(61),
 * Art. 49 and 71 (registration), Art. 20 (corrective action), Art. 26(5) (deployer awareness).
 * docs/ai-act.md says the same. Once the final template is adopted, its parts replace these.
 */

/** The report's parts, in order: what each covers and the provision asking for it. */
export const TEMPLATE_PARTS = [
  { number: "1", title: "Reporter and provider", ref: "Art. 73(1), Art. 16, Art. 26(5)" },
  { number: "2", title: "The AI system", ref: "Art. 73(1), Art. 6(2), Art. 49, Art. 71" },
  { number: "3", title: "The incident", ref: "Art. 3(49), Art. 3(61), Art. 73(1)-(4)" },
  { number: "4", title: "Causal link and lineage", ref: "Art. 73(2), Art. 12" },
  { number: "5", title: "Corrective actions", ref: "Art. 20, Art. 73(6)" },
  { number: "6", title: "Investigation and completion", ref: "Art. 73(5)-(6)" },
  { number: "7", title: "Submissions to the authorities", ref: "Art. 73(1)-(5)" },
] as const;

/** Annex III point of each area (Annex III points 1-8 of Regulation (EU) 2024/1689). */
export const ANNEX_III_POINT: Record<string, string> = {
  BIOMETRICS: "1", CRITICAL_INFRASTRUCTURE: "2", EDUCATION: "3", EMPLOYMENT: "4",
  ESSENTIAL_SERVICES: "5", LAW_ENFORCEMENT: "6", MIGRATION: "7", JUSTICE_DEMOCRACY: "8",
};

/**
 * The Annex III point the report names: the recorded sub-point (e.g. "5(b)") where the profile has
 * one for the system's area, else the point of the area; null when no area is recorded.
 */
export function annexIIIPointOf(area: string | null | undefined, recordedPoint: string | null | undefined): string | null {
  if (!area) return null;
  const point = ANNEX_III_POINT[area] ?? null;
  if (recordedPoint && point && recordedPoint.split("(")[0] === point) return recordedPoint;
  return point;
}

/**
 * Whether the system has an EU database registration number the report should name:
 * Art. 49(1) registers Annex III systems in the EU database (Art. 71), except point 2 (critical
 * infrastructure), which registers nationally (Art. 49(5)); Annex I systems do not register under
 * Art. 49. Without a recorded Annex III area the question is open, so nothing is asked.
 */
export function expectsEuRegistration(area: string | null | undefined): { expected: boolean; reason: string } {
  if (!area) return { expected: false, reason: "no Annex III area recorded: Art. 49(1) registration not established" };
  if (area === "CRITICAL_INFRASTRUCTURE") return { expected: false, reason: "Annex III point 2: registered at national level, Art. 49(5)" };
  return { expected: true, reason: `Annex III point ${ANNEX_III_POINT[area] ?? "?"}: registered in the EU database, Art. 49(1), 71` };
}

/** The recorded registration of a system, as the report reads it. */
export interface RegistryFacts {
  /** The registration record's reference (Art. 49), else the number in the compliance profile; null: not recorded. */
  euDatabaseRegistrationNumber: string | null;
  /** Where that number comes from (evidence record id and who recorded it, or the profile). */
  registrationSource: string | null;
  /** The Annex III sub-point recorded in the profile (e.g. "5(b)"); null: not recorded. */
  annexIIIPoint: string | null;
}

/**
 * A fact of the report that the investigation may revise (persons affected, harm): the latest
 * investigation record stating it is in force (Art. 73(6)), else the initial report's; null when
 * neither records it (not recorded, never a default).
 */
export function latestStated<T>(initial: T | null | undefined, updates: (T | null | undefined)[]): T | null {
  for (let i = updates.length - 1; i >= 0; i--) if (updates[i] !== null && updates[i] !== undefined) return updates[i] as T;
  return initial ?? null;
}
