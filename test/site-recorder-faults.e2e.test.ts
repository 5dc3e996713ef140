import { describe, expect, inject, it } from "vitest";
import { lastJsonLine, runTsx } from "./support/fault-process.js";

interface Report {
  skipped?: string;
  timeline: { stopRequested: number; stopped: number; startRequested: number; ready: number };
  acknowledged: number;
  acknowledgedDuringOutage: number;
  lastAcknowledgedSequence: number;
  unanswered: number;
  sequencesIncreasing: boolean;
  missing: number;
  storedTwice: number;
  wrongDigest: number;
  outOfOrder: number;
  forwardFailures: number;
  central: { lastSequence: number; backlog: number; gaps: { from: number; to: number }[]; chainBreaks: number[] };
}

// The scenario runs in a child process with its own embedded Neo4j (the shared one is never
// stopped), in the main group beside the other files (vitest.config.ts): it waits on outages and
// counts records, never times them.
describe("site recorder: the central Neo4j restarting while the site forwards", () => {
  it("changes nothing: every acknowledged record arrives exactly once, in sequence order, with its digest", async (ctx) => {
    const out = await runTsx("test/support/fault-recorder-neo4j.ts", [], { TEST_SERVICES_BUILD: inject("servicesBuild") }, 20 * 60_000);
    const r = lastJsonLine<Report>(out);
    if (r.skipped) return ctx.skip(r.skipped);
    expect(out.code, out.stderr.slice(-4000)).toBe(0);

    // The outage really hit the forwarding, and the site kept acknowledging through it.
    expect(r.forwardFailures).toBeGreaterThan(0);
    expect(r.acknowledgedDuringOutage).toBeGreaterThan(0);
    expect(r.sequencesIncreasing).toBe(true);

    expect(r.acknowledged).toBeGreaterThanOrEqual(1000);
    expect(r).toMatchObject({ missing: 0, storedTwice: 0, wrongDigest: 0, outOfOrder: 0 });
    expect(r.central).toMatchObject({ lastSequence: r.lastAcknowledgedSequence, backlog: 0, gaps: [], chainBreaks: [] });
  }, 25 * 60_000);
});
