import type { Props } from "../../../runtime/mutation.js";

/** Shared value helpers of the document builders. */

/** A decision in one line: who, when, what, why. */
export const approvalLine = (a: Props | undefined): string | null =>
  a ? `${a.decision} by ${a.approver} on ${a.decidedAt}: ${a.rationale}${(a.conditions as string[] | undefined)?.length ? ` (conditions: ${(a.conditions as string[]).join("; ")})` : ""}` : null;

/** The signed record of an approval as a document states it. */
export const approvalData = (a: Props) => ({
  id: a.id, subjectId: a.subjectId, subjectType: a.subjectType, decision: a.decision, approver: a.approver,
  decidedAt: a.decidedAt, rationale: a.rationale, conditions: a.conditions ?? [], seq: a.seq, signature: a.signature,
});

/** Sum of numbers, null when any is unknown or there are none. */
export function sumKnown(xs: (number | null | undefined)[]): number | null {
  if (xs.length === 0 || xs.some((x) => x === null || x === undefined)) return null;
  return xs.reduce<number>((s, x) => s + (x as number), 0);
}

/** FLOPs in scientific notation, e.g. 3.42e+21. */
export const sci = (x: number | null | undefined): string | null => (x === null || x === undefined ? null : x.toExponential(2));

/** A number with at most two decimals. */
export const num = (x: number | null | undefined): string | null => (x === null || x === undefined ? null : String(Math.round(x * 100) / 100));

/** Metric in one line: name, value, threshold, verdict, subgroup. */
export const metricLine = (m: Props): string =>
  `${m.name} = ${m.value}${m.threshold !== null && m.threshold !== undefined ? ` (threshold ${m.lowerIsBetter ? "<=" : ">="} ${m.threshold}: ${m.passed ? "passed" : "FAILED"})` : ""}${m.subgroup ? ` [${m.subgroup}]` : " [overall]"}`;

/** A dataset version as people name it: "<dataset> <version>". */
export const dataLabel = (d: Props): string => `${d.datasetName ?? "dataset"} ${d.version ?? ""}`.trim();

/** A stored value as display text (null stays null). */
export const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === "string" ? v : String(v));
