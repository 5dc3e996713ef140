import { badInput } from "../../../runtime/errors.js";

// Pure: what a site recorder reports after it forwarded records (site-recorder/forward.ts), checked.
// Two wire formats are accepted (docs/sites.md): the columnar one recorders send since 2026-12-08
// ({from, prev, hashes, ats, broken, rejected}) and the row format of earlier recorders
// ({records: [{seq, prev, hash, status, at}]}). Both become the same columnar Report.

/** The genesis `prev` of a site's sequence 1 (site-recorder/chain.ts). */
export const GENESIS = "0".repeat(64);
/** Most records one report names (a recorder's report covers at most 10,000, site-recorder/forward.ts). */
export const MAX_REPORT_RECORDS = 10_000;

export interface Report {
  /** The first sequence reported; null for a heartbeat (an idle recorder's state, no records). */
  from: number | null;
  /** The first record's link to the record before it (GENESIS for sequence 1); null when the site could not read it. */
  prev: string | null;
  /** Each record's hash in sequence order from `from`; null when the site could not read the record. */
  hashes: (string | null)[];
  /** Each record's site time (made durable at the site, ISO 8601 UTC); null when the site could not read it. */
  ats: (string | null)[];
  /** Sequences that break the chain as the site reported them: found broken by the site, or (row format) linked to anything but the hash before. */
  broken: number[];
  /** Sequences the centre refused (their content); they stay in the site's log. */
  rejected: number[];
  /** The last sequence the site has had acknowledged: a heartbeat's, else the last record's. */
  lastSequence: number;
  /** Records still to send after this report's, counting any being made durable as it was sent. */
  backlog: number | null;
  /** The site's clock when it sent the report. */
  sentAt: string | null;
}

const HEX64 = /^[0-9a-f]{64}$/;
/** The site's own format (Date#toISOString): taken as it is, without parsing each of thousands. */
const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isTime = (v: unknown): v is string => typeof v === "string" && !Number.isNaN(Date.parse(v));
const isInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isHash = (v: unknown): v is string => typeof v === "string" && HEX64.test(v);
const STATUSES = ["stored", "rejected", "broken"];

/** A hash or null (absent), else BAD_USER_INPUT naming `field`. */
function hashOrNull(v: unknown, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (!isHash(v)) throw badInput(field, "must be 64 hex characters or null");
  return v;
}

/** A site time as stored (ISO 8601 UTC with milliseconds) or null, else BAD_USER_INPUT naming `field`. */
function timeOrNull(v: unknown, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" && CANONICAL_TIME.test(v)) return v;
  if (!isTime(v)) throw badInput(field, "must be an ISO 8601 date-time or null");
  return new Date(v).toISOString();
}

/** Sorted distinct sequences of `from`..`to`, else BAD_USER_INPUT naming `field`. */
function sequences(v: unknown, field: string, from: number, to: number): number[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw badInput(field, "must be an array of sequences");
  v.forEach((s, i) => {
    if (!isInt(s) || s < from || s > to) throw badInput(`${field}[${i}]`, `must be a sequence of this report (${from}-${to})`);
  });
  return [...new Set(v as number[])].sort((a, b) => a - b);
}

/** The report in a request body, or BAD_USER_INPUT naming the field. */
export function parseReport(body: unknown): Report {
  const b = body as Record<string, unknown> | null;
  if (!b || typeof b !== "object" || Array.isArray(b)) throw badInput("body", "must be a report: {from, prev, hashes, ats, broken, rejected, backlog, sentAt} (or {records: [...]})");
  if (b.backlog !== undefined && b.backlog !== null && !isInt(b.backlog)) throw badInput("backlog", "must be a non-negative integer");
  if (b.sentAt !== undefined && b.sentAt !== null && !isTime(b.sentAt)) throw badInput("sentAt", "must be an ISO 8601 date-time");
  const common = { backlog: (b.backlog as number) ?? null, sentAt: (b.sentAt as string) ?? null };
  const records = "records" in b ? parseRows(b) : parseColumns(b);
  if (records.from === null && !isInt(b.lastSequence)) throw badInput("lastSequence", "required without records (a heartbeat): a non-negative integer");
  const lastSequence = records.from === null ? (b.lastSequence as number) : records.from + records.hashes.length - 1;
  return { ...records, lastSequence, ...common };
}

