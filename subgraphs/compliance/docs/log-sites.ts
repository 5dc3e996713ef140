import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";

/**
 * Art. 12(1) (applies from 2 August 2026): a high-risk system's logs must record events over its
 * whole lifetime, so an extract must show it is whole. Where decisions pass through a site
 * recorder (docs/sites.md), each site numbers its records 1, 2, 3 ... and the centre keeps what
 * each forwarded batch held (:SiteRecordBatch, written by the gpu subgraph; read here by the
 * graph's vocabulary, not its code). For a period, per site of the system's deployments: the
 * sequences recorded in it, the sequences never received (gaps), records that fail the hash
 * chain, records the centre refused, and whether the site has reported up to the period's end.
 *
 * The period is on the site's clock (the time each record was made durable there); a site whose
 * clock jumps back is flagged by its skew (SiteRecorderStatus.clockSkewSeconds).
 */

export type SequenceStatus = "COMPLETE" | "INCOMPLETE" | "UNKNOWN";

export interface SiteSequence {
  siteId: string;
  siteName: string | null;
  status: SequenceStatus;
  /** Why the sequence is not shown complete; null when it is. */
  reason: string | null;
  /** First and last sequence the centre holds with a site time in the period; null when none. */
  firstSequence: number | null;
  lastSequence: number | null;
  /** Sequences received with a site time in the period. */
  records: number;
  gaps: { from: number; to: number }[];
  chainBreaks: number[];
  rejected: number[];
  /** Site time before which every record of the site has reached the centre; null when never reported. */
  reportedThrough: string | null;
}

/** A batch as the gpu subgraph stores it: its range, the site time of each record ("" when unreadable), breaks and refusals. */
export interface BatchRow {
  from: number;
  to: number;
  ats: string[] | null;
  breaks: number[] | null;
  rejected: number[] | null;
}

export interface SiteRow {
  siteId: string;
  name: string | null;
  hasRecorder: boolean;
  lastSequence: number | null;
  reportedThrough: string | null;
  /** Sequences that may hold the period's records: after the last batch wholly before it, up to the first batch wholly after it. */
  lo: number;
  hi: number;
  batches: BatchRow[];
}

/** Most records one report holds (gpu subgraph's MAX_REPORT_RECORDS): bounds the index range a window reads. */
const MAX_BATCH = 10_000;

const SITES = `
  MATCH (m:Model {systemId: $sys})
  MATCH (v:ModelVersion {modelId: m.id})
  MATCH (dep:Deployment {modelVersionId: v.id})
  WHERE dep.siteId IS NOT NULL AND dep.startedAt < $to AND (dep.endedAt IS NULL OR dep.endedAt >= $from)
  WITH DISTINCT dep.siteId AS siteId
  OPTIONAL MATCH (s:Site {id: siteId})
  OPTIONAL MATCH (r:SiteRecorder {siteId: siteId})
  CALL (siteId, r) {
    OPTIONAL MATCH (b:SiteRecordBatch {siteId: siteId}) WHERE r IS NOT NULL AND b.lastAt < $from
    WITH b ORDER BY b.to DESC LIMIT 1
    RETURN b.to AS before
  }
  CALL (siteId, r) {
    OPTIONAL MATCH (b:SiteRecordBatch {siteId: siteId}) WHERE r IS NOT NULL AND b.firstAt >= $to
    WITH b ORDER BY b.from LIMIT 1
    RETURN b.from AS after
  }
  WITH siteId, s, r, coalesce(before, 0) + 1 AS lo, coalesce(after - 1, r.lastSequence, 0) AS hi
  CALL (siteId, r, lo, hi) {
    OPTIONAL MATCH (b:SiteRecordBatch {siteId: siteId})
    WHERE r IS NOT NULL AND b.from >= lo - $maxBatch AND b.from <= hi AND b.to >= lo
    WITH b ORDER BY b.from
    RETURN collect(b {.from, .to, .ats, .breaks, .rejected}) AS batches
  }
  RETURN siteId, s.name AS name, r IS NOT NULL AS hasRecorder, r.lastSequence AS lastSequence, r.reportedThrough AS reportedThrough, lo, hi, batches
  ORDER BY siteId`;

/**
 * Per site of the system's deployments in use during [from, to): whether its record sequence is
 * complete. One statement. `asOf` (a log extract as the graph stood then): every site is UNKNOWN
 * (siteSequenceAsOf), since the recorder's progress is kept in place.
 */
