import type { Ctx } from "../../runtime/context.js";
import * as store from "./store.js";

type Ref = { id: string };

/** Entity references the gateway resolves through this subgraph, each through a DataLoader. */
export const references = {
  AISystem: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadSystem(ctx, ref.id) },
  Model: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadModel(ctx, ref.id) },
  ModelVersion: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadModelVersion(ctx, ref.id) },
  TrainingRun: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadTrainingRun(ctx, ref.id) },
  Deployment: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadDeployment(ctx, ref.id) },
  Decision: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadDecision(ctx, ref.id) },
};
