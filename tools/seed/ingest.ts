import type { Api } from "./api.js";
import { PEOPLE } from "./catalogue/infra.js";
import type { DecisionInput } from "./decisions.js";
import { RECORD_DECISIONS, RECORD_REVIEW } from "./operations.js";
import { forEachLimited } from "./pool.js";
import type { ReviewInput } from "./reviews.js";

export interface IngestResult {
  sent: number;
  accepted: number;
  duplicates: number;
  elapsedMs: number;
}

export interface IngestOptions {
  concurrency: number;
  log: (line: string) => void;
  /** Milliseconds between progress lines (default 3000). */
  progressEveryMs?: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * Streams decision batches to `recordDecisions` with at most `concurrency` in flight, as the
 * inference gateway would. A batch that fails transiently is sent again: decision ids make
 * that safe (a decision stored by the lost attempt comes back as a duplicate).
 */
export async function sendDecisions(api: Api, batches: Iterable<DecisionInput[]>, total: number, opts: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const r = { sent: 0, accepted: 0, duplicates: 0 };
  let last = { at: started, sent: 0 };
  const progress = () => {
    const now = performance.now();
    const recent = ((r.sent - last.sent) * 1000) / Math.max(1, now - last.at);
    const average = (r.sent * 1000) / Math.max(1, now - started);
    last = { at: now, sent: r.sent };
    opts.log(`decisions ${fmt(r.sent)} / ${fmt(total)} (${((100 * r.sent) / Math.max(1, total)).toFixed(1)}%)  ${fmt(recent)}/s now, ${fmt(average)}/s average  [accepted ${fmt(r.accepted)}, duplicates ${fmt(r.duplicates)}]`);
  };
  const timer = setInterval(progress, opts.progressEveryMs ?? 3000);
  timer.unref();
  try {
    await forEachLimited(batches, opts.concurrency, async (batch) => {
      const res = await api.call<{ recordDecisions: { accepted: number; duplicates: number } }>(PEOPLE.inference, RECORD_DECISIONS, { d: batch }, 3);
      r.sent += batch.length;
      r.accepted += res.recordDecisions.accepted;
      r.duplicates += res.recordDecisions.duplicates;
    });
  } finally {
    clearInterval(timer);
  }
  progress();
  return { ...r, elapsedMs: performance.now() - started };
}

/** Records the human reviews, a few in flight; a replayed review is stored once by the API. */
export async function sendReviews(api: Api, reviews: ReviewInput[], concurrency: number): Promise<number> {
  await forEachLimited(reviews, concurrency, async (i) => {
    await api.call(PEOPLE.reviewer, RECORD_REVIEW, { i }, 2);
  });
  return reviews.length;
}
