// Shared by the datasets subgraph (which judges drift) and the compliance subgraph (whose Art. 72
// monitoring plan states the thresholds), so both read the same numbers.
/** Per-feature overrides of the default thresholds. */
export interface Thresholds {
  warn?: number;
  drift?: number;
  ksWarn?: number;
  ksDrift?: number;
}

/**
 * Default thresholds. Numeric: PSI 0.1 WARN / 0.25 DRIFT (the usual reading of PSI: below 0.1
 * no significant change, 0.1-0.25 moderate, above 0.25 significant) and KS statistic 0.1 WARN /
 * 0.2 DRIFT; a numeric feature takes the worse of the two. Categorical: Jensen-Shannon distance
 * (base 2) 0.1 WARN / 0.2 DRIFT. A reference profile can override each per feature.
 */
export const DEFAULT_THRESHOLDS = {
  numeric: { warn: 0.1, drift: 0.25, ksWarn: 0.1, ksDrift: 0.2 },
  categorical: { warn: 0.1, drift: 0.2 },
} as const;

export interface EffectiveThresholds {
  warn: number;
  drift: number;
  ksWarn: number | null;
  ksDrift: number | null;
}

/** The thresholds a feature is judged by: its overrides over the defaults of its kind. */
export function effectiveThresholds(kind: "numeric" | "categorical", t: Thresholds): EffectiveThresholds {
  if (kind === "categorical") {
    const d = DEFAULT_THRESHOLDS.categorical;
    return { warn: t.warn ?? d.warn, drift: t.drift ?? d.drift, ksWarn: null, ksDrift: null };
  }
  const d = DEFAULT_THRESHOLDS.numeric;
  return { warn: t.warn ?? d.warn, drift: t.drift ?? d.drift, ksWarn: t.ksWarn ?? d.ksWarn, ksDrift: t.ksDrift ?? d.ksDrift };
}
