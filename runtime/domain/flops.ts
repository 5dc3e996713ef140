/**
 * Peak dense BF16/FP16 tensor throughput per GPU, FLOP/s, from vendor data sheets. Used to
 * estimate training compute (AI Act Annex IV 2(c), Annex XI, Art. 51(2) threshold).
 */
const PEAK_FLOPS: [pattern: RegExp, flops: number][] = [
  [/b200/i, 2.25e15],
  [/h200/i, 9.89e14],
  [/h100.*pcie/i, 7.56e14],
  [/h100/i, 9.89e14],
  [/a100/i, 3.12e14],
  [/l40s/i, 3.62e14],
  [/mi300x/i, 1.307e15],
  [/v100/i, 1.25e14],
];

/** Peak throughput of a GPU model, or null when the model is not in the table. */
export function peakFlops(gpuModel: string): number | null {
  return PEAK_FLOPS.find(([re]) => re.test(gpuModel))?.[1] ?? null;
}

/**
 * Training compute upper bound: GPU-hours x 3600 x peak FLOP/s, i.e. assuming full
 * utilisation. Conservative on purpose: it errs towards the Art. 51(2) presumption.
 * Null when any allocation lacks GPU-hours or runs on a GPU of unknown peak.
 */
export function estimateFlops(allocations: { gpuHours: number | null; gpuModel: string }[]): number | null {
  let total = 0;
  for (const a of allocations) {
    const peak = peakFlops(a.gpuModel);
    if (peak === null || a.gpuHours === null) return null;
    total += a.gpuHours * 3600 * peak;
  }
  return allocations.length ? total : null;
}

export const FLOPS_METHOD = "upper bound: sum of GPU-hours x 3600 x peak dense BF16 FLOP/s of the GPU model (full utilisation assumed)";
