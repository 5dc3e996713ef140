import { stableId } from "../../runtime/canonical.js";
import type { Ctx } from "../../runtime/context.js";
import { createOnce, mutate } from "../../runtime/mutation.js";
import { byId, related, requireIds } from "../../runtime/nodes.js";
import { toAllocation, toCluster, toSite } from "./mappers.js";
import type { ComputeAllocation, GpuCluster, Site } from "./types.js";

const now = () => new Date().toISOString();

export const loadSite = async (ctx: Ctx, id: string) => toSite.orNull(await byId(ctx, "Site").load(id));
export const loadCluster = async (ctx: Ctx, id: string) => toCluster.orNull(await byId(ctx, "GpuCluster").load(id));
export const loadAllocation = async (ctx: Ctx, id: string) => toAllocation.orNull(await byId(ctx, "ComputeAllocation").load(id));

export function registerSite(ctx: Ctx, input: Omit<Site, "id" | "createdAt">) {
  const id = stableId("site", input.name);
  return mutate(ctx, "registerSite", input, async (tx) => {
    const { node, created } = await createOnce(tx, "Site", id, { ...input }, now());
    return { result: toSite(node), changed: created, subjects: [id] };
  });
}

export function registerCluster(ctx: Ctx, input: Omit<GpuCluster, "id" | "createdAt">) {
  const id = stableId("gpu", input.siteId, input.name);
  return mutate(ctx, "registerGpuCluster", input, async (tx) => {
    await requireIds(tx, "Site", [input.siteId]);
    const { node, created } = await createOnce(tx, "GpuCluster", id, { ...input }, now());
    if (created) await tx.run({ cypher: `MATCH (c:GpuCluster {id: $id}), (s:Site {id: $site}) CREATE (c)-[:AT_SITE]->(s)`, params: { id, site: input.siteId } });
    return { result: toCluster(node), changed: created, subjects: [id, input.siteId] };
  });
}

export function recordAllocation(ctx: Ctx, input: Omit<ComputeAllocation, "id" | "createdAt">) {
  const id = stableId("alloc", input.clusterId, input.startedAt, input.endedAt, input.gpuCount);
  return mutate(ctx, "recordComputeAllocation", input, async (tx) => {
    await requireIds(tx, "GpuCluster", [input.clusterId]);
    const { node, created } = await createOnce(tx, "ComputeAllocation", id, { ...input }, now(), { registeredBy: ctx.caller.sub });
    if (created) await tx.run({ cypher: `MATCH (a:ComputeAllocation {id: $id}), (c:GpuCluster {id: $c}) CREATE (a)-[:ON_CLUSTER]->(c)`, params: { id, c: input.clusterId } });
    return { result: toAllocation(node), changed: created, subjects: [id, input.clusterId] };
  });
}

export interface AllocationWithGpu extends ComputeAllocation {
  gpuModel: string;
  /** The run's recorded training precision (Annex XI 1(2)(d)); null = not recorded. */
  runPrecision: string | null;
}

/** Compute allocations of training runs, with the GPU model of their cluster (one statement per batch). */
export const computeOfRun = (ctx: Ctx, runId: string) =>
  related(
    ctx,
    "computeOfRun",
    `MATCH (r:TrainingRun)-[:USED_COMPUTE]->(a:ComputeAllocation)-[:ON_CLUSTER]->(c:GpuCluster)
     WHERE r.id IN $ids RETURN r.id AS key, a {.*, gpuModel: c.gpuModel, runPrecision: r.precision} AS n ORDER BY a.startedAt, a.id`,
  ).load(runId) as Promise<AllocationWithGpu[] | null>;
