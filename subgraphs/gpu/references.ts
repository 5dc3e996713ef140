import type { Ctx } from "../../runtime/context.js";
import * as store from "./store.js";

type Ref = { id: string };

/** Entity references the gateway resolves through this subgraph, each through a DataLoader. */
export const references = {
  Site: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadSite(ctx, ref.id) },
  GpuCluster: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadCluster(ctx, ref.id) },
  ComputeAllocation: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadAllocation(ctx, ref.id) },
  TrainingRun: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
};
