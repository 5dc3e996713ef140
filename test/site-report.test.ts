import { describe, expect, it } from "vitest";
import { chainBreaks, gaps, GENESIS, parseReport, reportedThrough, type ReportedRecord } from "../subgraphs/gpu/recorder/report.js";

// The centre's reading of a site recorder's report (subgraphs/gpu/recorder/report.ts).
const h = (n: number) => n.toString(16).padStart(64, "0");
const chained = (from: number, to: number): ReportedRecord[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, prev: from + i === 1 ? GENESIS : h(from + i - 1), hash: h(from + i), status: "stored", id: null, at: null }));

describe("site report", () => {
  it("gaps: the ranges up to the last sequence no batch covers, overlaps and replays included", () => {
    expect(gaps([{ from: 1, to: 500 }, { from: 501, to: 1000 }], 1000)).toEqual([]);
    expect(gaps([{ from: 1, to: 10 }, { from: 21, to: 30 }, { from: 1, to: 10 }], 40)).toEqual([{ from: 11, to: 20 }, { from: 31, to: 40 }]);
    expect(gaps([{ from: 5, to: 9 }], 9)).toEqual([{ from: 1, to: 4 }]);
    expect(gaps([], 0)).toEqual([]);
  });

  it("chain breaks: a record whose prev is not the previous hash, and records the site found broken", () => {
    expect(chainBreaks(chained(1, 5), null)).toEqual([]);
    const forged = chained(1, 5);
    forged[2] = { ...forged[2], prev: h(99) };
    expect(chainBreaks(forged, null)).toEqual([3]);
    const broken = chained(1, 5);
    broken[1] = { ...broken[1], status: "broken" };
    expect(chainBreaks(broken, null)).toEqual([2]);
    // The first record of a later batch is judged against the hash the centre has for the one before.
    expect(chainBreaks(chained(6, 8), h(5))).toEqual([]);
    expect(chainBreaks(chained(6, 8), h(4))).toEqual([6]);
    expect(chainBreaks(chained(6, 8), null)).toEqual([]);
  });

  it("refuses a report whose sequences do not follow each other, or malformed fields, naming the field", () => {
    const ok = { records: chained(1, 3), backlog: 0, sentAt: "2026-03-01T00:00:00Z" };
    expect(parseReport(ok).records).toHaveLength(3);
    const skip = { ...ok, records: [chained(1, 1)[0], chained(3, 3)[0]] };
    expect(() => parseReport(skip)).toThrow("records[1].seq: sequences must follow each other");
    expect(() => parseReport({ ...ok, records: [{ ...chained(1, 1)[0], hash: "zz" }] })).toThrow("records[0].hash");
    expect(() => parseReport({ ...ok, records: [] })).toThrow("lastSequence: required without records (a heartbeat)");
    expect(parseReport({ ...ok, records: [], lastSequence: 7 })).toMatchObject({ records: [], lastSequence: 7, backlog: 0 });
    expect(parseReport(ok).lastSequence).toBe(3);
    expect(() => parseReport({ ...ok, sentAt: "yesterday" })).toThrow("sentAt");
    expect(() => parseReport(null)).toThrow("records: required");
    expect(() => parseReport({ ...ok, records: [{ ...chained(1, 1)[0], at: "tonight" }] })).toThrow("records[0].at: must be an ISO 8601 date-time or null");
    expect(parseReport({ ...ok, records: [{ ...chained(1, 1)[0], at: "2026-03-01T01:00:00+01:00" }] }).records[0].at).toBe("2026-03-01T00:00:00.000Z");
  });

  it("reported through: the last record's site time, or the report's own time when nothing was left to send", () => {
    const at = (r: ReportedRecord, t: string | null) => ({ ...r, at: t });
    const [a, b] = chained(1, 2);
    const recs = [at(a, "2026-03-01T10:00:00.000Z"), at(b, "2026-03-01T10:00:01.000Z")];
    expect(reportedThrough({ records: [], lastSequence: 2, backlog: 0, sentAt: "2026-03-01T11:00:00.000Z" })).toBe("2026-03-01T11:00:00.000Z");
    expect(reportedThrough({ records: [], lastSequence: 2, backlog: 3, sentAt: "2026-03-01T11:00:00.000Z" })).toBeNull();
    expect(reportedThrough({ records: recs, lastSequence: 2, backlog: 5, sentAt: "2026-03-01T10:00:09.000Z" })).toBe("2026-03-01T10:00:01.000Z");
    expect(reportedThrough({ records: recs, lastSequence: 2, backlog: 0, sentAt: "2026-03-01T10:00:09.000Z" })).toBe("2026-03-01T10:00:09.000Z");
    expect(reportedThrough({ records: [at(a, null)], lastSequence: 1, backlog: null, sentAt: null })).toBeNull();
  });
});
