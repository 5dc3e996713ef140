import { Arg, Ctx as Context, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput } from "../../../runtime/errors.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { performanceOf, recordPerformance } from "./store.js";
import { PerformanceInUse, PerformanceInUseInput } from "./types.js";

@Resolver()
export class PerformanceInUseResolver {
  @Mutation(() => PerformanceInUse, { description: "Records the performance of a deployment in use (Art. 72(2)): a declared metric measured on recorded outcomes or deployer feedback over one window, per subgroup; audited, append-only" })
  @RequiresScope("lineage:write")
  recordPerformanceInUse(@Arg("input", () => PerformanceInUseInput) input: PerformanceInUseInput, @Context() ctx: Ctx) {
    v.ordered("input.windowEnd", input.windowStart, input.windowEnd);
    if (Date.parse(input.windowEnd) > Date.now() + 60_000) throw badInput("input.windowEnd", "lies in the future: performance in use is measured on outcomes already recorded");
    if (!Number.isFinite(input.value)) throw badInput("input.value", "must be a finite number");
    if (!Number.isInteger(input.sampleSize) || input.sampleSize < 1) throw badInput("input.sampleSize", "must be at least 1 (the outcomes the value was computed on)");
    return recordPerformance(ctx, {
      deploymentId: v.text("input.deploymentId", input.deploymentId, v.MAX_NAME), metric: v.text("input.metric", input.metric, v.MAX_NAME),
      subgroup: v.optionalText("input.subgroup", input.subgroup, v.MAX_NAME) || null, windowStart: input.windowStart, windowEnd: input.windowEnd,
      value: input.value, sampleSize: input.sampleSize, source: input.source, reference: v.text("input.reference", input.reference, v.MAX_NAME),
      digest: input.digest ? v.digest("input.digest", input.digest) : null,
    });
  }

  @Query(() => [PerformanceInUse], { description: "The measurements of performance in use of a deployment (the latest 1000 windows), by metric, subgroup and window" })
  @RequiresScope("reports:read")
  async performanceInUse(@Arg("deploymentId", () => ID) deploymentId: string, @Context() ctx: Ctx) {
    return (await performanceOf(ctx, [deploymentId], null))[0]?.observations ?? [];
  }
}
