import type { Ctx } from "../../../runtime/context.js";
import { loadReport } from "./store.js";

type Ref = { id: string };

/**
 * Entity references of drift monitoring: reports load through a DataLoader; Deployment is
 * only extended here, so its id is all this subgraph knows (models resolves the rest).
 */
export const driftReferences = {
  DriftReport: { __resolveReference: (ref: Ref, ctx: Ctx) => loadReport(ctx, ref.id) },
  Deployment: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
};
