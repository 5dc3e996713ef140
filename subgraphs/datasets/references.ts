import type { Ctx } from "../../runtime/context.js";
import * as store from "./store.js";

type Ref = { id: string };

/** Entity references the gateway resolves through this subgraph, each through a DataLoader. */
export const references = {
  Dataset: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadDataset(ctx, ref.id) },
  DatasetVersion: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadDatasetVersion(ctx, ref.id) },
};
