import { describe, expect, it } from "vitest";
import { GENESIS as SITE_GENESIS, hashOf, type Entry } from "../site-recorder/chain.js";
import { columns as reportBody } from "../site-recorder/forward.js";
import type { ReadItem } from "../site-recorder/segment-reader.js";
import { chainBreaks, gaps, GENESIS, parseReport, reportedThrough, type Report } from "../subgraphs/gpu/recorder/report.js";

// The centre's reading of a site recorder's report (subgraphs/gpu/recorder/report.ts), in both
// wire formats: the columnar one of current recorders and the row format of earlier ones.
const h = (n: number) => n.toString(16).padStart(64, "0");
const at = (n: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, n)).toISOString();
type Row = { seq: number; prev: string | null; hash: string | null; status: string; id?: string | null; at: string | null; kind?: string };
const rows = (from: number, to: number): Row[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, kind: "decision", id: `d-${from + i}`, prev: from + i === 1 ? GENESIS : h(from + i - 1), hash: h(from + i), status: "stored", at: at(from + i) }));
const columns = (from: number, to: number, extra: Record<string, unknown> = {}) => ({
  from, prev: from === 1 ? GENESIS : h(from - 1),
  hashes: Array.from({ length: to - from + 1 }, (_, i) => h(from + i)), ats: Array.from({ length: to - from + 1 }, (_, i) => at(from + i)),
  broken: [], rejected: [], backlog: 0, sentAt: "2026-03-01T11:00:00Z", ...extra,
});
const withRows = (records: Row[]) => parseReport({ records, backlog: 0, sentAt: "2026-03-01T11:00:00Z" });
const report = (over: Partial<Report>): Report => ({ from: null, prev: null, hashes: [], ats: [], broken: [], rejected: [], lastSequence: 0, backlog: null, sentAt: null, ...over });

