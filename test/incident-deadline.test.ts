import { describe, expect, it } from "vitest";
import { isDueSoon, isOverdue, reportingDeadline, submissionProblem, widespreadTest, type DeadlineFacts } from "../subgraphs/compliance/incidents/deadline.js";

const awareAt = "2026-03-10T08:30:00.000Z";
const base: DeadlineFacts = { category: "HEALTH_OR_DEATH", awareAt, deathInvolved: false, widespread: false };
const days = (n: number) => new Date(Date.parse(awareAt) + n * 86_400_000).toISOString();

describe("Art. 73 reporting deadlines, counted from awareness", () => {
  it("(a) serious harm to health, no death: 15 days", () => {
    expect(reportingDeadline(base)).toMatchObject({ days: 15, dueBy: days(15) });
    expect(reportingDeadline(base).rule).toMatch(/73\(2\)/);
  });

  it("(a) with a death: 10 days", () => {
    expect(reportingDeadline({ ...base, deathInvolved: true })).toMatchObject({ days: 10, dueBy: days(10) });
    expect(reportingDeadline({ ...base, deathInvolved: true }).rule).toMatch(/73\(4\)/);
  });

  it("(b) critical infrastructure disruption: 2 days", () => {
    const d = reportingDeadline({ ...base, category: "CRITICAL_INFRASTRUCTURE" });
    expect(d).toMatchObject({ days: 2, dueBy: days(2) });
    expect(d.rule).toMatch(/73\(3\).*critical infrastructure/);
  });

  it("(c) fundamental-rights infringement: 15 days, or 2 days when widespread", () => {
    expect(reportingDeadline({ ...base, category: "FUNDAMENTAL_RIGHTS" })).toMatchObject({ days: 15, dueBy: days(15) });
    const wide = reportingDeadline({ ...base, category: "FUNDAMENTAL_RIGHTS", widespread: true });
    expect(wide).toMatchObject({ days: 2, dueBy: days(2) });
    expect(wide.rule).toMatch(/widespread/);
  });

  it("(d) harm to property or the environment: 15 days", () => {
    expect(reportingDeadline({ ...base, category: "PROPERTY_OR_ENVIRONMENT" })).toMatchObject({ days: 15, dueBy: days(15) });
  });

  it("the shortest applicable deadline wins", () => {
    expect(reportingDeadline({ ...base, deathInvolved: true, widespread: true }).days).toBe(2);
    expect(reportingDeadline({ ...base, category: "CRITICAL_INFRASTRUCTURE", deathInvolved: true }).days).toBe(2);
    expect(reportingDeadline({ ...base, category: "PROPERTY_OR_ENVIRONMENT", deathInvolved: true }).days).toBe(10);
  });

  it("counts exact 24-hour days in UTC, whatever the offset the time was given in", () => {
    expect(reportingDeadline({ ...base, awareAt: "2026-03-28T23:00:00.000Z" }).dueBy).toBe("2026-04-12T23:00:00.000Z");
  });
});

describe("Art. 3(61): widespread infringement, checked on the Member States concerned", () => {
  it("(b) three Member States qualify", () => {
    expect(widespreadTest(["DE", "FR", "IT"], null)).toMatchObject({ qualifies: true, reason: expect.stringMatching(/3\(61\)\(b\)/) });
  });
  it("(a) two Member States other than the origin qualify", () => {
    expect(widespreadTest(["FR", "IT"], "DE")).toMatchObject({ qualifies: true, reason: expect.stringMatching(/3\(61\)\(a\)/) });
    expect(widespreadTest(["DE", "FR"], "DE").qualifies).toBe(false);
  });
  it("two states without a recorded origin, or one state, do not", () => {
    expect(widespreadTest(["FR", "IT"], null)).toMatchObject({ qualifies: false, reason: expect.stringMatching(/origin Member State is not recorded/) });
    expect(widespreadTest(["FR"], "DE").qualifies).toBe(false);
  });
});

describe("overdue (Art. 73(2)-(5)): no initial report submitted by dueBy", () => {
  const now = Date.parse("2026-03-20T12:00:00.000Z");
  const dueBy = "2026-03-20T00:00:00.000Z";
  it("past due with no submission is overdue; before dueBy it is not", () => {
    expect(isOverdue({ dueBy, submissions: [] }, now)).toBe(true);
    expect(isOverdue({ dueBy: "2026-03-20T12:00:01.000Z", submissions: [] }, now)).toBe(false);
  });
  it("an initial report submitted in time ends it, even if the report is never completed (73(5))", () => {
    expect(isOverdue({ dueBy, submissions: [{ kind: "INITIAL", submittedAt: "2026-03-19T10:00:00.000Z" }] }, now)).toBe(false);
  });
  it("a late initial report, or only follow-ups, leave it overdue", () => {
    expect(isOverdue({ dueBy, submissions: [{ kind: "INITIAL", submittedAt: "2026-03-20T01:00:00.000Z" }] }, now)).toBe(true);
    expect(isOverdue({ dueBy, submissions: [{ kind: "FOLLOW_UP", submittedAt: "2026-03-19T01:00:00.000Z" }] }, now)).toBe(true);
  });
  it("dueSoon: no initial report and due within 24 hours", () => {
    expect(isDueSoon({ dueBy: "2026-03-21T11:00:00.000Z", submissions: [] }, now)).toBe(true);
    expect(isDueSoon({ dueBy: "2026-03-21T13:00:00.000Z", submissions: [] }, now)).toBe(false);
    expect(isDueSoon({ dueBy: "2026-03-21T11:00:00.000Z", submissions: [{ kind: "INITIAL", submittedAt: "2026-03-20T11:00:00.000Z" }] }, now)).toBe(false);
    expect(isDueSoon({ dueBy, submissions: [] }, now)).toBe(false);
  });
});

describe("order of submissions per authority (Art. 73(1), 73(5))", () => {
  const a = "BNetzA (DE)";
  const initial = { kind: "INITIAL" as const, submittedAt: "2026-03-19T00:00:00.000Z", authority: a };
  it("a follow-up or final report needs an earlier initial one to the same authority", () => {
    expect(submissionProblem([], { kind: "FOLLOW_UP", submittedAt: "2026-03-20T00:00:00.000Z", authority: a })).toMatch(/needs an INITIAL/);
    expect(submissionProblem([{ ...initial, authority: "CNIL (FR)" }], { kind: "FINAL", submittedAt: "2026-03-20T00:00:00.000Z", authority: a })).toMatch(/needs an INITIAL/);
    expect(submissionProblem([initial], { kind: "FINAL", submittedAt: "2026-03-18T00:00:00.000Z", authority: a })).toMatch(/no later/);
    expect(submissionProblem([initial], { kind: "FOLLOW_UP", submittedAt: "2026-03-20T00:00:00.000Z", authority: a })).toBeNull();
  });
  it("one initial report per authority, nothing after the final one", () => {
    expect(submissionProblem([initial], { ...initial, submittedAt: "2026-03-20T00:00:00.000Z" })).toMatch(/already submitted/);
    expect(submissionProblem([initial], { ...initial, authority: "CNIL (FR)" })).toBeNull();
    const final = { kind: "FINAL" as const, submittedAt: "2026-03-21T00:00:00.000Z", authority: a };
    expect(submissionProblem([initial, final], { kind: "FOLLOW_UP", submittedAt: "2026-03-22T00:00:00.000Z", authority: a })).toMatch(/FINAL report was already/);
  });
});
