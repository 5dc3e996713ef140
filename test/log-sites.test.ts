import { describe, expect, it } from "vitest";
import { siteSequence, siteSequenceAsOf, type SiteRow } from "../subgraphs/compliance/docs/log-sites.js";

// Whether a site's record sequence is whole for a period (subgraphs/compliance/docs/log-sites.ts),
// from the batches the centre holds around it. Site times: minute m of 2026-03-01 10:00.
const t = (m: number) => `2026-03-01T10:${String(m).padStart(2, "0")}:00.000Z`;
const FROM = t(10);
const TO = t(20);
/** A batch of `from..to` whose record n was made at minute times[n - from] ("" = unreadable). */
const batch = (from: number, times: (number | null)[], extra: { breaks?: number[]; rejected?: number[] } = {}) =>
  ({ from, to: from + times.length - 1, ats: times.map((m) => (m === null ? "" : t(m))), breaks: extra.breaks ?? [], rejected: extra.rejected ?? [] });
const row = (over: Partial<SiteRow>): SiteRow => ({ siteId: "s1", name: "plant", hasRecorder: true, lastSequence: 0, reportedThrough: t(59), lo: 1, hi: 0, batches: [], ...over });

describe("log extract: a site's sequence over a period", () => {
  it("complete: every sequence of the period received and the site reported past its end", () => {
    const r = siteSequence(row({ lo: 4, hi: 9, lastSequence: 12, batches: [batch(4, [9, 10, 11]), batch(7, [15, 19, 25])] }), FROM, TO);
    expect(r).toMatchObject({ status: "COMPLETE", reason: null, firstSequence: 5, lastSequence: 8, records: 4, gaps: [], chainBreaks: [], rejected: [] });
  });

  it("a gap whose neighbours bracket the period is named; one wholly outside it is not", () => {
    const inside = siteSequence(row({ lo: 1, hi: 9, lastSequence: 9, batches: [batch(1, [11, 12]), batch(6, [18, 19, 25, 26])] }), FROM, TO);
    expect(inside).toMatchObject({ status: "INCOMPLETE", gaps: [{ from: 3, to: 5 }], records: 4 });
    expect(inside.reason).toContain("sequences never received: 3-5");
    // 4..5 sit between records made at minutes 25 and 26: after the period.
    const after = siteSequence(row({ lo: 1, hi: 7, lastSequence: 7, batches: [batch(1, [11, 12, 25]), batch(6, [26, 27])] }), FROM, TO);
    expect(after).toMatchObject({ status: "COMPLETE", gaps: [] });
    // Nothing received yet of the window's start: the whole front is a gap.
    expect(siteSequence(row({ lo: 1, hi: 4, lastSequence: 4, batches: [batch(4, [15])] }), FROM, TO).gaps).toEqual([{ from: 1, to: 3 }]);
  });

  it("chain breaks and refusals in the period are named; those outside it are not", () => {
    const r = siteSequence(row({ lo: 1, hi: 6, lastSequence: 6, batches: [batch(1, [5, 12, null, 14, 15, 30], { breaks: [1, 3], rejected: [4, 6] })] }), FROM, TO);
    expect(r).toMatchObject({ status: "INCOMPLETE", chainBreaks: [3], rejected: [4] });
    expect(r.reason).toBe("sequences failing the hash chain: 3; sequences the centre refused: 4");
  });

  it("UNKNOWN when the site has not reported up to the period's end, or has no recorder", () => {
    const pending = siteSequence(row({ lo: 1, hi: 2, lastSequence: 2, reportedThrough: t(15), batches: [batch(1, [11, 15])] }), FROM, TO);
    expect(pending).toMatchObject({ status: "UNKNOWN", records: 2 });
    expect(pending.reason).toContain(`only up to ${t(15)}`);
    const none = siteSequence(row({ hasRecorder: false, reportedThrough: null }), FROM, TO);
    expect(none).toMatchObject({ status: "UNKNOWN", reason: expect.stringContaining("no site recorder"), records: 0 });
    // Reported past the end with nothing in the period: complete (an empty period is whole).
    expect(siteSequence(row({ lo: 3, hi: 2, lastSequence: 5 }), FROM, TO)).toMatchObject({ status: "COMPLETE", records: 0, firstSequence: null });
  });

  it("as of a past instant: UNKNOWN saying why, never today's sequence (the recorder's progress is kept in place)", () => {
    const r = siteSequenceAsOf(row({ lo: 4, hi: 9, lastSequence: 12, batches: [batch(4, [9, 10, 11])] }), t(30));
    expect(r).toEqual({
      siteId: "s1", siteName: "plant", status: "UNKNOWN", firstSequence: null, lastSequence: null, records: 0, gaps: [], chainBreaks: [], rejected: [], reportedThrough: null,
      reason: expect.stringMatching(/^not recorded as of 2026-03-01T10:30:00\.000Z: the site recorder's progress is kept in place/),
    });
  });
});
