/**
 * Training compute and energy estimates (AI Act Annex IV 2(c), Annex XI 1(2)(d)-(e), and the
 * Art. 51(2) threshold of 10^25 FLOPs), from vendor data sheets. Pure.
 */

/**
 * Numeric precisions a training run can record (Annex XI 1(2)(d): compute used for training;
 * the Art. 51(2) threshold counts floating-point operations, whose peak rate depends on it).
 */
export const PRECISIONS = ["FP4", "FP8", "BF16", "FP16", "TF32", "FP32"] as const;
export type Precision = (typeof PRECISIONS)[number];
export const isPrecision = (v: unknown): v is Precision => typeof v === "string" && (PRECISIONS as readonly string[]).includes(v);

interface GpuSpec {
  pattern: RegExp;
  /** Peak dense tensor FLOP/s per precision the GPU supports (no sparsity). */
  peak: Partial<Record<Precision, number>>;
  /** Board power (TDP), kW: the GPU alone, without host, network or cooling. */
  tdpKw: number;
}

const GPUS: GpuSpec[] = [
  { pattern: /b200/i, peak: { FP4: 9e15, FP8: 4.5e15, BF16: 2.25e15, FP16: 2.25e15, TF32: 1.1e15 }, tdpKw: 1.0 },
  { pattern: /h200/i, peak: { FP8: 1.979e15, BF16: 9.89e14, FP16: 9.89e14, TF32: 4.95e14, FP32: 6.7e13 }, tdpKw: 0.7 },
  { pattern: /h100.*pcie/i, peak: { FP8: 1.513e15, BF16: 7.56e14, FP16: 7.56e14, TF32: 3.78e14, FP32: 5.1e13 }, tdpKw: 0.35 },
  { pattern: /h100/i, peak: { FP8: 1.979e15, BF16: 9.89e14, FP16: 9.89e14, TF32: 4.95e14, FP32: 6.7e13 }, tdpKw: 0.7 },
  { pattern: /a100/i, peak: { BF16: 3.12e14, FP16: 3.12e14, TF32: 1.56e14, FP32: 1.95e13 }, tdpKw: 0.4 },
  { pattern: /l40s/i, peak: { FP8: 7.33e14, BF16: 3.62e14, FP16: 3.62e14, TF32: 1.83e14, FP32: 9.16e13 }, tdpKw: 0.35 },
  { pattern: /mi300x/i, peak: { FP8: 2.615e15, BF16: 1.307e15, FP16: 1.307e15, TF32: 6.54e14, FP32: 1.634e14 }, tdpKw: 0.75 },
  { pattern: /v100/i, peak: { FP16: 1.25e14, FP32: 1.57e13 }, tdpKw: 0.3 },
];

const spec = (gpuModel: string) => GPUS.find((g) => g.pattern.test(gpuModel)) ?? null;

/**
 * Peak dense throughput of a GPU model at a precision; with no precision recorded, the maximum
 * over the precisions it supports (so that the estimate stays an upper bound when training ran
 * in FP8 or FP4). Null when the GPU model is unknown or does not support the precision.
 */
export function peakFlops(gpuModel: string, precision: Precision | null = null): number | null {
  const s = spec(gpuModel);
  if (!s) return null;
  if (precision) return s.peak[precision] ?? null;
  return Math.max(...Object.values(s.peak));
}

/**
 * Training compute upper bound: GPU-hours x 3600 x peak FLOP/s, i.e. assuming full utilisation
 * of the GPU-hours allocated. It errs towards the Art. 51(2) presumption on purpose. Null when
 * any allocation lacks GPU-hours or runs on a GPU of unknown peak.
 */
export function estimateFlops(allocations: { gpuHours: number | null; gpuModel: string }[], precision: Precision | null = null): number | null {
  let total = 0;
  for (const a of allocations) {
    const peak = peakFlops(a.gpuModel, precision);
    if (peak === null || a.gpuHours === null) return null;
    total += a.gpuHours * 3600 * peak;
  }
  return allocations.length ? total : null;
}

/**
 * Annex XI 1(2)(e) accepts an estimated energy consumption: GPU-hours x board power. A lower
 * bound of the facility's consumption (no host, network, cooling). Null when unknown.
 */
export function estimateEnergyKWh(gpuHours: number | null, gpuModel: string): number | null {
  const s = spec(gpuModel);
  return s && gpuHours !== null ? gpuHours * s.tdpKw : null;
}

/**
 * How the bound was computed: at the recorded training precision, or, when none is recorded,
 * labelled as the maximum over the precisions the GPU supports (Annex XI 1(2)(d), Art. 51(2)).
 */
export const flopsMethod = (precision: Precision | null = null) =>
  `upper bound: sum of allocated GPU-hours (GPUs x duration, or as recorded; not measured utilisation) x 3600 x ${precision ? `peak dense ${precision} FLOP/s (the recorded training precision)` : "the maximum over precisions of the peak dense FLOP/s (training precision not recorded)"} of the GPU model, full utilisation assumed`;

export const FLOPS_METHOD = flopsMethod();

export const ENERGY_ESTIMATE_METHOD = "estimated where not measured: allocated GPU-hours x the GPU's board power (TDP); excludes host, network and cooling";
