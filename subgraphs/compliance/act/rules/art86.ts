/**
 * Art. 86(1): a person subject to a decision a deployer takes on the basis of the output of an
 * Annex III high-risk system (point 2 excepted) that produces legal effects or similarly
 * significantly affects them has the right to a clear and meaningful explanation of the role of
 * the system in the decision procedure and of the main elements of the decision. Art. 86(3): only
 * where Union law does not otherwise provide that right. From the Chapter III date (Art. 113).
 */
import { AREA_NUMBER } from "../../risk/annex-iii.js";

export interface Art86 {
  /** Null when a fact that decides it is not recorded. */
  applies: boolean | null;
  why: string;
}

export function art86Applies(area: string | null, point: string | null, legalOrSignificantEffect: boolean | null | undefined): Art86 {
  if (!area) return { applies: false, why: "the system is not listed in Annex III: Art. 86(1) covers Annex III high-risk systems only" };
  if (AREA_NUMBER[area] === 2 || point === "2") return { applies: false, why: "Annex III point 2 (critical infrastructure) is excluded from Art. 86(1)" };
  if (legalOrSignificantEffect === true) return { applies: true, why: `Annex III ${point ?? `area ${AREA_NUMBER[area]}`}; the deployer recorded that the decision has legal or similarly significant effects (Art. 86(1))` };
  if (legalOrSignificantEffect === false) return { applies: false, why: "the deployer recorded that the decision has no legal or similarly significant effect on the person (Art. 86(1))" };
  return { applies: null, why: "whether the decision has legal or similarly significant effects on the person is not recorded (Art. 86(1))" };
}
