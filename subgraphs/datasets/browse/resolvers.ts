import { Arg, Ctx as Context, Int, Query, Resolver } from "type-graphql";
import { DEFAULT_FIRST, PAGE_DOC } from "../../../runtime/connection.js";
import type { Ctx } from "../../../runtime/context.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { listDatasets } from "./store.js";
import { DatasetConnection, DatasetFilter } from "./types.js";

/** Browse list of the datasets subgraph (contract: "browse and search"). */
@Resolver()
export class DatasetBrowseResolver {
  @Query(() => DatasetConnection, { description: `Datasets. ${PAGE_DOC}` })
  @RequiresScope("lineage:read")
  datasets(
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_FIRST }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
    @Arg("filter", () => DatasetFilter, { nullable: true }) filter?: DatasetFilter | null,
  ) {
    const nameContains = v.optionalText("filter.nameContains", filter?.nameContains, v.MAX_NAME) || null;
    return listDatasets(ctx, { first, after }, { nameContains, personal: filter?.containsPersonalData ?? null });
  }
}
