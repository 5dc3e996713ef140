/** Latency percentiles and throughput (performance.now() in this process), and processes' CPU time (/proc). */
import fs from "node:fs";

export interface Latency {
  p50: number;
  p95: number;
  mean: number;
  n: number;
}

export function percentiles(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length, n: s.length };
}

/** Runs `op` sequentially `n` times after `warmup` unmeasured runs; returns latency in ms. */
export async function latency(op: () => Promise<unknown>, n: number, warmup = Math.ceil(n / 10)): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await op();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op();
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

/** Runs `total` operations with `concurrency` in flight; returns operations per second. */
export async function throughput(op: (i: number) => Promise<unknown>, total: number, concurrency: number): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await op(next++);
    }),
  );
  return total / ((performance.now() - t) / 1000);
}

export const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const ratio = (a: number, b: number) => `${fmt(a / b, 2)}x`;

/** CPU seconds (user + system) a process has used so far, from Linux /proc (clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** What the load generator (tools/bench/load.ts) prints on a line of its own once its warm-up is over: processes' CPU is read from then on. */
export const WARM = "warm";
