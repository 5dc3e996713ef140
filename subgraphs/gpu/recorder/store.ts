import type { Ctx } from "../../../runtime/context.js";
import { forbidden, notFound } from "../../../runtime/errors.js";
import { mutate } from "../../../runtime/mutation.js";
import { related } from "../../../runtime/nodes.js";
import { chainBreaks, gaps, reportedThrough, type Report } from "./report.js";

// The centre's record of each site recorder: (:SiteRecorder {siteId}) with what it last reported,
// and one (:SiteRecordBatch) per report of records: its sequence range, hashes, site times, breaks and refusals.
// The compliance log extract reads these (by the vocabulary's names) to say whether a site's
// record sequence is complete for a period.

export interface ReportReceipt {
  receivedAt: string;
  lastSequence: number;
  chainBreaks: number[];
}

/**
 * Records a site recorder's report on a batch it forwarded, or its heartbeat (no records: the
 * recorder's last sequence, backlog and clock; no batch is written). The first integration client that
 * reports for a site is bound to it; another client is refused (FORBIDDEN). A report sent again
 * (the site did not get the answer) replaces its batch: the same range, the same hashes.
 * Clock skew: the site's sentAt minus the centre's receipt time, in seconds.
 */
export function recordReport(ctx: Ctx, siteId: string, report: Report): Promise<ReportReceipt> {
  const { from, hashes } = report;
  const to = report.lastSequence;
  return mutate(ctx, from !== null ? "reportSiteRecords" : "reportSiteHeartbeat", { siteId, from, to }, async (tx) => {
    const now = new Date().toISOString();
    // The hash before the first sequence: a batch ending there keeps it as lastHash (one string,
    // not its whole array of hashes); a batch that only contains it (a range reported anew with
    // other bounds, or written before lastHash) is indexed.
    const head = await tx.one<{ site: boolean; clientId: string | null; before: string | null }>({
      cypher: `OPTIONAL MATCH (s:Site {id: $siteId})
               OPTIONAL MATCH (r:SiteRecorder {siteId: $siteId})
               OPTIONAL MATCH (b:SiteRecordBatch {siteId: $siteId}) WHERE $from IS NOT NULL AND b.from <= $from - 1 AND b.to >= $from - 1
               RETURN s IS NOT NULL AS site, r.clientId AS clientId,
                      coalesce(CASE WHEN b.to = $from - 1 THEN b.lastHash END, b.hashes[toInteger($from - 1 - b.from)]) AS before LIMIT 1`,
      params: { siteId, from },
    });
    if (!head?.site) throw notFound("Site", siteId);
    if (head.clientId && head.clientId !== ctx.caller.clientId) throw forbidden(`site ${siteId} reports through its own integration client (${head.clientId})`);
    const breaks = chainBreaks(report, head.before ?? null);
    // Site times in sequence order (a record the site could not read has none).
    const times = report.ats.filter((t): t is string => t !== null);
    const skew = report.sentAt ? (Date.parse(report.sentAt) - Date.parse(now)) / 1000 : null;
    const params = {
      siteId, from, to, now, key: `${siteId}:${from}`, clientId: ctx.caller.clientId, backlog: report.backlog, skew, sentAt: report.sentAt, breaks,
      through: reportedThrough(report), ats: report.ats.map((t) => t ?? ""), firstAt: times[0] ?? null, lastAt: times.at(-1) ?? null,
      hashes: hashes.map((h) => h ?? ""), lastHash: hashes.at(-1) ?? null, rejected: report.rejected,
    };
    // A heartbeat's last sequence beyond what the centre received shows as a gap (never as complete).
    await tx.run({
      cypher: `MERGE (r:SiteRecorder {siteId: $siteId})
               ON CREATE SET r.clientId = $clientId, r.createdAt = $now, r.lastSequence = 0
               SET r.lastSequence = CASE WHEN $to > r.lastSequence THEN $to ELSE r.lastSequence END,
                   r.lastSeenAt = $now, r.backlog = $backlog, r.clockSkewSeconds = $skew,
                   r.reportedThrough = CASE WHEN r.reportedThrough IS NULL OR $through > r.reportedThrough THEN $through ELSE r.reportedThrough END`,
      params,
    });
    if (from !== null) {
      await tx.run({
        cypher: `MERGE (b:SiteRecordBatch {key: $key})
                 ON CREATE SET b.receivedAt = $now
                 SET b.siteId = $siteId, b.from = $from, b.to = $to, b.hashes = $hashes, b.lastHash = $lastHash,
                     b.breaks = $breaks, b.rejected = $rejected, b.siteSentAt = $sentAt, b.lastReportAt = $now,
                     b.ats = $ats, b.firstAt = $firstAt, b.lastAt = $lastAt, b.backlog = $backlog`,
        params,
      });
    }
    return { result: { receivedAt: now, lastSequence: to, chainBreaks: breaks }, changed: true, subjects: [siteId] };
  });
}

export interface RecorderStatus {
  lastSequence: number;
  lastSeenAt: string | null;
  backlog: number | null;
  gaps: { from: number; to: number }[];
  chainBreaks: number[];
  clockSkewSeconds: number | null;
}

/** A site's recorder as the centre knows it (null: no recorder ever reported), one statement per request for all sites asked. */
export async function loadRecorder(ctx: Ctx, siteId: string): Promise<RecorderStatus | null> {
  const rows = await related(
    ctx,
    "siteRecorder",
    `MATCH (r:SiteRecorder) WHERE r.siteId IN $ids
     OPTIONAL MATCH (b:SiteRecordBatch {siteId: r.siteId})
     WITH r, collect(b {.from, .to, .breaks}) AS batches
     RETURN r.siteId AS key, r {.lastSequence, .lastSeenAt, .backlog, .clockSkewSeconds, batches: batches} AS n`,
  ).load(siteId);
  const n = rows?.[0] as (Omit<RecorderStatus, "gaps" | "chainBreaks"> & { batches: { from: number; to: number; breaks: number[] | null }[] }) | undefined;
  if (!n) return null;
  return {
    lastSequence: n.lastSequence,
    lastSeenAt: n.lastSeenAt ?? null,
    backlog: n.backlog ?? null,
    clockSkewSeconds: n.clockSkewSeconds ?? null,
    gaps: gaps(n.batches, n.lastSequence),
    chainBreaks: [...new Set(n.batches.flatMap((b) => b.breaks ?? []))].sort((a, b) => a - b),
  };
}
