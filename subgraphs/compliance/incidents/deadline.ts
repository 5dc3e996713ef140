/**
 * Art. 73 reporting deadlines of a serious incident, counted from when the provider became
 * aware of it (awareAt). Pure, so each rule has its own unit test.
 *
 * - 2 days: a widespread infringement, or a serious and irreversible disruption of critical
 *   infrastructure (Art. 3(49)(b)) - Art. 73(3);
 * - 10 days: the death of a person - Art. 73(4);
 * - 15 days otherwise - Art. 73(2).
 * Where several apply, the shortest wins: the report must meet every applicable deadline.
 */

export type IncidentCategoryName = "HEALTH_OR_DEATH" | "CRITICAL_INFRASTRUCTURE" | "FUNDAMENTAL_RIGHTS" | "PROPERTY_OR_ENVIRONMENT";

export interface DeadlineFacts {
  category: IncidentCategoryName;
  awareAt: string;
  deathInvolved: boolean;
  widespread: boolean;
}

export interface Deadline {
  days: 2 | 10 | 15;
  dueBy: string;
  rule: string;
}

const DAY_MS = 86_400_000;
/** An open incident is listed as overdue this long before its deadline ("near": within 24 h). */
export const NEAR_DEADLINE_MS = DAY_MS;

/** Art. 3(49)(a)-(d) letter of each category. */
export const CATEGORY_LETTER: Record<IncidentCategoryName, string> = {
  HEALTH_OR_DEATH: "a", CRITICAL_INFRASTRUCTURE: "b", FUNDAMENTAL_RIGHTS: "c", PROPERTY_OR_ENVIRONMENT: "d",
};

export function reportingDeadline(f: DeadlineFacts): Deadline {
  let days: Deadline["days"];
  let rule: string;
  if (f.widespread || f.category === "CRITICAL_INFRASTRUCTURE") {
    days = 2;
    rule = f.widespread
      ? "Art. 73(3): widespread infringement - immediately, at the latest 2 days after awareness"
      : "Art. 73(3): serious and irreversible disruption of critical infrastructure (Art. 3(49)(b)) - at the latest 2 days after awareness";
  } else if (f.deathInvolved) {
    days = 10;
    rule = "Art. 73(4): death of a person - immediately, at the latest 10 days after awareness";
  } else {
    days = 15;
    rule = "Art. 73(2): at the latest 15 days after awareness";
  }
  return { days, dueBy: new Date(Date.parse(f.awareAt) + days * DAY_MS).toISOString(), rule };
}

/** Open (initial report only) and due within 24 h of `now`, or already past due. */
export const isOverdue = (i: { stage: string; dueBy: string }, now = Date.now()): boolean =>
  i.stage === "INITIAL" && Date.parse(i.dueBy) < now + NEAR_DEADLINE_MS;

/** The instant before which a due date counts as overdue, as a normalised ISO string. */
export const overdueHorizon = (now = Date.now()): string => new Date(now + NEAR_DEADLINE_MS).toISOString();