export async function siteSequences(ctx: Pick<Ctx, "stats"> | null, systemId: string, from: string, to: string, asOf: string | null = null): Promise<SiteSequence[]> {
  const rows = await read({ op: "logExtractSites", stats: ctx?.stats }, (tx) =>
    tx.run<SiteRow>({ cypher: SITES, params: { sys: systemId, from, to, maxBatch: MAX_BATCH } }),
  );
  return rows.map((r) => (asOf === null ? siteSequence(r, from, to) : siteSequenceAsOf(r, asOf)));
}

/**
 * A site's sequence "as of" a past instant is not recorded: the centre keeps the recorder's
 * progress (SiteRecorder.lastSequence, reportedThrough) in place, updated by every report, so what
 * had reached the centre by then cannot be told; UNKNOWN, saying why, rather than today's answer.
 */
export function siteSequenceAsOf(row: Pick<SiteRow, "siteId" | "name">, asOf: string): SiteSequence {
  return {
    siteId: row.siteId, siteName: row.name, status: "UNKNOWN", firstSequence: null, lastSequence: null, records: 0, gaps: [], chainBreaks: [], rejected: [], reportedThrough: null,
    reason: `not recorded as of ${asOf}: the site recorder's progress is kept in place (updated by each report), so what had reached the centre by then is not known; ask without asOf for the sequence as it stands now`,
  };
}

/** Pure: what a site's batches around [from, to) say about the period's sequence. */
export function siteSequence(row: SiteRow, from: string, to: string): SiteSequence {
  const base = { siteId: row.siteId, siteName: row.name, reportedThrough: row.reportedThrough ?? null };
  if (!row.hasRecorder) {
    return { ...base, status: "UNKNOWN", reason: "not recorded: no site recorder has reported for this site", firstSequence: null, lastSequence: null, records: 0, gaps: [], chainBreaks: [], rejected: [] };
  }
  const { lo, hi } = row;
  const time = new Map<number, string>();
  const covered: { from: number; to: number }[] = [];
  for (const b of row.batches) {
    covered.push({ from: b.from, to: b.to });
    (b.ats ?? []).forEach((t, i) => t && time.set(b.from + i, t));
  }
  // Below the window every record is before the period; above it, after (sequences follow site time).
  const timeOf = (seq: number): string | null => (seq < lo ? "" : seq > hi ? "\uffff" : (time.get(seq) ?? null));
  const inPeriod = (seq: number) => {
    const t = timeOf(seq);
    return t === null || (t >= from && t < to);
  };
  const inside = [...time.entries()].filter(([seq, t]) => seq >= lo && seq <= hi && t >= from && t < to).map(([seq]) => seq).sort((a, b) => a - b);
  // A gap matters when its records' times, bounded by its neighbours', can fall in the period.
  const gaps = uncovered(covered, lo, hi).filter((g) => {
    const before = timeOf(g.from - 1);
    const after = timeOf(g.to + 1);
    return (before === null || before < to) && (after === null || after >= from);
  });
  const pick = (key: "breaks" | "rejected") =>
    [...new Set(row.batches.flatMap((b) => b[key] ?? []))].filter((s) => s >= lo && s <= hi && inPeriod(s)).sort((a, b) => a - b);
  const chainBreaks = pick("breaks");
  const rejected = pick("rejected");
  const reasons = [
    gaps.length ? `sequences never received: ${gaps.map((g) => (g.from === g.to ? `${g.from}` : `${g.from}-${g.to}`)).join(", ")}` : null,
    chainBreaks.length ? `sequences failing the hash chain: ${chainBreaks.join(", ")}` : null,
    rejected.length ? `sequences the centre refused: ${rejected.join(", ")}` : null,
  ].filter((x): x is string => x !== null);
  const reported = row.reportedThrough !== null && row.reportedThrough >= to;
  const status: SequenceStatus = reasons.length ? "INCOMPLETE" : reported ? "COMPLETE" : "UNKNOWN";
  if (!reported) reasons.push(`not recorded yet: the site has reported its records only up to ${row.reportedThrough ?? "no time"} (site clock); later ones may still be on their way`);
  return {
    ...base, status, reason: reasons.length ? reasons.join("; ") : null,
    firstSequence: inside[0] ?? null, lastSequence: inside.at(-1) ?? null, records: inside.length, gaps, chainBreaks, rejected,
  };
}

/** Ranges of [lo, hi] no received range covers. */
function uncovered(received: { from: number; to: number }[], lo: number, hi: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let next = lo;
  for (const r of [...received].sort((a, b) => a.from - b.from)) {
    if (r.from > next) out.push({ from: next, to: Math.min(r.from - 1, hi) });
    next = Math.max(next, r.to + 1);
  }
  if (next <= hi) out.push({ from: next, to: hi });
  return out.filter((g) => g.from <= g.to && g.from <= hi);
}
