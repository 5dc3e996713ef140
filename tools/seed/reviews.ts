import { decisionId, type Stream } from "./decisions.js";

export interface ReviewInput {
  decisionId: string;
  outcome: "CONFIRMED" | "OVERRIDDEN" | "ESCALATED";
  note: string;
  overrideOutput: unknown;
}

/** Kinds of decision a person reviews (Art. 14 oversight of credit and hiring outcomes). */
const REVIEWED = new Set(["credit", "hiring"]);

/** How many reviews a run of `total` decisions gets: one in 200, at least 3, at most 1,000. */
export const reviewCount = (total: number) => Math.min(1000, Math.max(3, Math.round(total / 200)));

/**
 * Human reviews spread evenly over the reviewed streams' decisions; the first decision of each
 * such stream is always reviewed, so a small world has reviews to show. Deterministic: the same
 * decision gets the same review on every run (and the API stores it once).
 */
export function planReviews(prefix: string, streams: Stream[], total: number): ReviewInput[] {
  const reviewed = streams.filter((s) => REVIEWED.has(s.source.kind) && s.count > 0);
  const pool = reviewed.reduce((n, s) => n + s.count, 0);
  const out: ReviewInput[] = [];
  let j = 0;
  for (const s of reviewed) {
    const n = Math.min(s.count, Math.max(1, Math.round((reviewCount(total) * s.count) / pool)));
    for (let i = 0; i < n; i++, j++) out.push(review(decisionId(prefix, s.source, Math.floor((i * s.count) / n)), s.source.kind, j));
  }
  return out;
}

function review(id: string, kind: string, j: number): ReviewInput {
  if (j % 25 === 7) return { decisionId: id, outcome: "ESCALATED", note: "Unusual income pattern; referred to the second line for a full file review", overrideOutput: null };
  if (j % 10 === 3) {
    return kind === "credit"
      ? { decisionId: id, outcome: "OVERRIDDEN", note: "Payslips show a permanent contract the bureau data missed; approved with a lower limit", overrideOutput: { recommendation: "approve", limitEUR: 8000 } }
      : { decisionId: id, outcome: "OVERRIDDEN", note: "Relevant experience under a different job title; moved to the shortlist", overrideOutput: { suggestedForShortlist: true } };
  }
  return { decisionId: id, outcome: "CONFIRMED", note: kind === "credit" ? "Affordability documents checked; model outcome confirmed" : "CV read in full; ranking confirmed", overrideOutput: null };
}
