import { Arg, Ctx as Context, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../runtime/context.js";
import { badInput } from "../../runtime/errors.js";
import { createdCursor } from "../../runtime/cursor.js";
import { RequiresScope } from "../../runtime/scopes.js";
import * as v from "../../runtime/validate.js";
import { RegisterDatasetInput, RegisterDatasetVersionInput } from "./inputs.js";
import * as store from "./store.js";
import { Dataset, DatasetVersion, Derivation } from "./types.js";

/** Most direct upstream versions one dataset version may name. */
export const MAX_DERIVED_FROM = 100;

/** Optional free-text governance facts (Annex IV 2(d), Art. 10), each bounded like any text. */
const GOVERNANCE = [
  "collectionMethod", "legalBasis", "scope", "characteristics", "selectionMethod", "originalPurpose",
  "labelling", "cleaning", "assumptions", "biasExamination", "biasMitigation", "knownGaps",
] as const;

@Resolver(() => Dataset)
export class DatasetResolver {
  @Query(() => Dataset, { nullable: true })
  @RequiresScope("lineage:read")
  dataset(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return store.loadDataset(ctx, id);
  }

  @Mutation(() => Dataset)
  @RequiresScope("lineage:write")
  registerDataset(@Arg("input", () => RegisterDatasetInput) input: RegisterDatasetInput, @Context() ctx: Ctx) {
    return store.registerDataset(ctx, { name: v.text("input.name", input.name, v.MAX_NAME) });
  }

  @FieldResolver(() => [DatasetVersion], { description: "Oldest first; paginated with first (default 50, at most 500) and after (a cursor: the previous page's last `cursor`)" })
  async versions(
    @Root() dataset: Dataset,
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return (await store.versionsOfDataset(ctx, dataset.id, first, after)) ?? [];
  }
}

@Resolver(() => DatasetVersion)
export class DatasetVersionResolver {
  @Query(() => DatasetVersion, { nullable: true })
  @RequiresScope("lineage:read")
  datasetVersion(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return store.loadDatasetVersion(ctx, id);
  }

  @Mutation(() => DatasetVersion)
  @RequiresScope("lineage:write")
  registerDatasetVersion(@Arg("input", () => RegisterDatasetVersionInput) input: RegisterDatasetVersionInput, @Context() ctx: Ctx) {
    const derivedFrom = v.maxItems("input.derivedFrom", input.derivedFrom ?? [], MAX_DERIVED_FROM).map((d, i) => ({
      datasetVersionId: v.text(`input.derivedFrom[${i}].datasetVersionId`, d.datasetVersionId, v.MAX_NAME),
      transformation: v.text(`input.derivedFrom[${i}].transformation`, d.transformation),
    }));
    const seen = new Set<string>();
    for (const [i, d] of derivedFrom.entries()) {
      if (seen.has(d.datasetVersionId)) throw badInput(`input.derivedFrom[${i}].datasetVersionId`, "names a version already listed");
      seen.add(d.datasetVersionId);
    }
    const governance = Object.fromEntries(GOVERNANCE.map((f) => [f, v.optionalText(`input.${f}`, input[f])]));
    return store.registerDatasetVersion(ctx, {
      datasetId: input.datasetId,
      version: v.text("input.version", input.version, v.MAX_NAME),
      contentDigest: v.digest("input.contentDigest", input.contentDigest),
      rowCount: v.nonNegative("input.rowCount", input.rowCount),
      provenance: v.text("input.provenance", input.provenance),
      containsPersonalData: input.containsPersonalData,
      jurisdiction: v.country("input.jurisdiction", input.jurisdiction, { allowEU: true }),
      ...governance,
      derivedFrom,
    });
  }

  @FieldResolver(() => Dataset)
  dataset(@Root() dv: DatasetVersion, @Context() ctx: Ctx) {
    return store.loadDataset(ctx, dv.datasetId);
  }

  @FieldResolver(() => [DatasetVersion], { description: "Direct upstream versions, oldest first" })
  async derivedFrom(@Root() dv: DatasetVersion, @Context() ctx: Ctx) {
    return (await store.derivationsOf(ctx, dv.id)).map((d) => d.from);
  }

  @FieldResolver(() => [Derivation], { description: "Direct upstream versions with the transformation applied to each" })
  derivations(@Root() dv: DatasetVersion, @Context() ctx: Ctx) {
    return store.derivationsOf(ctx, dv.id);
  }

  @FieldResolver(() => String, { description: "Opaque cursor for `Dataset.versions(after:)`" })
  cursor(@Root() dv: DatasetVersion) {
    return createdCursor(dv);
  }
}
