import { Arg, Ctx as Context, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { FeatureProfileInput } from "./inputs.js";
import { latestProfile, setReferenceProfile, toFeatureProfile } from "./store.js";
import { FeatureProfile } from "./types.js";
import { validateProfile } from "./validate.js";
import { DatasetVersion } from "../types.js";

@Resolver(() => DatasetVersion)
export class DatasetVersionProfileResolver {
  @Mutation(() => DatasetVersion, { description: "Sets the reference feature profile production windows are compared with (append-only: the latest is in force)" })
  @RequiresScope("lineage:write")
  setReferenceProfile(
    @Arg("datasetVersionId", () => ID) datasetVersionId: string,
    @Arg("profile", () => FeatureProfileInput) profile: FeatureProfileInput,
    @Context() ctx: Ctx,
  ) {
    return setReferenceProfile(ctx, datasetVersionId, validateProfile(profile, "reference"));
  }

  @FieldResolver(() => FeatureProfile, { nullable: true, description: "The reference profile in force; null when none was set" })
  async referenceProfile(@Root() dv: DatasetVersion, @Context() ctx: Ctx) {
    const p = await latestProfile(ctx, dv.id);
    return p ? toFeatureProfile(p) : null;
  }
}
