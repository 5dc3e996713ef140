import { describe, expect, it } from "vitest";
import { evaluateDrift } from "../subgraphs/datasets/drift/evaluate.js";
import { binSamples, jensenShannonDistance, kolmogorovSurvival, ksPValue, ksStatistic, psi, PSI_EPSILON } from "../subgraphs/datasets/drift/stats.js";
import type { FeatureProfileInput } from "../subgraphs/datasets/profile/inputs.js";
import { validateProfile } from "../subgraphs/datasets/profile/validate.js";

/*
 * Expected values are computed independently of this code: by hand (worked in the comments) and
 * checked against SciPy 1.17 (scipy.stats.kstwobign.sf, scipy.stats.ks_2samp,
 * scipy.spatial.distance.jensenshannon with base=2).
 */

describe("Population Stability Index", () => {
  it("matches a worked example", () => {
    // e = .25 each, a = .1 .2 .3 .4:
    // (-.15)ln(.4) + (-.05)ln(.8) + (.05)ln(1.2) + (.15)ln(1.6)
    // = .137444 + .011157 + .009116 + .070501 = .228217
    expect(psi([25, 25, 25, 25], [10, 20, 30, 40])).toBeCloseTo(0.2282174096, 9);
  });

  it("is zero for identical distributions, whatever the totals, and for a single bin", () => {
    expect(psi([5, 10, 85], [50, 100, 850])).toBe(0);
    expect(psi([7], [1000])).toBe(0);
    expect(psi([0, 3, 0], [0, 9, 0])).toBe(0); // bins empty on both sides add nothing
  });

  it("stays finite for an emptied bin and for disjoint distributions (epsilon 1e-4)", () => {
    expect(PSI_EPSILON).toBe(1e-4);
    // a = [1, eps], e = [.5, .5]: .5 ln 2 + (eps - .5) ln(2 eps) = .346574 + 4.257745
    expect(psi([50, 50], [100, 0])).toBeCloseTo(4.6043184667, 9);
    // a = [eps, 1], e = [1, eps]: 2 (1 - eps) ln(1 / eps)
    const disjoint = psi([10, 0], [0, 10]);
    expect(disjoint).toBeCloseTo(2 * (1 - 1e-4) * Math.log(1e4), 9);
    expect(disjoint).toBeCloseTo(18.4188386759, 9);
    expect(Number.isFinite(disjoint)).toBe(true);
  });

  it("refuses an empty histogram or mismatched bins instead of dividing by zero", () => {
    expect(() => psi([1, 2], [0, 0])).toThrow(/at least one observation/);
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(/same, non-zero number of bins/);
  });
});

describe("Kolmogorov-Smirnov", () => {
  it("takes the largest CDF gap at the bin edges", () => {
    // ref CDF at the edges .2 .4 .6 .8 1, window 0 0 .2 .6 1: gaps .2 .4 .4 .2 0
    expect(ksStatistic([1, 1, 1, 1, 1], [0, 0, 1, 2, 2])).toBeCloseTo(0.4, 12);
    // The same data as raw samples: scipy ks_2samp([.5,1.5,2.5,3.5,4.5], [2.5,3.5,3.6,4.5,4.6]) = 0.4
    const ref = binSamples([0, 1, 2, 3, 4, 5], [0.5, 1.5, 2.5, 3.5, 4.5]);
    const win = binSamples([0, 1, 2, 3, 4, 5], [2.5, 3.5, 3.6, 4.5, 4.6]);
    expect(ref.counts).toEqual([1, 1, 1, 1, 1]);
    expect(win.counts).toEqual([0, 0, 1, 2, 2]);
    expect(ksStatistic(ref.counts, win.counts)).toBeCloseTo(0.4, 12);
  });

  it("is a lower bound of the raw-sample statistic: one bin hides everything", () => {
    // Raw samples {.1, .2} vs {.3, .4} have KS 1; binned into [0, 1] they look identical.
    const a = binSamples([0, 1], [0.1, 0.2]).counts;
    const b = binSamples([0, 1], [0.3, 0.4]).counts;
    expect(ksStatistic(a, b)).toBe(0);
    expect(ksStatistic([3, 0], [0, 3])).toBe(1);
    expect(ksStatistic([2, 5, 3], [20, 50, 30])).toBe(0);
  });

  it("has the published values of the Kolmogorov distribution", () => {
    // scipy.stats.kstwobign.sf
    expect(kolmogorovSurvival(0.2)).toBeCloseTo(0.999999999999495, 12);
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(0.9639452436648751, 12);
    expect(kolmogorovSurvival(1.0)).toBeCloseTo(0.26999967167735456, 12);
    expect(kolmogorovSurvival(1.36)).toBeCloseTo(0.049485876755377876, 12);
    expect(kolmogorovSurvival(2.0)).toBeCloseTo(0.0006709252557796953, 14);
    expect(kolmogorovSurvival(0)).toBe(1);
  });

  it("gives the asymptotic p-value with the effective sample size n*m/(n+m)", () => {
    // n = m = 5: ne = 2.5, lambda = sqrt(2.5) * .4 = .632456
    expect(ksPValue(0.4, 5, 5)).toBeCloseTo(0.8186211744710058, 12);
    // n = m = 1000, D = .1: lambda = sqrt(500) * .1 = 2.2360680, Q = 2(e^-10 - e^-40 + ...)
    expect(ksPValue(0.1, 1000, 1000)).toBeCloseTo(9.079985952496105e-5, 15);
    expect(ksPValue(0, 10, 10)).toBe(1);
  });
});

