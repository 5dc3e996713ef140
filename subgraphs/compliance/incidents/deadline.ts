/**
 * Art. 73 reporting deadlines of a serious incident, counted from when the provider (or, under
 * Art. 26(5), the deployer) became aware of it (awareAt). Pure, so each rule has its own unit test.
 *
 * - 2 days: a widespread infringement (Art. 3(61)), or a serious and irreversible disruption of
 *   critical infrastructure (Art. 3(49)(b)) - Art. 73(3);
 * - 10 days: the death of a person - Art. 73(4);
 * - 15 days otherwise - Art. 73(2).
 * Where several apply, the shortest wins: the report must meet every applicable deadline.
 */

export type IncidentCategoryName = "HEALTH_OR_DEATH" | "CRITICAL_INFRASTRUCTURE" | "FUNDAMENTAL_RIGHTS" | "PROPERTY_OR_ENVIRONMENT";
export type SubmissionKindName = "INITIAL" | "FOLLOW_UP" | "FINAL";

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
/** An incident without an initial report is flagged `dueSoon` this long before its deadline. */
export const NEAR_DEADLINE_MS = DAY_MS;

/** Art. 3(49)(a)-(d) letter of each category. */
export const CATEGORY_LETTER: Record<IncidentCategoryName, string> = {
  HEALTH_OR_DEATH: "a", CRITICAL_INFRASTRUCTURE: "b", FUNDAMENTAL_RIGHTS: "c", PROPERTY_OR_ENVIRONMENT: "d",
};

/**
 * Whether the Member States concerned make an infringement "widespread" (Art. 3(61)):
 * (a) it harms the collective interests of individuals in at least two Member States other than
 *     the one where it originated (or where the provider or deployer is established), or
 * (b) the same practice occurs concurrently in at least three Member States.
 * The harm to collective interests is the reporter's claim; the geography is checked here.
 * Without the origin Member State only (b) can be checked.
 */
export function widespreadTest(memberStates: string[], originMemberState: string | null): { qualifies: boolean; reason: string } {
  const states = [...new Set(memberStates)];
  if (states.length >= 3) return { qualifies: true, reason: `Art. 3(61)(b): concerns ${states.length} Member States (at least three)` };
  if (originMemberState) {
    const others = states.filter((s) => s !== originMemberState);
    if (others.length >= 2) return { qualifies: true, reason: `Art. 3(61)(a): concerns ${others.join(", ")}, two Member States other than the origin ${originMemberState}` };
    return { qualifies: false, reason: `Art. 3(61): concerns ${others.length} Member State(s) other than the origin ${originMemberState}; (a) needs two, (b) three in all` };
  }
  return { qualifies: false, reason: `Art. 3(61): concerns ${states.length} Member State(s) and the origin Member State is not recorded; (a) needs two besides the origin, (b) three in all` };
}

export function reportingDeadline(f: DeadlineFacts): Deadline {
  let days: Deadline["days"];
  let rule: string;
  if (f.widespread || f.category === "CRITICAL_INFRASTRUCTURE") {
    days = 2;
    rule = f.widespread
      ? "Art. 73(3): widespread infringement (Art. 3(61)) - immediately, at the latest 2 days after awareness"
      : "Art. 73(3): serious and irreversible disruption of critical infrastructure (Art. 3(49)(b)) - at the latest 2 days after awareness";
  } else if (f.deathInvolved) {
    days = 10;
    rule = "Art. 73(4): death of a person - immediately, at the latest 10 days after awareness";
  } else {
    days = 15;
    rule = "Art. 73(2): immediately after establishing a causal link (or its reasonable likelihood), at the latest 15 days after awareness";
  }
  return { days, dueBy: new Date(Date.parse(f.awareAt) + days * DAY_MS).toISOString(), rule };
}

export interface SubmissionFacts {
  kind: SubmissionKindName;
  submittedAt: string;
}

/** The first initial report submitted (Art. 73(5) allows it to be incomplete), or null. */
export const firstInitial = (subs: SubmissionFacts[]): SubmissionFacts | null =>
  [...subs].filter((s) => s.kind === "INITIAL").sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt))[0] ?? null;

/**
 * Art. 73(2)-(5): overdue when no initial report was submitted by dueBy and dueBy has passed.
 * The deadline is met by the submission, not by completing the report: an incomplete initial
 * report sent in time followed by a complete one is lawful (Art. 73(5)). A report submitted
 * late keeps the incident overdue: the deadline was missed.
 */
export function isOverdue(i: { dueBy: string; submissions: SubmissionFacts[] }, now = Date.now()): boolean {
  const initial = firstInitial(i.submissions);
  if (initial) return Date.parse(initial.submittedAt) > Date.parse(i.dueBy);
  return now > Date.parse(i.dueBy);
}

/** No initial report yet, and the deadline is within 24 hours (not yet passed). */
export function isDueSoon(i: { dueBy: string; submissions: SubmissionFacts[] }, now = Date.now()): boolean {
  const due = Date.parse(i.dueBy);
  return !firstInitial(i.submissions) && due >= now && due < now + NEAR_DEADLINE_MS;
}

/**
 * Order of submissions (Art. 73(5)), per authority (Art. 73(1): the authority of each Member
 * State concerned gets its own report): a follow-up or final report presupposes an initial one
 * to that authority submitted no later; one initial report per authority; nothing follows a
 * final report. Returns the problem, or null.
 */
export function submissionProblem(existing: (SubmissionFacts & { authority: string })[], next: SubmissionFacts & { authority: string }): string | null {
  const same = existing.filter((s) => s.authority === next.authority);
  const initial = firstInitial(same);
  if (next.kind !== "INITIAL" && (!initial || Date.parse(initial.submittedAt) > Date.parse(next.submittedAt))) {
    return `a ${next.kind} report needs an INITIAL report to the same authority submitted no later (Art. 73(5))`;
  }
  if (next.kind === "INITIAL" && initial) return `an INITIAL report was already submitted to ${next.authority}: record a FOLLOW_UP or FINAL report`;
  if (same.some((s) => s.kind === "FINAL")) return `a FINAL report was already submitted to ${next.authority}`;
  return null;
}

/** Where one Member State's authority stands: its first initial report and whether it is overdue. */
export interface AuthorityStatus {
  memberState: string;
  initialSubmittedAt: string | null;
  overdue: boolean;
}

/**
 * Art. 73(1): the provider reports to the market surveillance authorities of the Member States
 * where the incident occurred, so each authority concerned gets its own report by dueBy. A
 * submission counts for the Member State it names; one that names none counts only when a
 * single Member State is concerned (it can only have gone to that one's authority).
 */
export function authorityStatus(i: { dueBy: string; memberStates: string[]; submissions: (SubmissionFacts & { memberState?: string | null })[] }, now = Date.now()): AuthorityStatus[] {
  const states = [...new Set(i.memberStates)].sort();
  return states.map((ms) => {
    const subs = i.submissions.filter((s) => s.memberState === ms || (!s.memberState && states.length === 1));
    const initial = firstInitial(subs);
    return { memberState: ms, initialSubmittedAt: initial?.submittedAt ?? null, overdue: isOverdue({ dueBy: i.dueBy, submissions: subs }, now) };
  });
}
