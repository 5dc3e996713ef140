import { badInput } from "../../../runtime/errors.js";
import * as v from "../../../runtime/validate.js";
import { sum } from "../drift/stats.js";
import { effectiveThresholds, type Thresholds } from "../../../runtime/domain/drift-thresholds.js";
export type { Thresholds };
import type { FeatureProfileInput } from "./inputs.js";

/** Bounds of one profile: features, bins per feature, categories per feature, raw values. */
export const MAX_FEATURES = 1000;
export const MAX_BINS = 1000;
export const MAX_CATEGORIES = 1000;
export const MAX_SAMPLES = 1_000_000;


export interface NumericFeature {
  name: string;
  binEdges: number[];
  counts: number[];
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  thresholds: Thresholds;
}

export interface CategoricalFeature {
  name: string;
  categories: string[];
  counts: number[];
  thresholds: Thresholds;
}

/** A validated profile: what is stored as a reference. */
export interface Profile {
  numeric: NumericFeature[];
  categorical: CategoricalFeature[];
}

/** A validated window: histograms and raw values, each with the input path its errors name. */
export interface WindowProfile {
  numeric: (NumericFeature & { field: string })[];
  categorical: (CategoricalFeature & { field: string })[];
  samples: { name: string; values: number[]; field: string }[];
}

const finite = (field: string, x: number | null | undefined): number | null => {
  if (x === null || x === undefined) return null;
  if (!Number.isFinite(x)) throw badInput(field, "must be a finite number");
  return x;
};

function counts(field: string, list: number[], expected: number, what: string): number[] {
  if (list.length !== expected) throw badInput(`${field}.counts`, `must have ${what} (${expected}), got ${list.length}`);
  list.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 0) throw badInput(`${field}.counts[${i}]`, "must be a non-negative integer");
  });
  return [...list];
}

function thresholds(field: string, t: { warn?: number | null; drift?: number | null; ksWarn?: number | null; ksDrift?: number | null }, reference: boolean): Thresholds {
  const out: Thresholds = {};
  for (const k of ["warn", "drift", "ksWarn", "ksDrift"] as const) {
    const x = t[k];
    if (x === null || x === undefined) continue;
    if (!reference) throw badInput(`${field}.${k}`, "thresholds belong to the reference profile (setReferenceProfile), not to a window");
    if (!Number.isFinite(x) || x < 0) throw badInput(`${field}.${k}`, "must be a non-negative number");
    out[k] = x;
  }
  return out;
}

/** Names must be unique across every kind of feature in one profile. */
function uniqueName(seen: Set<string>, field: string, raw: string): string {
  const name = v.text(`${field}.name`, raw, v.MAX_NAME);
  if (seen.has(name)) throw badInput(`${field}.name`, `feature "${name}" appears more than once in the profile`);
  seen.add(name);
  return name;
}

/** A window without observations cannot be compared: refused, naming the feature. */
function nonEmpty(field: string, name: string, n: number, reference: boolean): void {
  if (n === 0) throw badInput(field, reference ? `the reference holds no observations of "${name}"` : `the window holds no observations of "${name}": an empty window cannot be compared`);
}

/**
 * Validates a profile input with BAD_USER_INPUT errors that name the field. A reference must
 * give histograms (it defines the bin edges); a window may also give raw values, and may not
 * set thresholds (they are part of the reference, so a report is judged by the same rules).
 */
