import { Arg, Ctx as Context, ID, Int, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../runtime/context.js";
import { badInput, notFound } from "../../runtime/errors.js";
import { DateTimeScalar } from "../../runtime/scalars.js";
import { RequiresScope } from "../../runtime/scopes.js";
import { impact } from "./impact-store.js";
import { DEFAULT_LINEAGE_DEPTH, lineage, MAX_LINEAGE_DEPTH } from "./lineage-store.js";
import { ImpactReport, LineageDirection, LineageGraph } from "./types.js";

const refs = (ids: string[]) => ids.map((id) => ({ id }));

@Resolver()
export class LineageResolver {
  @Query(() => LineageGraph, { description: `Nodes and edges around any node; depth default ${DEFAULT_LINEAGE_DEPTH}, at most ${MAX_LINEAGE_DEPTH}; asOf shows the graph as it was then` })
  @RequiresScope("lineage:read")
  lineage(
    @Arg("id", () => ID) id: string,
    @Context() ctx: Ctx,
    @Arg("direction", () => LineageDirection, { defaultValue: LineageDirection.UPSTREAM }) direction: LineageDirection,
    @Arg("depth", () => Int, { defaultValue: DEFAULT_LINEAGE_DEPTH }) depth: number,
    @Arg("asOf", () => DateTimeScalar, { nullable: true }) asOf?: string,
  ) {
    if (!Number.isInteger(depth) || depth < 0 || depth > MAX_LINEAGE_DEPTH) throw badInput("depth", `must be between 0 and ${MAX_LINEAGE_DEPTH}`);
    return lineage(ctx, id, direction, depth, asOf ?? null);
  }

  @Query(() => ImpactReport, { description: "Everything downstream of a dataset version: what to review when the data turns out poisoned, biased or must be erased" })
  @RequiresScope("lineage:read")
  async impact(@Arg("datasetVersionId", () => ID) datasetVersionId: string, @Context() ctx: Ctx): Promise<ImpactReport> {
    const r = await impact(ctx, datasetVersionId);
    if (!r.found) throw notFound("DatasetVersion", datasetVersionId);
    const perSite = new Map<string | null, number>();
    let withDeployment = 0;
    for (const c of r.bySite) {
      perSite.set(c.siteId, (perSite.get(c.siteId) ?? 0) + c.count);
      withDeployment += c.count;
    }
    if (r.total > withDeployment) perSite.set(null, r.total - withDeployment);
    return {
      datasetVersions: refs(r.datasetVersions),
      trainingRuns: refs(r.trainingRuns),
      modelVersions: refs(r.modelVersions),
      deployments: refs(r.deployments),
      decisionCount: r.total,
      decisionsBySite: [...perSite].filter(([, n]) => n > 0).map(([siteId, decisionCount]) => ({ site: siteId ? { id: siteId } : null, decisionCount })),
      approvals: refs(r.approvals),
    };
  }
}
