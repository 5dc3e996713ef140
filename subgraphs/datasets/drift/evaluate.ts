import { badInput } from "../../../runtime/errors.js";
import { binSamples, jensenShannonDistance, ksPValue, ksStatistic, psi, statusOf, sum, worst, type Status } from "./stats.js";
import { effectiveThresholds, type EffectiveThresholds } from "../../../runtime/domain/drift-thresholds.js";
import type { CategoricalFeature, NumericFeature, Profile, WindowProfile } from "../profile/validate.js";

/** The figures of one feature in a drift report (stored as JSON on the report). */
export interface FeatureDriftResult {
  feature: string;
  kind: "NUMERIC" | "CATEGORICAL";
  /** Numeric: drives the status. Categorical: informational (over the union of categories). */
  psi: number;
  ks: number | null;
  ksPValue: number | null;
  jensenShannon: number | null;
  status: Status;
  referenceCount: number;
  liveCount: number;
  /** Raw values outside the reference's edges (counted in the outer bins); null for histograms. */
  outOfRange: number | null;
  /** Categories in the window that the reference never saw, and reference categories absent from the window. */
  newCategories: string[] | null;
  missingCategories: string[] | null;
  referenceMean: number | null;
  liveMean: number | null;
  thresholds: EffectiveThresholds;
}

export interface Evaluation {
  status: Status;
  features: FeatureDriftResult[];
  /** Reference features the window did not measure (a monitoring gap, not drift). */
  unmeasured: string[];
  /** The window as compared, binned: kept with the report so anyone can recompute it. */
  window: { numeric: { name: string; counts: number[] }[]; categorical: { name: string; categories: string[]; counts: number[] }[] };
}

const sameEdges = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(b[i])));

function numericDrift(ref: NumericFeature, counts: number[], live: { mean: number | null; outOfRange: number | null }): FeatureDriftResult {
  const t = effectiveThresholds("numeric", ref.thresholds);
  const n = sum(ref.counts);
  const m = sum(counts);
  const p = psi(ref.counts, counts);
  const d = ksStatistic(ref.counts, counts);
  return {
    feature: ref.name, kind: "NUMERIC",
    psi: p, ks: d, ksPValue: ksPValue(d, n, m), jensenShannon: null,
    status: worst(statusOf(p, t.warn, t.drift), statusOf(d, t.ksWarn!, t.ksDrift!)),
    referenceCount: n, liveCount: m, outOfRange: live.outOfRange, newCategories: null, missingCategories: null,
    referenceMean: ref.mean, liveMean: live.mean, thresholds: t,
  };
}

function categoricalDrift(ref: CategoricalFeature, live: CategoricalFeature): FeatureDriftResult {
  const t = effectiveThresholds("categorical", ref.thresholds);
  // Compare over the union: reference order first, then categories new in the window.
  const liveCount = new Map(live.categories.map((c, i) => [c, live.counts[i]]));
  const refSet = new Set(ref.categories);
  const added = live.categories.filter((c) => !refSet.has(c) && liveCount.get(c)! > 0);
  const union = [...ref.categories, ...added];
  const refCounts = [...ref.counts, ...added.map(() => 0)];
  const winCounts = union.map((c) => liveCount.get(c) ?? 0);
  const js = jensenShannonDistance(refCounts, winCounts);
  return {
    feature: ref.name, kind: "CATEGORICAL",
    psi: psi(refCounts, winCounts), ks: null, ksPValue: null, jensenShannon: js,
    status: statusOf(js, t.warn, t.drift),
    referenceCount: sum(ref.counts), liveCount: sum(live.counts), outOfRange: null,
    newCategories: added,
    missingCategories: ref.categories.filter((c, i) => ref.counts[i] > 0 && !(liveCount.get(c)! > 0)),
    referenceMean: null, liveMean: null, thresholds: t,
  };
}

/**
 * Compares a window with its reference, feature by feature; the report's status is the worst
 * feature's. A window feature the reference lacks, of the other kind, or with other bin edges is
 * BAD_USER_INPUT naming the field (a comparison across different bins would be meaningless).
 */
export function evaluateDrift(reference: Profile, window: WindowProfile): Evaluation {
  const refNumeric = new Map(reference.numeric.map((f) => [f.name, f]));
  const refCategorical = new Map(reference.categorical.map((f) => [f.name, f]));
  const byName = new Map<string, FeatureDriftResult>();
  const binned: Evaluation["window"] = { numeric: [], categorical: [] };

  const numericRef = (field: string, name: string) => {
    const ref = refNumeric.get(name);
    if (!ref) throw badInput(`${field}.name`, refCategorical.has(name) ? `"${name}" is categorical in the reference profile` : `feature "${name}" is not in the reference profile`);
    return ref;
  };
  for (const f of window.numeric) {
    const ref = numericRef(f.field, f.name);
    if (!sameEdges(ref.binEdges, f.binEdges)) {
      throw badInput(`${f.field}.binEdges`, `must equal the reference's ${ref.binEdges.length} bin edges of "${f.name}" (or send raw values as numericSamples)`);
    }
    byName.set(f.name, numericDrift(ref, f.counts, { mean: f.mean, outOfRange: null }));
    binned.numeric.push({ name: f.name, counts: f.counts });
  }
  for (const f of window.samples) {
    const ref = numericRef(f.field, f.name);
    const { counts, outOfRange } = binSamples(ref.binEdges, f.values);
    byName.set(f.name, numericDrift(ref, counts, { mean: sum(f.values) / f.values.length, outOfRange }));
    binned.numeric.push({ name: f.name, counts });
  }
  for (const f of window.categorical) {
    const ref = refCategorical.get(f.name);
    if (!ref) throw badInput(`${f.field}.name`, refNumeric.has(f.name) ? `"${f.name}" is numeric in the reference profile` : `feature "${f.name}" is not in the reference profile`);
    byName.set(f.name, categoricalDrift(ref, f));
    binned.categorical.push({ name: f.name, categories: f.categories, counts: f.counts });
  }

  const order = [...reference.numeric.map((f) => f.name), ...reference.categorical.map((f) => f.name)];
  const features = order.filter((n) => byName.has(n)).map((n) => byName.get(n)!);
  return {
    status: features.reduce<Status>((s, f) => worst(s, f.status), "OK"),
    features,
    unmeasured: order.filter((n) => !byName.has(n)),
    window: binned,
  };
}
