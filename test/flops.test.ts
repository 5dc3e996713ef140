import { describe, expect, it } from "vitest";
import { estimateFlops, peakFlops } from "../runtime/domain/flops.js";

describe("training compute estimate", () => {
  it("multiplies GPU-hours by the GPU model's peak throughput", () => {
    // 1,000 H100-hours at 989 TFLOP/s peak: 1000 * 3600 * 9.89e14 = 3.5604e21 FLOPs
    expect(estimateFlops([{ gpuHours: 1000, gpuModel: "NVIDIA H100 SXM5 80GB" }])).toBeCloseTo(3.5604e21, -17);
    expect(peakFlops("NVIDIA H100 PCIe")).toBe(7.56e14);
  });

  it("is unknown when a GPU model or GPU-hours are unknown", () => {
    expect(estimateFlops([{ gpuHours: 10, gpuModel: "Mystery TPU" }])).toBeNull();
    expect(estimateFlops([{ gpuHours: null, gpuModel: "A100" }])).toBeNull();
    expect(estimateFlops([])).toBeNull();
  });
});
