import { describe, expect, it } from "vitest";
import { assessAlteration } from "../subgraphs/compliance/incidents/investigation.js";

const inv = { startedAt: "2026-02-02T00:00:00.000Z", riskAssessment: "high: false matches", systemAltered: null, alteredAt: null, authoritiesInformedAt: null };

describe("Art. 73(6) investigation", () => {
  it("without an investigation names it missing and says whether it was altered is not recorded", () => {
    const a = assessAlteration(null);
    expect(a).toMatchObject({ breach: false, missing: ["investigation"] });
    expect(a.statement).toMatch(/Whether it was altered is not recorded/);
  });
  it("an investigation without the alteration fact leaves it not recorded, never 'not altered'", () => {
    const a = assessAlteration(inv);
    expect(a.missing).toEqual(["systemAltered"]);
    expect(a.statement).not.toMatch(/not altered/);
  });
  it("names a missing risk assessment", () => {
    expect(assessAlteration({ ...inv, riskAssessment: null, systemAltered: false }).missing).toEqual(["riskAssessment"]);
  });
  it("flags an alteration before the authorities were informed", () => {
    const a = assessAlteration({ ...inv, systemAltered: true, alteredAt: "2026-02-03T00:00:00.000Z", authoritiesInformedAt: "2026-02-04T00:00:00.000Z" });
    expect(a.breach).toBe(true);
    expect(a.statement).toMatch(/altered before the authorities were informed/);
  });
  it("accepts an alteration after informing the authorities", () => {
    expect(assessAlteration({ ...inv, systemAltered: true, alteredAt: "2026-02-05T00:00:00.000Z", authoritiesInformedAt: "2026-02-04T00:00:00.000Z" }).breach).toBe(false);
  });
  it("an alteration without its times is not judged, and the times are named missing", () => {
    const a = assessAlteration({ ...inv, systemAltered: true });
    expect(a).toMatchObject({ breach: false, missing: ["alteredAt", "authoritiesInformedAt"] });
  });
});
