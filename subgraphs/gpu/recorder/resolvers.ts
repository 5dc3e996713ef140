import { Arg, Ctx as Context, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { listPage, MAX_FIRST } from "../../../runtime/connection.js";
import type { Ctx } from "../../../runtime/context.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { SiteConnection } from "../browse/types.js";
import { Site } from "../types.js";
import { loadRecorder } from "./store.js";
import { SiteRecorderStatus } from "./types.js";

@Resolver(() => Site)
export class SiteRecorderResolver {
  @FieldResolver(() => SiteRecorderStatus, { nullable: true, description: "The site recorder's record at the centre; null when no recorder has reported for this site" })
  @RequiresScope("lineage:read")
  recorder(@Root() site: Site, @Context() ctx: Ctx) {
    return loadRecorder(ctx, site.id);
  }

  @Query(() => SiteConnection, { description: `Sites with a recorder (see Site.recorder), for operators. Ordered by createdAt, then id. first: 1..${MAX_FIRST} (default 50); after: the endCursor of the previous page.` })
  @RequiresScope("admin")
  siteRecorders(
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
  ) {
    return listPage<Site>(ctx, { first, after, op: "siteRecorders", label: "Site", where: "EXISTS { MATCH (:SiteRecorder {siteId: n.id}) }" });
  }
}
