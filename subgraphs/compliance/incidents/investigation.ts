/**
 * Art. 73(6): after reporting a serious incident the provider investigates without delay,
 * including a risk assessment of the incident and corrective action, and does not alter the
 * system in a way that may affect the evaluation of the causes before informing the competent
 * authorities. Pure: what the recorded investigation says about that duty.
 */

export interface InvestigationFacts {
  startedAt: string;
  riskAssessment: string | null;
  /** Whether the system was altered during the investigation; null = not recorded. */
  systemAltered: boolean | null;
  alteredAt: string | null;
  /** When the authorities were informed of the alteration; null = not recorded. */
  authoritiesInformedAt: string | null;
}

export interface AlterationAssessment {
  /** The sentence the report states. */
  statement: string;
  /** True when the record shows an alteration before the authorities were informed (Art. 73(6)). */
  breach: boolean;
  /** Facts the record lacks to answer the Art. 73(6) question. */
  missing: ("investigation" | "riskAssessment" | "systemAltered" | "alteredAt" | "authoritiesInformedAt")[];
}

const DUTY = "Art. 73(6): the provider must not alter the system in a way that could affect the evaluation of the causes before informing the authorities.";

export function assessAlteration(inv: InvestigationFacts | null): AlterationAssessment {
  if (!inv) return { statement: `${DUTY} No investigation is recorded. Whether it was altered is not recorded in the graph.`, breach: false, missing: ["investigation"] };
  const missing: AlterationAssessment["missing"] = inv.riskAssessment ? [] : ["riskAssessment"];
  if (inv.systemAltered === null) return { statement: `${DUTY} Whether it was altered is not recorded in the graph.`, breach: false, missing: [...missing, "systemAltered"] };
  if (!inv.systemAltered) return { statement: `${DUTY} Recorded: the system was not altered during the investigation.`, breach: false, missing };
  if (!inv.alteredAt || !inv.authoritiesInformedAt) {
    const lacking = [...(inv.alteredAt ? [] : ["alteredAt" as const]), ...(inv.authoritiesInformedAt ? [] : ["authoritiesInformedAt" as const])];
    return { statement: `${DUTY} Recorded: the system was altered; ${lacking.includes("alteredAt") ? "when is not recorded" : `at ${inv.alteredAt}`}; ${inv.authoritiesInformedAt ? `authorities informed at ${inv.authoritiesInformedAt}` : "informing the authorities is not recorded"}.`, breach: false, missing: [...missing, ...lacking] };
  }
  const breach = Date.parse(inv.alteredAt) < Date.parse(inv.authoritiesInformedAt);
  return {
    statement: `${DUTY} Recorded: the system was altered at ${inv.alteredAt}, the authorities informed at ${inv.authoritiesInformedAt}${breach ? ": altered before the authorities were informed" : ""}.`,
    breach,
    missing,
  };
}
