import { describe, expect, it } from "vitest";
import { buckets } from "../subgraphs/datasets/openlineage/marquez-stats.js";

const url = (q: string) => new URL(`http://gw/api/v1/stats/jobs?${q}`);
const at = Date.parse("2026-03-29T10:30:00Z"); // Europe/Berlin switches to summer time at 01:00Z that day

describe("Marquez stats buckets", () => {
  it("DAY: 24 hours by the hour, the current hour last", () => {
    const b = buckets(url("period=DAY"), at);
    expect(b).toHaveLength(24);
    expect(b.at(-1)).toEqual({ start: "2026-03-29T10:00:00.000Z", end: "2026-03-29T11:00:00.000Z" });
    expect(b[0].start).toBe("2026-03-28T11:00:00.000Z");
    for (let i = 1; i < 24; i++) expect(b[i].start).toBe(b[i - 1].end);
  });

  it("WEEK: 7 local days in the time zone, today last, across a DST change", () => {
    const b = buckets(url("period=week&timezone=Europe/Berlin"), at);
    expect(b).toHaveLength(7);
    expect(b.at(-1)).toEqual({ start: "2026-03-28T22:00:00.000Z", end: "2026-03-29T22:00:00.000Z" });
    expect(b.at(-2)).toEqual({ start: "2026-03-27T23:00:00.000Z", end: "2026-03-28T22:00:00.000Z" });
    expect(b[0].start).toBe("2026-03-22T23:00:00.000Z");
  });

  it("refuses a missing period, WEEK without a time zone, an unknown zone", () => {
    const code = (q: string) => {
      try {
        buckets(url(q), at);
        return "no error";
      } catch (e: any) {
        return `${e.status} ${e.message.split(":")[0]}`;
      }
    };
    expect(code("")).toBe("400 period");
    expect(code("period=MONTH")).toBe("400 period");
    expect(code("period=WEEK")).toBe("400 timezone");
    expect(code("period=WEEK&timezone=Mars/Olympus")).toBe("400 timezone");
  });
});
