/**
 * Drift statistics over histograms: pure functions, no I/O. Every function takes counts (not
 * proportions) so zero totals can be refused in one place, and none divides by zero or
 * returns an infinity.
 */

/** Floor for an empty bin's proportion in PSI: ln(0) would be -Infinity (1e-4 = 0.01 %). */
export const PSI_EPSILON = 1e-4;

export type Status = "OK" | "WARN" | "DRIFT";
const RANK: Record<Status, number> = { OK: 0, WARN: 1, DRIFT: 2 };

/** The more severe of two statuses. */
export const worst = (a: Status, b: Status): Status => (RANK[a] >= RANK[b] ? a : b);

/** Status of a figure against its thresholds: WARN from `warn` inclusive, DRIFT from `drift` inclusive. */
export const statusOf = (value: number, warn: number, drift: number): Status => (value >= drift ? "DRIFT" : value >= warn ? "WARN" : "OK");

export const sum = (xs: readonly number[]): number => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

function proportions(counts: readonly number[]): number[] {
  const total = sum(counts);
  if (!(total > 0)) throw new RangeError("a histogram needs at least one observation");
  return counts.map((c) => c / total);
}

function sameLength(a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`histograms must have the same, non-zero number of bins (${a.length} vs ${b.length})`);
}

/**
 * Population Stability Index: sum over bins of (a - e) * ln(a / e), with e the reference and a
 * the live proportion. A proportion of 0 is raised to PSI_EPSILON (only inside the logarithm's
 * terms, without renormalising), so an emptied or newly filled bin adds a large but finite
 * amount, and a bin empty on both sides adds exactly 0.
 */
export function psi(reference: readonly number[], live: readonly number[], epsilon = PSI_EPSILON): number {
  sameLength(reference, live);
  const e = proportions(reference);
  const a = proportions(live);
  let total = 0;
  for (let i = 0; i < e.length; i++) {
    const ei = Math.max(e[i], epsilon);
    const ai = Math.max(a[i], epsilon);
    total += (ai - ei) * Math.log(ai / ei);
  }
  return total;
}

/**
 * Two-sample Kolmogorov-Smirnov statistic from binned data: the largest gap between the two
 * empirical CDFs, evaluated at the bin edges (the only points where binned data knows them).
 * The sample statistic is a supremum over every point, so this is a lower bound of the KS
 * statistic of the raw samples; equal when the largest gap falls on an edge.
 */
export function ksStatistic(reference: readonly number[], live: readonly number[]): number {
  sameLength(reference, live);
  const e = proportions(reference);
  const a = proportions(live);
  let ce = 0;
  let ca = 0;
  let d = 0;
  for (let i = 0; i < e.length; i++) {
    ce += e[i];
    ca += a[i];
    d = Math.max(d, Math.abs(ce - ca));
  }
  // Rounding of the running sums must not report a gap at the last edge, where both CDFs are 1.
  return Math.min(1, d);
}

/**
 * Survival function of the Kolmogorov distribution, Q(lambda) = P(K > lambda). Two series, each
 * where it converges fast: for lambda >= 1.18, 2 * sum (-1)^(j-1) exp(-2 j^2 lambda^2); below,
 * 1 - sqrt(2 pi)/lambda * sum exp(-(2j-1)^2 pi^2 / (8 lambda^2)).
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1.18) {
    const k = (Math.PI * Math.PI) / (8 * lambda * lambda);
    let s = 0;
    for (let j = 1; j <= 20; j++) s += Math.exp(-(2 * j - 1) * (2 * j - 1) * k);
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * s));
  }
  let s = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    s += j % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

/**
 * Asymptotic p-value of a two-sample KS statistic `d` for sample sizes n and m: Q(sqrt(ne) * d)
 * with the effective size ne = n * m / (n + m). Asymptotic: rough for ne below ~30.
 */
export function ksPValue(d: number, n: number, m: number): number {
  if (!(n > 0 && m > 0)) throw new RangeError("both samples need at least one observation");
  return kolmogorovSurvival(Math.sqrt((n * m) / (n + m)) * d);
}

/**
 * Jensen-Shannon distance with base-2 logarithms: sqrt of the JS divergence, in [0, 1]; 0 for
 * identical distributions, 1 for disjoint ones. Empty cells contribute 0 (x log x -> 0), so
 * categories present on one side only need no smoothing.
 */
export function jensenShannonDistance(reference: readonly number[], live: readonly number[]): number {
  sameLength(reference, live);
  const p = proportions(reference);
  const q = proportions(live);
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) js += 0.5 * p[i] * Math.log2(p[i] / m);
    if (q[i] > 0) js += 0.5 * q[i] * Math.log2(q[i] / m);
  }
  // Rounding can leave a tiny negative divergence (identical inputs) or exceed 1 by an ulp.
  return Math.sqrt(Math.min(1, Math.max(0, js)));
}

/**
 * Bins raw values against edges e0 < e1 < ... < eK: bin i holds [e_i, e_(i+1)), the last bin
 * also holds eK. Values outside [e0, eK] go to the first or last bin and are counted in
 * `outOfRange`, so a shift past the reference range still shows as mass in the outer bins.
 */
export function binSamples(edges: readonly number[], values: readonly number[]): { counts: number[]; outOfRange: number } {
  const k = edges.length - 1;
  if (k < 1) throw new RangeError("at least two bin edges are needed");
  const counts = new Array<number>(k).fill(0);
  let outOfRange = 0;
  for (const v of values) {
    if (v < edges[0] || v > edges[k]) outOfRange++;
    // Binary search for the last edge <= v, clamped to a real bin.
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    counts[Math.min(lo, k - 1)]++;
  }
  return { counts, outOfRange };
}