type Records = Omit<Report, "lastSequence" | "backlog" | "sentAt">;
const HEARTBEAT: Records = { from: null, prev: null, hashes: [], ats: [], broken: [], rejected: [] };

/** The columnar format: `from`, `hashes`, `ats` (same length), the first record's `prev`, the exceptions by sequence. */
function parseColumns(b: Record<string, unknown>): Records {
  const { hashes, ats } = b;
  if (!Array.isArray(hashes)) throw badInput("hashes", "required: an array of each record's hash (64 hex characters or null), from `from` on");
  if (hashes.length > MAX_REPORT_RECORDS) throw badInput("hashes", `must hold at most ${MAX_REPORT_RECORDS} records`);
  if (hashes.length === 0) return HEARTBEAT;
  if (!isInt(b.from) || b.from < 1) throw badInput("from", "must be a positive integer: the first sequence reported");
  if (!Array.isArray(ats) || ats.length !== hashes.length) throw badInput("ats", "required: an array of each record's site time (or null), as long as hashes");
  const from = b.from;
  const to = from + hashes.length - 1;
  const outHashes = hashes.map((h, i) => hashOrNull(h, `hashes[${i}]`));
  const outAts = ats.map((t, i) => timeOrNull(t, `ats[${i}]`));
  return { from, prev: hashOrNull(b.prev, "prev"), hashes: outHashes, ats: outAts, broken: sequences(b.broken, "broken", from, to), rejected: sequences(b.rejected, "rejected", from, to) };
}

/** The row format of earlier recorders: one {seq, prev, hash, status, at} per record; links are checked here. */
function parseRows(b: Record<string, unknown>): Records {
  const rows = b.records;
  if (!Array.isArray(rows)) throw badInput("records", "required: an array of {seq, prev, hash, status}");
  if (rows.length > MAX_REPORT_RECORDS) throw badInput("records", `must hold at most ${MAX_REPORT_RECORDS} records`);
  if (rows.length === 0) return HEARTBEAT;
  const out: Records = { from: null, prev: null, hashes: [], ats: [], broken: [], rejected: [] };
  rows.forEach((r: Record<string, unknown>, i) => {
    if (!r || typeof r !== "object" || !isInt(r.seq) || r.seq < 1) throw badInput(`records[${i}].seq`, "must be a positive integer");
    if (i > 0 && r.seq !== out.from! + i) throw badInput(`records[${i}].seq`, "sequences must follow each other");
    if (!STATUSES.includes(r.status as string)) throw badInput(`records[${i}].status`, "must be stored, rejected or broken");
    const prev = hashOrNull(r.prev, `records[${i}].prev`);
    const hash = hashOrNull(r.hash, `records[${i}].hash`);
    const at = timeOrNull(r.at, `records[${i}].at`);
    if (i === 0) [out.from, out.prev] = [r.seq, prev];
    // The link to the record before within the report (not judged after a record the site could not read).
    const before = i > 0 ? out.hashes[i - 1] : null;
    if (r.status === "broken" || (before !== null && prev !== before)) out.broken.push(r.seq);
    if (r.status === "rejected") out.rejected.push(r.seq);
    out.hashes.push(hash);
    out.ats.push(at);
  });
  return out;
}

/**
 * Sequences of a report whose record breaks the chain: those the report names broken, and the
 * first record when its `prev` is not the hash of the record before it (`before`: the hash of
 * the sequence before the first, when the centre has it; null when it does not, and then the
 * first is not judged; GENESIS before sequence 1).
 */
export function chainBreaks(report: Pick<Report, "from" | "prev" | "broken">, before: string | null): number[] {
  if (report.from === null) return [];
  const expected = report.from === 1 ? GENESIS : before;
  const first = expected !== null && report.prev !== expected ? [report.from] : [];
  return [...new Set([...first, ...report.broken])].sort((a, b) => a - b);
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
export function reportedThrough(report: Pick<Report, "ats" | "backlog" | "sentAt">): string | null {
  const times = report.ats.filter((t): t is string => t !== null);
  if (report.backlog === 0 && report.sentAt) times.push(new Date(report.sentAt).toISOString());
  return times.length ? times.reduce((a, b) => (a > b ? a : b)) : null;
}
