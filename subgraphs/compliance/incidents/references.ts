import type { Ctx } from "../../../runtime/context.js";
import { loadIncident } from "./store.js";

/** Incident is owned here: the gateway resolves references to it through a DataLoader. */
export const incidentReferences = {
  Incident: { __resolveReference: (ref: { id: string }, ctx: Ctx) => loadIncident(ctx, ref.id) },
};
