import { Arg, Ctx as Context, ID, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { fromJson } from "../../../runtime/nodes.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { gapsOf, traceDecision } from "./store.js";
import { DecisionTrace, DriftStatus } from "../types.js";

const uniqueById = <T extends { id: string }>(xs: (T | null)[]) => [...new Map(xs.filter((x): x is T => !!x).map((x) => [x.id, x])).values()];

@Resolver(() => DecisionTrace)
export class TraceResolver {
  @Query(() => DecisionTrace, { nullable: true, description: "Everything behind a decision, as it stood at the decision's time; null for an unknown id" })
  @RequiresScope("lineage:read")
  async traceDecision(@Arg("id", () => ID) id: string, @Context() ctx: Ctx): Promise<DecisionTrace | null> {
    const t = await traceDecision(ctx, id);
    if (!t) return null;
    const gaps = gapsOf(t);
    return {
      // With the fields DecisionTrace @provides (types.ts): one hop answers the usual trace query.
      decision: { id: t.decision.id, occurredAt: t.decision.occurredAt, output: fromJson(t.decision.outputJson) },
      modelVersion: t.modelVersion,
      deployment: t.deployment ? { id: t.deployment.id } : null,
      trainingRun: t.run,
      datasets: t.datasets.map(({ id, version, provenance }) => ({ id, version, provenance })),
      approvals: t.inForce.filter((a) => a.decision === "APPROVED").map(({ approvalId, decision, approver, decidedAt }) => ({ id: approvalId!, decision, approver, decidedAt })),
      compute: t.compute.map(({ id, gpuHours }) => ({ id, gpuHours })),
      sites: uniqueById([
        ...t.compute.map((c) => (c.siteId ? { id: c.siteId, country: c.country } : null)),
        t.deployment ? { id: t.deployment.siteId, country: t.deployment.country } : null,
      ]),
      truncated: t.cutAt.length > 0,
      complete: gaps.length === 0,
      gaps,
      driftStatus: (t.drift as DriftStatus | null) ?? null,
    };
  }
}
