import { Arg, Ctx as Context, ID, Int, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput, notFound } from "../../../runtime/errors.js";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { impact } from "./impact-store.js";
import { DEFAULT_LINEAGE_DEPTH, lineage, MAX_LINEAGE_DEPTH, MAX_LINEAGE_EDGES, MAX_LINEAGE_NODES } from "./store.js";
import { ImpactReport, LineageDirection, LineageGraph } from "../types.js";

const refs = (ids: string[]) => ids.map((id) => ({ id }));

@Resolver()
export class LineageResolver {
  @Query(() => LineageGraph, {
    description:
      `Nodes and edges around any node (decisions included): UPSTREAM toward what it depends on, DOWNSTREAM toward what depends on it, BOTH = both walks. ` +
      `depth: hops from the node, default ${DEFAULT_LINEAGE_DEPTH}, at most ${MAX_LINEAGE_DEPTH} (more is BAD_USER_INPUT); at most ${MAX_LINEAGE_NODES} nodes and ${MAX_LINEAGE_EDGES} edges; truncated says when a limit cut something. ` +
      `asOf shows the graph as it was then (empty when the node did not exist yet). NOT_FOUND for an unknown id.`,
  })
  @RequiresScope("lineage:read")
  async lineage(
    @Arg("id", () => ID) id: string,
    @Context() ctx: Ctx,
    // Nullable with defaults, as in the contract: an explicit null means the default.
    @Arg("direction", () => LineageDirection, { nullable: true, defaultValue: LineageDirection.UPSTREAM }) direction?: LineageDirection | null,
    @Arg("depth", () => Int, { nullable: true, defaultValue: DEFAULT_LINEAGE_DEPTH }) depth?: number | null,
    @Arg("asOf", () => DateTimeScalar, { nullable: true }) asOf?: string | null,
  ) {
    const d = depth ?? DEFAULT_LINEAGE_DEPTH;
    if (!Number.isInteger(d) || d < 0 || d > MAX_LINEAGE_DEPTH) throw badInput("depth", `must be between 0 and ${MAX_LINEAGE_DEPTH}`);
    const graph = await lineage(ctx, id, direction ?? LineageDirection.UPSTREAM, d, asOf ?? null);
    if (!graph) throw notFound("Node", id);
    return graph;
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