export function validateProfile(input: FeatureProfileInput, kind: "reference"): Profile;
export function validateProfile(input: FeatureProfileInput, kind: "window"): WindowProfile;
export function validateProfile(input: FeatureProfileInput, kind: "reference" | "window"): Profile | WindowProfile {
  const reference = kind === "reference";
  const seen = new Set<string>();
  const numericIn = input.numeric ?? [];
  const categoricalIn = input.categorical ?? [];
  const samplesIn = input.numericSamples ?? [];
  if (reference && samplesIn.length) throw badInput("profile.numericSamples", "a reference profile defines the bin edges: give it as histograms (numeric)");
  if (numericIn.length + categoricalIn.length + samplesIn.length === 0) throw badInput("profile", "holds no features");
  if (numericIn.length + categoricalIn.length + samplesIn.length > MAX_FEATURES) throw badInput("profile", `at most ${MAX_FEATURES} features`);

  const numeric = numericIn.map((f, i) => {
    const field = `profile.numeric[${i}]`;
    const name = uniqueName(seen, field, f.name);
    if (f.binEdges.length < 2 || f.binEdges.length > MAX_BINS + 1) throw badInput(`${field}.binEdges`, `must hold between 2 and ${MAX_BINS + 1} edges`);
    f.binEdges.forEach((e, j) => {
      if (!Number.isFinite(e)) throw badInput(`${field}.binEdges[${j}]`, "must be a finite number");
      if (j > 0 && !(e > f.binEdges[j - 1])) throw badInput(`${field}.binEdges[${j}]`, "edges must be strictly increasing");
    });
    const c = counts(field, f.counts, f.binEdges.length - 1, "one count per bin: binEdges.length - 1");
    nonEmpty(`${field}.counts`, name, sum(c), reference);
    const std = finite(`${field}.std`, f.std);
    if (std !== null && std < 0) throw badInput(`${field}.std`, "must be a non-negative number");
    const t = thresholds(field, f, reference);
    checkOrder(field, "numeric", t);
    return { name, binEdges: [...f.binEdges], counts: c, mean: finite(`${field}.mean`, f.mean), std, min: finite(`${field}.min`, f.min), max: finite(`${field}.max`, f.max), thresholds: t, field };
  });

  const categorical = categoricalIn.map((f, i) => {
    const field = `profile.categorical[${i}]`;
    const name = uniqueName(seen, field, f.name);
    if (f.categories.length < 1 || f.categories.length > MAX_CATEGORIES) throw badInput(`${field}.categories`, `must hold between 1 and ${MAX_CATEGORIES} categories`);
    const cats = new Set<string>();
    f.categories.forEach((c, j) => {
      const cat = v.text(`${field}.categories[${j}]`, c, v.MAX_NAME, { allowEmpty: true });
      if (cats.has(cat)) throw badInput(`${field}.categories[${j}]`, `category "${cat}" is listed twice`);
      cats.add(cat);
    });
    const c = counts(field, f.counts, f.categories.length, "one count per category");
    nonEmpty(`${field}.counts`, name, sum(c), reference);
    const t = thresholds(field, { warn: f.warn, drift: f.drift }, reference);
    checkOrder(field, "categorical", t);
    return { name, categories: [...cats], counts: c, thresholds: t, field };
  });

  let total = 0;
  const samples = samplesIn.map((f, i) => {
    const field = `profile.numericSamples[${i}]`;
    const name = uniqueName(seen, field, f.name);
    total += f.values.length;
    if (total > MAX_SAMPLES) throw badInput("profile.numericSamples", `at most ${MAX_SAMPLES} values in all`);
    f.values.forEach((x, j) => {
      if (!Number.isFinite(x)) throw badInput(`${field}.values[${j}]`, "must be a finite number");
    });
    nonEmpty(`${field}.values`, name, f.values.length, false);
    return { name, values: f.values, field };
  });

  if (reference) return { numeric: numeric.map(({ field: _f, ...rest }) => rest), categorical: categorical.map(({ field: _f, ...rest }) => rest) };
  return { numeric, categorical, samples };
}

/** An override must not put WARN above DRIFT, also against the other threshold's default. */
function checkOrder(field: string, kind: "numeric" | "categorical", t: Thresholds): void {
  const e = effectiveThresholds(kind, t);
  if (e.warn > e.drift) throw badInput(`${field}.${t.warn !== undefined ? "warn" : "drift"}`, `WARN threshold ${e.warn} must not exceed DRIFT threshold ${e.drift}`);
  if (e.ksWarn !== null && e.ksDrift !== null && e.ksWarn > e.ksDrift) {
    throw badInput(`${field}.${t.ksWarn !== undefined ? "ksWarn" : "ksDrift"}`, `WARN threshold ${e.ksWarn} must not exceed DRIFT threshold ${e.ksDrift}`);
  }
}
