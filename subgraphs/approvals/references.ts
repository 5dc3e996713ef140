import type { Ctx } from "../../runtime/context.js";
import * as store from "./store.js";

type Ref = { id: string };
const idOnly = (ref: Ref) => ({ id: ref.id });

/**
 * Entity references the gateway resolves through this subgraph. Approval and RiskAssessment
 * load through DataLoaders; the entities this subgraph only extends need nothing but their id
 * (their owners resolve the rest).
 */
export const references = {
  Approval: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadApproval(ctx, ref.id) },
  RiskAssessment: { __resolveReference: (ref: Ref, ctx: Ctx) => store.loadRiskAssessment(ctx, ref.id) },
  ModelVersion: { __resolveReference: idOnly },
  DatasetVersion: { __resolveReference: idOnly },
  Deployment: { __resolveReference: idOnly },
  AISystem: { __resolveReference: idOnly },
};
