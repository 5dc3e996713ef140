import { describe, expect, it } from "vitest";
import { cpuSeconds, percentiles, throughput } from "../tools/bench/measure.js";

// The benchmark's own arithmetic: a wrong field of /proc/<pid>/stat or an off-by-one percentile
// would misstate every figure `npm run bench` prints.
describe("bench measurements", () => {
  it("reads a process's CPU time as Node's own accounting does", () => {
    const before = cpuSeconds(process.pid);
    const start = process.cpuUsage();
    const used = () => { const u = process.cpuUsage(start); return (u.user + u.system) / 1e6; };
    while (used() < 0.3); // compute until Node counts 0.3 s of CPU, however busy the machine
    const node = used();
    const proc = cpuSeconds(process.pid) - before;
    // /proc counts in ticks of 10 ms: the two agree to within a few ticks.
    expect(Math.abs(proc - node)).toBeLessThan(0.05);
  });

  it("takes percentiles from the sorted samples", () => {
    const p = percentiles([5, 1, 4, 2, 3, 6, 7, 8, 9, 10]);
    expect(p).toEqual({ p50: 6, p95: 10, mean: 5.5, n: 10 });
  });

  it("runs every operation once, with no more than the given number in flight", async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let most = 0;
    const rate = await throughput(async (i) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(i);
      inFlight--;
    }, 20, 3);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(most).toBe(3);
    expect(rate).toBeGreaterThan(0);
  });
});
