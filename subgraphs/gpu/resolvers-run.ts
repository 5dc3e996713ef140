import { Ctx as Context, FieldResolver, Float, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../runtime/context.js";
import { estimateFlops, isPrecision } from "../../runtime/domain/flops.js";
import * as store from "./store.js";
import { ComputeAllocation, TrainingRunCompute } from "./types.js";

const sum = (xs: (number | null | undefined)[]): number | null =>
  xs.some((x) => x === null || x === undefined) ? null : xs.reduce<number>((a, x) => a + (x as number), 0);

@Resolver(() => TrainingRunCompute)
export class TrainingRunComputeResolver {
  @FieldResolver(() => [ComputeAllocation], { description: "GPU allocations the run used" })
  async compute(@Root() run: TrainingRunCompute, @Context() ctx: Ctx) {
    return (await store.computeOfRun(ctx, run.id)) ?? [];
  }

  @FieldResolver(() => Float, { nullable: true, description: "Sum of the allocations' GPU-hours; null when one is unknown" })
  async totalGpuHours(@Root() run: TrainingRunCompute, @Context() ctx: Ctx) {
    const allocs = (await store.computeOfRun(ctx, run.id)) ?? [];
    return allocs.length ? sum(allocs.map((a) => a.gpuHours)) : null;
  }

  @FieldResolver(() => Float, { nullable: true, description: "Sum of the allocations' energy in kWh; null when one is unknown" })
  async energyKWh(@Root() run: TrainingRunCompute, @Context() ctx: Ctx) {
    const allocs = (await store.computeOfRun(ctx, run.id)) ?? [];
    return allocs.length ? sum(allocs.map((a) => a.energyKWh)) : null;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "Estimated training compute in FLOPs, an upper bound: allocated GPU-hours x 3600 x the GPU's peak dense FLOP/s at the run's recorded precision, or the maximum over precisions when none is recorded (Annex XI 1(2)(d), Art. 51(2))",
  })
  async estimatedFlops(@Root() run: TrainingRunCompute, @Context() ctx: Ctx) {
    const allocs = (await store.computeOfRun(ctx, run.id)) ?? [];
    const precision = allocs.map((a) => a.runPrecision).find(isPrecision) ?? null;
    return estimateFlops(allocs.map((a) => ({ gpuHours: a.gpuHours ?? null, gpuModel: a.gpuModel })), precision);
  }
}
