import { describe, expect, it } from "vitest";
import { isOverdue, reportingDeadline, type DeadlineFacts } from "../subgraphs/compliance/incidents/deadline.js";

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

describe("overdue: open and due within 24 hours, or past due", () => {
  const now = Date.parse("2026-03-20T12:00:00.000Z");
  it("lists open incidents past or near their deadline", () => {
    expect(isOverdue({ stage: "INITIAL", dueBy: "2026-03-20T11:59:59.000Z" }, now)).toBe(true);
    expect(isOverdue({ stage: "INITIAL", dueBy: "2026-03-21T11:00:00.000Z" }, now)).toBe(true);
    expect(isOverdue({ stage: "INITIAL", dueBy: "2026-03-21T12:00:00.000Z" }, now)).toBe(false);
    expect(isOverdue({ stage: "INITIAL", dueBy: "2026-03-25T00:00:00.000Z" }, now)).toBe(false);
  });
  it("never lists completed ones", () => {
    expect(isOverdue({ stage: "COMPLETE", dueBy: "2026-03-01T00:00:00.000Z" }, now)).toBe(false);
  });
});
