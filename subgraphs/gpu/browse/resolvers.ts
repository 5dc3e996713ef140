import { Arg, Ctx as Context, ID, Int, Query, Resolver } from "type-graphql";
import { DEFAULT_FIRST, PAGE_DOC } from "../../../runtime/connection.js";
import type { Ctx } from "../../../runtime/context.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { listClusters, listSites } from "./store.js";
import { GpuClusterConnection, SiteConnection, SiteFilter } from "./types.js";

/** Browse lists of the gpu subgraph (contract: "browse and search"). */
@Resolver()
export class GpuBrowseResolver {
  @Query(() => SiteConnection, { description: `Sites. ${PAGE_DOC}` })
  @RequiresScope("lineage:read")
  sites(
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_FIRST }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
    @Arg("filter", () => SiteFilter, { nullable: true }) filter?: SiteFilter | null,
  ) {
    const country = filter?.country ? v.country("filter.country", filter.country) : null;
    const sovereigntyZone = v.optionalText("filter.sovereigntyZone", filter?.sovereigntyZone, 20) || null;
    return listSites(ctx, { first, after }, { country, zone: sovereigntyZone });
  }

  @Query(() => GpuClusterConnection, { description: `GPU clusters, of one site when siteId is given. ${PAGE_DOC}` })
  @RequiresScope("lineage:read")
  gpuClusters(
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_FIRST }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
    @Arg("siteId", () => ID, { nullable: true }) siteId?: string | null,
  ) {
    return listClusters(ctx, { first, after }, v.optionalText("siteId", siteId, v.MAX_NAME) || null);
  }
}
