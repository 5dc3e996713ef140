import { Ctx as Context, FieldResolver, Float, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../runtime/context.js";
import { estimateFlops, FLOPS_METHOD } from "../../runtime/domain/flops.js";
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

  @FieldResolver(() => Float, { nullable: true, description: `Estimated training compute in FLOPs: ${FLOPS_METHOD}` })
  async estimatedFlops(@Root() run: TrainingRunCompute, @Context() ctx: Ctx) {
    return estimateFlops(((await store.computeOfRun(ctx, run.id)) ?? []).map((a) => ({ gpuHours: a.gpuHours ?? null, gpuModel: a.gpuModel })));
  }
}
