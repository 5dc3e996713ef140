import { Arg, Ctx as Context, Int, Query, Resolver, ID } from "type-graphql";
import { DEFAULT_FIRST, PAGE_DOC } from "../../../runtime/connection.js";
import type { Ctx } from "../../../runtime/context.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { listDeployments, listModels, listSystems } from "./store.js";
import { AISystemConnection, AISystemFilter, DeploymentConnection, DeploymentFilter, ModelConnection } from "./types.js";


/** Browse lists of the models subgraph (contract: "browse and search"). */
@Resolver()
export class BrowseResolver {
  @Query(() => AISystemConnection, { description: `AI systems. ${PAGE_DOC}` })
  @RequiresScope("lineage:read")
  aiSystems(
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_FIRST }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
    @Arg("filter", () => AISystemFilter, { nullable: true }) filter?: AISystemFilter | null,
  ) {
    return listSystems(ctx, { first, after }, {
      riskCategory: filter?.riskCategory ?? null,
      annexIIIArea: filter?.annexIIIArea ?? null,
      nameContains: v.optionalText("filter.nameContains", filter?.nameContains, v.MAX_NAME) || null,
    });
  }

  @Query(() => ModelConnection, { description: `Models, of one system when systemId is given. ${PAGE_DOC}` })
  @RequiresScope("lineage:read")
  models(
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_FIRST }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
    @Arg("systemId", () => ID, { nullable: true }) systemId?: string | null,
  ) {
    return listModels(ctx, { first, after }, v.optionalText("systemId", systemId, v.MAX_NAME) || null);
  }

  @Query(() => DeploymentConnection, { description: `Deployments. ${PAGE_DOC}` })
  @RequiresScope("lineage:read")
  deployments(
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_FIRST }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
    @Arg("filter", () => DeploymentFilter, { nullable: true }) filter?: DeploymentFilter | null,
  ) {
    return listDeployments(ctx, { first, after }, {
      modelVersionId: v.optionalText("filter.modelVersionId", filter?.modelVersionId, v.MAX_NAME) || null,
      siteId: v.optionalText("filter.siteId", filter?.siteId, v.MAX_NAME) || null,
      active: filter?.active ?? null,
      now: new Date().toISOString(),
    });
  }
}
