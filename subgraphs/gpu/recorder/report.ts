import { badInput } from "../../../runtime/errors.js";

// Pure: what a site recorder reports after each forwarded batch (site-recorder/forward.ts), checked.

/** The genesis `prev` of a site's sequence 1 (site-recorder/chain.ts). */
export const GENESIS = "0".repeat(64);
/** Most records one report names (a recorder batch is at most RECORDER_BATCH_SIZE, default 500). */
export const MAX_REPORT_RECORDS = 10_000;

export interface ReportedRecord {
  seq: number;
  /** The record's hash and its link to the previous one; null when the site could not read the record. */
  prev: string | null;
  hash: string | null;
  /** stored: the centre took it (or already had it); rejected: the centre refused its content; broken: it failed the site's chain, not sent. */
  status: "stored" | "rejected" | "broken";
  id: string | null;
  /** The site's clock when the record was made durable; null when the site could not read it. */
  at: string | null;
}

export interface Report {
  /** Empty for a heartbeat: an idle recorder's state, with `lastSequence`. */
  records: ReportedRecord[];
  /** The last sequence the site has had acknowledged: a heartbeat's, else the last record's. */
  lastSequence: number;
  /** Records still to send after this report's, counting any being made durable as it was sent. */
  backlog: number | null;
  /** The site's clock when it sent the report. */
  sentAt: string | null;
}

const HEX64 = /^[0-9a-f]{64}$/;
const isTime = (v: unknown): v is string => typeof v === "string" && !Number.isNaN(Date.parse(v));
const isInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** The report in a request body, or BAD_USER_INPUT naming the field: sequences must follow each other. */
export function parseReport(body: unknown): Report {
  const b = body as { records?: unknown; lastSequence?: unknown; backlog?: unknown; sentAt?: unknown } | null;
  if (!b || typeof b !== "object" || !Array.isArray(b.records)) throw badInput("records", "required: an array of {seq, prev, hash, status}");
  if (b.records.length > MAX_REPORT_RECORDS) throw badInput("records", `must hold at most ${MAX_REPORT_RECORDS} records`);
  // A heartbeat: no records, the site's last acknowledged sequence (0 before its first record).
  if (b.records.length === 0 && !isInt(b.lastSequence)) throw badInput("lastSequence", "required without records (a heartbeat): a non-negative integer");
  const records = b.records.map((r: Record<string, unknown>, i): ReportedRecord => {
    if (!r || typeof r !== "object" || !isInt(r.seq) || r.seq < 1) throw badInput(`records[${i}].seq`, "must be a positive integer");
    if (i > 0 && r.seq !== (b.records as ReportedRecord[])[0].seq + i) throw badInput(`records[${i}].seq`, "sequences must follow each other");
    if (!["stored", "rejected", "broken"].includes(r.status as string)) throw badInput(`records[${i}].status`, "must be stored, rejected or broken");
    for (const f of ["prev", "hash"] as const) if (r[f] !== null && r[f] !== undefined && !(typeof r[f] === "string" && HEX64.test(r[f] as string))) throw badInput(`records[${i}].${f}`, "must be 64 hex characters or null");
    if (r.at !== null && r.at !== undefined && !isTime(r.at)) throw badInput(`records[${i}].at`, "must be an ISO 8601 date-time or null");
    return {
      seq: r.seq, prev: (r.prev as string) ?? null, hash: (r.hash as string) ?? null, status: r.status as ReportedRecord["status"],
      id: typeof r.id === "string" ? r.id.slice(0, 200) : null, at: r.at ? new Date(r.at as string).toISOString() : null,
    };
  });
  if (b.backlog !== undefined && b.backlog !== null && !isInt(b.backlog)) throw badInput("backlog", "must be a non-negative integer");
  if (b.sentAt !== undefined && b.sentAt !== null && !isTime(b.sentAt)) throw badInput("sentAt", "must be an ISO 8601 date-time");
  return { records, lastSequence: records.at(-1)?.seq ?? (b.lastSequence as number), backlog: (b.backlog as number) ?? null, sentAt: (b.sentAt as string) ?? null };
}

/**
 * Sequences of a report whose record breaks the chain: reported broken by the site, or whose
 * `prev` is not the hash of the record before it (`before`: hash of the sequence before the
 * first, when the centre has it; null when it does not, and then the first is not judged).
 */
export function chainBreaks(records: ReportedRecord[], before: string | null): number[] {
  const out: number[] = [];
  if (records.length === 0) return out;
  let prev = records[0].seq === 1 ? GENESIS : before;
  for (const r of records) {
    if (r.status === "broken" || (prev !== null && r.prev !== prev)) out.push(r.seq);
    prev = r.hash;
  }
  return out;
}

/** Sequence ranges from 1 to `last` that no received range covers. */
export function gaps(received: { from: number; to: number }[], last: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let next = 1;
  for (const r of [...received].sort((a, b) => a.from - b.from)) {
    if (r.from > next) out.push({ from: next, to: Math.min(r.from - 1, last) });
    next = Math.max(next, r.to + 1);
  }
  if (next <= last) out.push({ from: next, to: last });
  return out.filter((g) => g.from <= g.to);
}

/**
 * Site time before which every record of the site has now been reported: the time of the
 * report's last record (records are timed in sequence order), or the report's own time when
 * nothing was left to send (an idle recorder's heartbeat). Null when the report tells neither.
 */
export function reportedThrough(report: Report): string | null {
  const times = report.records.map((r) => r.at).filter((t): t is string => t !== null);
  if (report.backlog === 0 && report.sentAt) times.push(new Date(report.sentAt).toISOString());
  return times.length ? times.reduce((a, b) => (a > b ? a : b)) : null;
}
