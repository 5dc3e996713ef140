import { describe, expect, it } from "vitest";
import { estimateEnergyKWh, estimateFlops, flopsMethod, isPrecision, peakFlops } from "../runtime/domain/flops.js";

describe("training compute estimate", () => {
  it("multiplies GPU-hours by the GPU model's peak throughput at the recorded precision", () => {
    // 1,000 H100-hours at 989 TFLOP/s BF16 peak: 1000 * 3600 * 9.89e14 = 3.5604e21 FLOPs
    expect(estimateFlops([{ gpuHours: 1000, gpuModel: "NVIDIA H100 SXM5 80GB" }], "BF16")).toBeCloseTo(3.5604e21, -17);
    expect(peakFlops("NVIDIA H100 PCIe", "BF16")).toBe(7.56e14);
  });

  it("without a recorded precision takes the fastest one, so FP8 training stays under the bound", () => {
    expect(peakFlops("NVIDIA H100 SXM")).toBe(1.979e15);
    expect(peakFlops("NVIDIA B200")).toBe(9e15);
    expect(peakFlops("A100 80GB")).toBe(3.12e14);
    expect(estimateFlops([{ gpuHours: 1000, gpuModel: "H100" }])).toBeCloseTo(1000 * 3600 * 1.979e15, -17);
    expect(peakFlops("A100", "FP8")).toBeNull();
  });

  it("estimates energy from GPU-hours and board power where it was not measured (Annex XI 1(2)(e))", () => {
    expect(estimateEnergyKWh(80, "NVIDIA H100 SXM")).toBeCloseTo(56, 6);
    expect(estimateEnergyKWh(null, "H100")).toBeNull();
    expect(estimateEnergyKWh(10, "Mystery TPU")).toBeNull();
  });

  it("is unknown when a GPU model or GPU-hours are unknown", () => {
    expect(estimateFlops([{ gpuHours: 10, gpuModel: "Mystery TPU" }])).toBeNull();
    expect(estimateFlops([{ gpuHours: null, gpuModel: "A100" }])).toBeNull();
    expect(estimateFlops([])).toBeNull();
  });

  it("labels the bound by the recorded precision, or as the maximum over precisions when none is recorded (Annex XI 1(2)(d), Art. 51(2))", () => {
    expect(flopsMethod("FP8")).toContain("peak dense FP8 FLOP/s (the recorded training precision)");
    expect(flopsMethod(null)).toContain("maximum over precisions");
    expect(peakFlops("H100 SXM", "FP8")! / peakFlops("H100 SXM", "BF16")!).toBeCloseTo(2, 2);
    expect(peakFlops("A100", "FP32")).toBe(1.95e13);
    expect(isPrecision("FP8")).toBe(true);
    expect(isPrecision("fp8")).toBe(false);
    expect(isPrecision(null)).toBe(false);
  });
});