describe("Jensen-Shannon distance (base 2)", () => {
  it("matches worked and reference values", () => {
    // P = (.5, .5), Q = (1, 0), M = (.75, .25):
    // KL(P||M) = .5 log2(2/3) + .5 log2(2) = .207519; KL(Q||M) = log2(4/3) = .415037
    // JSD = .311278, distance = sqrt(.311278) = .557923
    expect(jensenShannonDistance([1, 1], [2, 0])).toBeCloseTo(0.5579230452841438, 12);
    expect(jensenShannonDistance([1, 4, 5], [16, 3, 1])).toBeCloseTo(0.6482287947757128, 12);
  });

  it("is 0 for identical and 1 for disjoint distributions", () => {
    expect(jensenShannonDistance([3, 1, 6], [30, 10, 60])).toBe(0);
    expect(jensenShannonDistance([4], [9])).toBe(0);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 12);
  });
});

describe("binning raw values against reference edges", () => {
  it("puts each value in [e_i, e_i+1), the top edge in the last bin, and outliers in the outer bins", () => {
    const { counts, outOfRange } = binSamples([0, 10, 20, 30], [0, 9.99, 10, 25, 30, -5, 1e9]);
    expect(counts).toEqual([3, 1, 3]);
    expect(outOfRange).toBe(2);
  });
});

const reference = validateProfile(
  {
    numeric: [{ name: "income", binEdges: [0, 1, 2, 3, 4], counts: [25, 25, 25, 25] }, { name: "age", binEdges: [18, 40, 65, 100], counts: [40, 40, 20], warn: 0.5, drift: 1 }],
    categorical: [{ name: "region", categories: ["north", "south", "east"], counts: [50, 30, 20] }],
  },
  "reference",
);

const windowOf = (input: FeatureProfileInput) => validateProfile(input, "window");