describe("site report", () => {
  it("gaps: the ranges up to the last sequence no batch covers, overlaps and replays included", () => {
    expect(gaps([{ from: 1, to: 500 }, { from: 501, to: 1000 }], 1000)).toEqual([]);
    expect(gaps([{ from: 1, to: 10 }, { from: 21, to: 30 }, { from: 1, to: 10 }], 40)).toEqual([{ from: 11, to: 20 }, { from: 31, to: 40 }]);
    expect(gaps([{ from: 5, to: 9 }], 9)).toEqual([{ from: 1, to: 4 }]);
    expect(gaps([], 0)).toEqual([]);
  });

  it("both formats read alike: the same range, hashes, site times, exceptions and last sequence", () => {
    const old = rows(1, 5);
    old[1] = { ...old[1], status: "rejected" };
    old[3] = { ...old[3], status: "broken" };
    const fromRows = withRows(old);
    const fromColumns = parseReport(columns(1, 5, { rejected: [2], broken: [4] }));
    expect(fromRows).toEqual(fromColumns);
    expect(fromColumns).toMatchObject({ from: 1, prev: GENESIS, lastSequence: 5, rejected: [2], broken: [4], backlog: 0 });
    expect(fromColumns.hashes).toEqual([1, 2, 3, 4, 5].map(h));
    expect(fromColumns.ats[4]).toBe(at(5));
  });

  it("chain breaks: the site's broken records, a link the rows show broken, and the first record against the hash before it", () => {
    expect(chainBreaks(withRows(rows(1, 5)), null)).toEqual([]);
    const forged = rows(1, 5);
    forged[2] = { ...forged[2], prev: h(99) };
    expect(chainBreaks(withRows(forged), null)).toEqual([3]);
    const broken = rows(1, 5);
    broken[1] = { ...broken[1], status: "broken" };
    expect(chainBreaks(withRows(broken), null)).toEqual([2]);
    // A record the site could not read (no hash): the link after it is the site's to judge.
    const unreadable = rows(1, 3);
    unreadable[1] = { ...unreadable[1], hash: null, prev: null, at: null, status: "broken" };
    expect(chainBreaks(withRows(unreadable), null)).toEqual([2]);
    // The first record of a later report is judged against the hash the centre has for the one before.
    expect(chainBreaks(withRows(rows(6, 8)), h(5))).toEqual([]);
    expect(chainBreaks(withRows(rows(6, 8)), h(4))).toEqual([6]);
    expect(chainBreaks(withRows(rows(6, 8)), null)).toEqual([]);
    expect(chainBreaks(parseReport(columns(6, 8)), h(4))).toEqual([6]);
    expect(chainBreaks(parseReport(columns(6, 8, { broken: [7] })), h(5))).toEqual([7]);
    expect(chainBreaks(parseReport(columns(6, 8, { broken: [6] })), h(4))).toEqual([6]);
    // Sequence 1 links to the genesis hash, whatever the centre has.
    expect(chainBreaks(parseReport(columns(1, 2, { prev: h(7) })), null)).toEqual([1]);
    expect(chainBreaks(report({ lastSequence: 4 }), h(4))).toEqual([]);
  });

  it("a heartbeat in either format: no records, the site's last sequence", () => {
    expect(parseReport({ records: [], lastSequence: 7, backlog: 0 })).toMatchObject({ from: null, hashes: [], lastSequence: 7, backlog: 0 });
    expect(parseReport({ hashes: [], ats: [], lastSequence: 7, backlog: 0 })).toMatchObject({ from: null, hashes: [], lastSequence: 7, backlog: 0 });
    expect(() => parseReport({ records: [] })).toThrow("lastSequence: required without records (a heartbeat)");
    expect(() => parseReport({ hashes: [] })).toThrow("lastSequence: required without records (a heartbeat)");
  });

  it("refuses a malformed row report, naming the field", () => {
    const ok = { records: rows(1, 3), backlog: 0, sentAt: "2026-03-01T00:00:00Z" };
    expect(parseReport(ok).lastSequence).toBe(3);
    expect(() => parseReport({ ...ok, records: [rows(1, 1)[0], rows(3, 3)[0]] })).toThrow("records[1].seq: sequences must follow each other");
    expect(() => parseReport({ ...ok, records: [{ ...rows(1, 1)[0], hash: "zz" }] })).toThrow("records[0].hash");
    expect(() => parseReport({ ...ok, records: [{ ...rows(1, 1)[0], status: "lost" }] })).toThrow("records[0].status: must be stored, rejected or broken");
    expect(() => parseReport({ ...ok, records: [null] })).toThrow("records[0].seq");
    expect(() => parseReport({ ...ok, records: "all" })).toThrow("records: required");
    expect(() => parseReport({ ...ok, sentAt: "yesterday" })).toThrow("sentAt");
    expect(() => parseReport({ ...ok, backlog: -1 })).toThrow("backlog: must be a non-negative integer");
    expect(() => parseReport(null)).toThrow("body: must be a report");
    expect(() => parseReport([ok])).toThrow("body: must be a report");
    expect(() => parseReport({ ...ok, records: [{ ...rows(1, 1)[0], at: "tonight" }] })).toThrow("records[0].at: must be an ISO 8601 date-time or null");
    expect(parseReport({ ...ok, records: [{ ...rows(1, 1)[0], at: "2026-03-01T01:00:00+01:00" }] }).ats[0]).toBe("2026-03-01T00:00:00.000Z");
    expect(() => parseReport({ ...ok, records: rows(1, 10_001) })).toThrow("records: must hold at most 10000 records");
  });

  it("refuses a malformed columnar report, naming the field", () => {
    expect(parseReport(columns(4, 6)).lastSequence).toBe(6);
    expect(() => parseReport({ ...columns(4, 6), hashes: undefined })).toThrow("hashes: required");
    expect(() => parseReport({ ...columns(4, 6), hashes: "abc" })).toThrow("hashes: required");
    expect(() => parseReport({ ...columns(4, 6), from: 0 })).toThrow("from: must be a positive integer");
    expect(() => parseReport({ ...columns(4, 6), from: "4" })).toThrow("from: must be a positive integer");
    expect(() => parseReport({ ...columns(4, 6), ats: [at(4)] })).toThrow("ats: required: an array of each record's site time (or null), as long as hashes");
    expect(() => parseReport({ ...columns(4, 6), hashes: [h(4), "zz", h(6)] })).toThrow("hashes[1]: must be 64 hex characters or null");
    expect(() => parseReport({ ...columns(4, 6), hashes: [h(4), 5, h(6)] })).toThrow("hashes[1]");
    expect(() => parseReport({ ...columns(4, 6), prev: "x" })).toThrow("prev: must be 64 hex characters or null");
    expect(() => parseReport({ ...columns(4, 6), ats: [at(4), "tonight", at(6)] })).toThrow("ats[1]: must be an ISO 8601 date-time or null");
    expect(() => parseReport({ ...columns(4, 6), broken: [3] })).toThrow("broken[0]: must be a sequence of this report (4-6)");
    expect(() => parseReport({ ...columns(4, 6), rejected: [5, 7] })).toThrow("rejected[1]: must be a sequence of this report (4-6)");
    expect(() => parseReport({ ...columns(4, 6), rejected: 5 })).toThrow("rejected: must be an array of sequences");
    expect(() => parseReport({ ...columns(1, 10_001) })).toThrow("hashes: must hold at most 10000 records");
    // A record the site could not read: no hash, no time.
    const partial = parseReport({ ...columns(4, 6), hashes: [h(4), null, h(6)], ats: [at(4), null, at(6)], broken: [5, 5] });
    expect(partial).toMatchObject({ hashes: [h(4), null, h(6)], ats: [at(4), null, at(6)], broken: [5] });
    expect(parseReport({ ...columns(4, 4), ats: ["2026-03-01T01:00:00+01:00"] }).ats[0]).toBe("2026-03-01T00:00:00.000Z");
  });

  it("reported through: the last record's site time, or the report's own time when nothing was left to send", () => {
    const ats = [at(0), at(1)];
    expect(reportedThrough({ ats: [], backlog: 0, sentAt: "2026-03-01T11:00:00.000Z" })).toBe("2026-03-01T11:00:00.000Z");
    expect(reportedThrough({ ats: [], backlog: 3, sentAt: "2026-03-01T11:00:00.000Z" })).toBeNull();
    expect(reportedThrough({ ats, backlog: 5, sentAt: "2026-03-01T10:00:09.000Z" })).toBe(at(1));
    expect(reportedThrough({ ats, backlog: 0, sentAt: "2026-03-01T10:00:09.000Z" })).toBe("2026-03-01T10:00:09.000Z");
    expect(reportedThrough({ ats: [null], backlog: null, sentAt: null })).toBeNull();
  });

  it("what a recorder sends is what the centre reads: a real chain with a refused, an edited and an unreadable record", () => {
    const items: ReadItem[] = [];
    let prev = SITE_GENESIS;
    for (let seq = 1; seq <= 6; seq++) {
      const e = { seq, kind: "decision" as const, at: at(seq), prev, body: { id: `d-${seq}` } };
      const entry: Entry = { ...e, hash: hashOf(e) };
      items.push({ seq, entry, problem: null });
      prev = entry.hash;
    }
    items[2] = { ...items[2], entry: { ...items[2].entry!, body: { id: "edited" } }, problem: "sequence 3: content does not match its hash" };
    items[4] = { seq: 5, entry: null, problem: "sequence 5: the stored line is not a record" };
    items[5] = { ...items[5], problem: "sequence 6: does not chain to sequence 5" };
    const outcomes = ["stored", "rejected", "broken", "stored", "broken", "broken"] as const;
    const read = parseReport(JSON.parse(JSON.stringify({ ...reportBody(items, [...outcomes]), backlog: 0, sentAt: at(9) })));
    expect(read).toMatchObject({ from: 1, prev: SITE_GENESIS, lastSequence: 6, rejected: [2], broken: [3, 5, 6], backlog: 0 });
    expect(read.hashes).toEqual(items.map((i) => i.entry?.hash ?? null));
    expect(read.ats).toEqual([at(1), at(2), at(3), at(4), null, at(6)]);
    expect(chainBreaks(read, null)).toEqual([3, 5, 6]);
  });
});
