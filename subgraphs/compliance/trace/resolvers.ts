import { Arg, Ctx as Context, ID, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { gapsOf, traceDecision } from "./store.js";
import { DecisionTrace, DriftStatus } from "../types.js";

const refs = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((x): x is string => !!x))].map((id) => ({ id }));

@Resolver(() => DecisionTrace)
export class TraceResolver {
  @Query(() => DecisionTrace, { nullable: true, description: "Everything behind a decision, as it stood at the decision's time; null for an unknown id" })
  @RequiresScope("lineage:read")
  async traceDecision(@Arg("id", () => ID) id: string, @Context() ctx: Ctx): Promise<DecisionTrace | null> {
    const t = await traceDecision(ctx, id);
    if (!t) return null;
    const gaps = gapsOf(t);
    return {
      decision: { id: t.decision.id },
      modelVersion: { id: t.modelVersionId },
      deployment: t.deployment ? { id: t.deployment.id } : null,
      trainingRun: t.run ? { id: t.run.id } : null,
      datasets: refs(t.datasets.map((d) => d.id)),
      approvals: refs(t.inForce.filter((a) => a.decision === "APPROVED").map((a) => a.approvalId)),
      compute: refs(t.compute.map((c) => c.id)),
      sites: refs([...t.compute.map((c) => c.siteId), t.deployment?.siteId]),
      complete: gaps.length === 0,
      gaps,
      driftStatus: (t.drift as DriftStatus | null) ?? null,
    };
  }
}
