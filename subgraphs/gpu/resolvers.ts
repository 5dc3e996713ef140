import { Arg, Ctx as Context, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../runtime/context.js";
import { badInput } from "../../runtime/errors.js";
import { RequiresScope } from "../../runtime/scopes.js";
import * as v from "../../runtime/validate.js";
import * as store from "./store.js";
import { ComputeAllocation, GpuCluster, RecordComputeAllocationInput, RegisterGpuClusterInput, RegisterSiteInput, Site } from "./types.js";

const HOUR_MS = 3_600_000;

@Resolver(() => Site)
export class SiteResolver {
  @Query(() => Site, { nullable: true })
  @RequiresScope("lineage:read")
  site(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return store.loadSite(ctx, id);
  }

  @Mutation(() => Site)
  @RequiresScope("admin")
  registerSite(@Arg("input", () => RegisterSiteInput) input: RegisterSiteInput, @Context() ctx: Ctx) {
    return store.registerSite(ctx, {
      name: v.text("input.name", input.name, v.MAX_NAME),
      country: v.country("input.country", input.country),
      sovereigntyZone: v.optionalText("input.sovereigntyZone", input.sovereigntyZone, 20),
      kind: input.kind,
      operator: v.optionalText("input.operator", input.operator, v.MAX_NAME),
    });
  }
}

@Resolver(() => GpuCluster)
export class GpuClusterResolver {
  @Mutation(() => GpuCluster)
  @RequiresScope("admin")
  registerGpuCluster(@Arg("input", () => RegisterGpuClusterInput) input: RegisterGpuClusterInput, @Context() ctx: Ctx) {
    return store.registerCluster(ctx, {
      siteId: input.siteId,
      name: v.text("input.name", input.name, v.MAX_NAME),
      gpuModel: v.text("input.gpuModel", input.gpuModel, v.MAX_NAME),
      gpuCount: v.nonNegative("input.gpuCount", input.gpuCount)!,
    });
  }

  @FieldResolver(() => Site)
  site(@Root() cluster: GpuCluster, @Context() ctx: Ctx) {
    return store.loadSite(ctx, cluster.siteId);
  }
}

@Resolver(() => ComputeAllocation)
export class ComputeAllocationResolver {
  @Mutation(() => ComputeAllocation)
  @RequiresScope("lineage:write")
  recordComputeAllocation(@Arg("input", () => RecordComputeAllocationInput) input: RecordComputeAllocationInput, @Context() ctx: Ctx) {
    v.ordered("input.endedAt", input.startedAt, input.endedAt);
    const gpuCount = v.nonNegative("input.gpuCount", input.gpuCount)!;
    let gpuHours = v.nonNegative("input.gpuHours", input.gpuHours);
    if (gpuHours === null && input.endedAt) {
      gpuHours = (gpuCount * (Date.parse(input.endedAt) - Date.parse(input.startedAt))) / HOUR_MS;
    }
    if (gpuCount === 0 && (gpuHours ?? 0) > 0) throw badInput("input.gpuHours", "must be 0 when gpuCount is 0");
    return store.recordAllocation(ctx, {
      clusterId: input.clusterId,
      gpuCount,
      startedAt: input.startedAt,
      endedAt: input.endedAt ?? null,
      gpuHours,
      energyKWh: v.nonNegative("input.energyKWh", input.energyKWh),
    });
  }

  @FieldResolver(() => GpuCluster)
  cluster(@Root() a: ComputeAllocation, @Context() ctx: Ctx) {
    return store.loadCluster(ctx, a.clusterId);
  }
}