describe("evaluating a window against its reference", () => {
  it("reports OK for a window that matches the reference, and lists features it did not measure", () => {
    const e = evaluateDrift(reference, windowOf({ numeric: [{ name: "income", binEdges: [0, 1, 2, 3, 4], counts: [250, 250, 250, 250] }] }));
    expect(e.status).toBe("OK");
    expect(e.features).toMatchObject([{ feature: "income", kind: "NUMERIC", psi: 0, ks: 0, ksPValue: 1, status: "OK", referenceCount: 100, liveCount: 1000 }]);
    expect(e.unmeasured).toEqual(["age", "region"]);
  });

  it("grades a numeric feature by the worse of PSI and KS, and the report by the worst feature", () => {
    const e = evaluateDrift(
      reference,
      windowOf({
        // income: e = .25 each, a = .15 .2 .25 .4 -> PSI .1(.510826) + .05(.223144) + .15(.470004) = .132740 (WARN);
        // CDF gaps .1 .15 .15 -> KS .15 (WARN)
        numeric: [{ name: "income", binEdges: [0, 1, 2, 3, 4], counts: [15, 20, 25, 40] }],
        // age as raw values binned against [18, 40, 65, 100] -> 70 / 20 / 10 (120 is out of range, in the last bin):
        // PSI .3 ln 1.75 + .2 ln 2 + .1 ln 2 = .375829, OK under the reference's override (WARN .5);
        // CDF gaps .3 .1 -> KS .3, DRIFT: the worse of the two wins
        numericSamples: [{ name: "age", values: [...Array(70).fill(30), ...Array(20).fill(50), ...Array(9).fill(80), 120] }],
      }),
    );
    const income = e.features.find((f) => f.feature === "income")!;
    expect(income.psi).toBeCloseTo(0.1327402843, 9);
    expect(income.ks).toBeCloseTo(0.15, 12);
    expect(income.status).toBe("WARN");
    const age = e.features.find((f) => f.feature === "age")!;
    expect(age.outOfRange).toBe(1);
    expect(age.liveCount).toBe(100);
    expect(age.liveMean).toBeCloseTo((70 * 30 + 20 * 50 + 9 * 80 + 120) / 100, 12);
    expect(age.thresholds).toEqual({ warn: 0.5, drift: 1, ksWarn: 0.1, ksDrift: 0.2 });
    expect(age.psi).toBeCloseTo(0.3758288905, 9);
    expect(age.ks).toBeCloseTo(0.3, 12);
    expect(age.status).toBe("DRIFT");
    expect(e.status).toBe("DRIFT");
    expect(e.features.map((f) => f.feature)).toEqual(["income", "age"]);
  });

  it("compares categories over their union, naming new and missing ones", () => {
    // reference north 50 south 30 east 20; window north 30, west 70 (east, south gone)
    const e = evaluateDrift(reference, windowOf({ categorical: [{ name: "region", categories: ["north", "west", "south"], counts: [30, 70, 0] }] }));
    const region = e.features[0];
    expect(region).toMatchObject({ kind: "CATEGORICAL", newCategories: ["west"], missingCategories: ["south", "east"], status: "DRIFT", ks: null });
    // scipy jensenshannon([50,30,20,0], [30,0,0,70], base=2)
    expect(region.jensenShannon).toBeCloseTo(0.7862737429356356, 12);
    expect(Number.isFinite(region.psi)).toBe(true);
  });

  it("refuses a window that cannot be compared, naming the field", () => {
    const bad = (input: FeatureProfileInput) => {
      try {
        evaluateDrift(reference, windowOf(input));
      } catch (e) {
        return { code: (e as { extensions: { code: string } }).extensions.code, message: (e as Error).message };
      }
      return null;
    };
    expect(bad({ numeric: [{ name: "income", binEdges: [0, 2, 4], counts: [1, 1] }] })).toEqual({ code: "BAD_USER_INPUT", message: expect.stringMatching(/^profile\.numeric\[0\]\.binEdges: must equal the reference's 5 bin edges/) });
    expect(bad({ numeric: [{ name: "height", binEdges: [0, 1], counts: [1] }] })?.message).toMatch(/^profile\.numeric\[0\]\.name: feature "height" is not in the reference profile/);
    expect(bad({ categorical: [{ name: "income", categories: ["a"], counts: [1] }] })?.message).toMatch(/^profile\.categorical\[0\]\.name: "income" is numeric/);
  });
});

describe("validating profiles", () => {
  const message = (input: FeatureProfileInput, kind: "reference" | "window") => {
    try {
      validateProfile(input, kind as never);
    } catch (e) {
      expect((e as { extensions: { code: string } }).extensions.code).toBe("BAD_USER_INPUT");
      return (e as Error).message;
    }
    return null;
  };

  it("refuses counts that do not fit the bins, empty windows and misplaced inputs", () => {
    expect(message({ numeric: [{ name: "x", binEdges: [0, 1, 2], counts: [1, 2, 3] }] }, "window")).toMatch(/^profile\.numeric\[0\]\.counts: must have one count per bin: binEdges\.length - 1 \(2\), got 3/);
    expect(message({ numeric: [{ name: "x", binEdges: [0, 1, 2], counts: [0, 0] }] }, "window")).toMatch(/^profile\.numeric\[0\]\.counts: the window holds no observations of "x"/);
    expect(message({ numericSamples: [{ name: "x", values: [] }] }, "window")).toMatch(/^profile\.numericSamples\[0\]\.values: the window holds no observations/);
    expect(message({}, "window")).toBe("profile: holds no features");
    expect(message({ numeric: [{ name: "x", binEdges: [0, 2, 1], counts: [1, 1] }] }, "reference")).toMatch(/^profile\.numeric\[0\]\.binEdges\[2\]: edges must be strictly increasing/);
    expect(message({ numeric: [{ name: "x", binEdges: [0, 1], counts: [-1] }] }, "reference")).toMatch(/^profile\.numeric\[0\]\.counts\[0\]: must be a non-negative integer/);
    expect(message({ numericSamples: [{ name: "x", values: [1] }] }, "reference")).toMatch(/^profile\.numericSamples: a reference profile defines the bin edges/);
    expect(message({ numeric: [{ name: "x", binEdges: [0, 1], counts: [1], warn: 0.2 }] }, "window")).toMatch(/^profile\.numeric\[0\]\.warn: thresholds belong to the reference profile/);
    expect(message({ numeric: [{ name: "x", binEdges: [0, 1], counts: [1], warn: 0.3 }] }, "reference")).toMatch(/^profile\.numeric\[0\]\.warn: WARN threshold 0\.3 must not exceed DRIFT threshold 0\.25/);
    expect(message({ categorical: [{ name: "c", categories: ["a", "a"], counts: [1, 1] }] }, "reference")).toMatch(/^profile\.categorical\[0\]\.categories\[1\]: category "a" is listed twice/);
    expect(message({ numeric: [{ name: "x", binEdges: [0, 1], counts: [1] }], categorical: [{ name: "x", categories: ["a"], counts: [1] }] }, "reference")).toMatch(/^profile\.categorical\[0\]\.name: feature "x" appears more than once/);
  });
});
