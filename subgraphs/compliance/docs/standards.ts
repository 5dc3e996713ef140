import { env } from "../../../runtime/config.js";

/** The harmonised standards cited in the Official Journal (Art. 40(1)), as configured (HARMONISED_STANDARDS; none today). */
export const citedStandards = (): string[] => String(env.HARMONISED_STANDARDS ?? "").split(";").map((s) => s.trim()).filter(Boolean);

/**
 * Splits the standards a provider recorded: only those cited in the Official Journal are
 * harmonised (Art. 40(1)) and give the presumption of conformity; the rest are "other technical
 * specifications" (Annex IV(7), Annex V(6)).
 */
export function splitStandards(recorded: readonly string[], cited: readonly string[] = citedStandards()): { harmonised: string[]; other: string[] } {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
  const official = new Set(cited.map(norm));
  return { harmonised: recorded.filter((s) => official.has(norm(s))), other: recorded.filter((s) => !official.has(norm(s))) };
}
