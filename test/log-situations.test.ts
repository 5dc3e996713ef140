import { describe, expect, it } from "vitest";
import { missingLogFacts, referenceDatabaseRequired } from "../subgraphs/compliance/docs/log-situations.js";

describe("Art. 12(3)(b) reference database", () => {
  it("is required for Annex III point 1(a) remote biometric identification", () => {
    expect(referenceDatabaseRequired("BIOMETRICS", "1(a)", null)).toBe(true);
  });
  it("may apply, so counts as required, when the area is biometrics and the point is not recorded", () => {
    expect(referenceDatabaseRequired("BIOMETRICS", null, null)).toBe(true);
  });
  it("is not required for other points, other areas, or a 1(a) system carved out as verification", () => {
    expect(referenceDatabaseRequired("BIOMETRICS", "1(c)", null)).toBe(false);
    expect(referenceDatabaseRequired("EMPLOYMENT", "4(a)", null)).toBe(false);
    expect(referenceDatabaseRequired(null, null, null)).toBe(false);
    expect(referenceDatabaseRequired("BIOMETRICS", "1(a)", "BIOMETRIC_VERIFICATION")).toBe(false);
  });
});

describe("missing log facts (Art. 12(3)(a) period of use)", () => {
  const base = { deploymentId: "dep_1", deploymentStartedAt: "2026-01-01T00:00:00.000Z", deploymentEndedAt: "2026-02-01T00:00:00.000Z", referenceDatabase: null };
  it("names nothing when the period of use is recorded and no reference database is needed", () => {
    expect(missingLogFacts(base, false)).toEqual([]);
  });
  it("takes a deployment with no recorded end as in use, not as a gap", () => {
    expect(missingLogFacts({ ...base, deploymentEndedAt: null }, false)).toEqual([]);
    expect(missingLogFacts({ ...base, deploymentEndedAt: null, deploymentStartedAt: null }, false)).toEqual(["deploymentStartedAt"]);
  });
  it("names the deployment when the decision names none", () => {
    expect(missingLogFacts({ ...base, deploymentId: null, deploymentStartedAt: null, deploymentEndedAt: null }, false)).toEqual(["deploymentId"]);
  });
  it("names the reference database only where Art. 12(3)(b) asks for it", () => {
    expect(missingLogFacts(base, true)).toEqual(["referenceDatabase"]);
    expect(missingLogFacts({ ...base, referenceDatabase: "watchlist-2026-03" }, true)).toEqual([]);
  });
});
