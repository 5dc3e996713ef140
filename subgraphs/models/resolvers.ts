import { Arg, Ctx as Context, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../runtime/context.js";
import { createdCursor } from "../../runtime/cursor.js";
import { RequiresScope } from "../../runtime/scopes.js";
import * as v from "../../runtime/validate.js";
import { RegisterAISystemInput, RegisterModelInput, RegisterModelVersionInput } from "./inputs.js";
import * as store from "./store.js";
import { AISystem, Model, ModelVersion, ModelVersionStatus, TrainingRun } from "./types.js";

@Resolver(() => AISystem)
export class AISystemResolver {
  @Query(() => AISystem, { nullable: true })
  @RequiresScope("lineage:read")
  aiSystem(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return store.loadSystem(ctx, id);
  }

  @Mutation(() => AISystem)
  @RequiresScope("lineage:write")
  registerAISystem(@Arg("input", () => RegisterAISystemInput) input: RegisterAISystemInput, @Context() ctx: Ctx) {
    return store.registerSystem(ctx, {
      name: v.text("input.name", input.name, v.MAX_NAME),
      version: v.text("input.version", input.version, v.MAX_NAME),
      intendedPurpose: v.text("input.intendedPurpose", input.intendedPurpose),
      providerName: v.text("input.providerName", input.providerName, v.MAX_NAME),
      riskCategory: input.riskCategory,
      annexIIIArea: input.annexIIIArea ?? null,
      providerContact: v.optionalText("input.providerContact", input.providerContact, v.MAX_NAME),
      previousVersionId: input.previousVersionId ?? null,
    });
  }

  @FieldResolver(() => [Model])
  async models(@Root() system: AISystem, @Context() ctx: Ctx) {
    return (await store.modelsOfSystem(ctx, system.id)) ?? [];
  }
}

@Resolver(() => Model)
export class ModelResolver {
  @Mutation(() => Model)
  @RequiresScope("lineage:write")
  registerModel(@Arg("input", () => RegisterModelInput) input: RegisterModelInput, @Context() ctx: Ctx) {
    return store.registerModel(ctx, { systemId: input.systemId, name: v.text("input.name", input.name, v.MAX_NAME) });
  }

  @FieldResolver(() => AISystem)
  system(@Root() model: Model, @Context() ctx: Ctx) {
    return store.loadSystem(ctx, model.systemId);
  }

  @FieldResolver(() => [ModelVersion], { description: "Oldest first; paginated with first (default 50, at most 500) and after (a cursor: the previous page's last `cursor`)" })
  async versions(
    @Root() model: Model,
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return (await store.versionsOfModel(ctx, model.id, first, after)) ?? [];
  }
}

@Resolver(() => ModelVersion)
export class ModelVersionResolver {
  @Query(() => ModelVersion, { nullable: true })
  @RequiresScope("lineage:read")
  modelVersion(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return store.loadModelVersion(ctx, id);
  }

  @Mutation(() => ModelVersion)
  @RequiresScope("lineage:write")
  registerModelVersion(@Arg("input", () => RegisterModelVersionInput) input: RegisterModelVersionInput, @Context() ctx: Ctx) {
    return store.registerModelVersion(ctx, {
      modelId: input.modelId,
      version: v.text("input.version", input.version, v.MAX_NAME),
      artifactDigest: v.digest("input.artifactDigest", input.artifactDigest),
      architecture: v.optionalText("input.architecture", input.architecture),
      designRationale: v.optionalText("input.designRationale", input.designRationale),
      parameterCount: v.nonNegative("input.parameterCount", input.parameterCount),
      optimisationObjective: v.optionalText("input.optimisationObjective", input.optimisationObjective),
      modalities: input.modalities ? v.maxItems("input.modalities", input.modalities, 20).map((m, i) => v.text(`input.modalities[${i}]`, m, 50)) : null,
      licence: v.optionalText("input.licence", input.licence, v.MAX_NAME),
      baseModel: v.optionalText("input.baseModel", input.baseModel, v.MAX_NAME),
    });
  }

  @FieldResolver(() => Model)
  model(@Root() mv: ModelVersion, @Context() ctx: Ctx) {
    return store.loadModel(ctx, mv.modelId);
  }

  @FieldResolver(() => ModelVersionStatus, { description: "Derived from the approvals in force now" })
  status(@Root() mv: ModelVersion, @Context() ctx: Ctx) {
    return store.statusOfModelVersion(ctx, mv.id);
  }

  @FieldResolver(() => String, { description: "Opaque cursor for `versions(after:)`" })
  cursor(@Root() mv: ModelVersion) {
    return createdCursor(mv);
  }

  @FieldResolver(() => TrainingRun, { nullable: true })
  trainingRun(@Root() mv: ModelVersion, @Context() ctx: Ctx) {
    return store.runOfModelVersion(ctx, mv.id);
  }
}
