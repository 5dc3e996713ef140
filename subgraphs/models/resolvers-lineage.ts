import { Arg, Ctx as Context, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../runtime/context.js";
import { badInput } from "../../runtime/errors.js";
import { DateTimeScalar } from "../../runtime/scalars.js";
import { RequiresScope } from "../../runtime/scopes.js";
import * as v from "../../runtime/validate.js";
import { decisionRows, MAX_DECISIONS_PER_CALL, recordDecisions } from "./decisions.js";
import { DecisionInput, RecordDeploymentInput, RecordTrainingRunInput } from "./inputs.js";
import * as store from "./store.js";
import { DatasetUse, DatasetVersionRef, Decision, Deployment, ModelVersion, RecordDecisionsPayload, SiteRef, TrainingRun } from "./types.js";

@Resolver(() => TrainingRun)
export class TrainingRunResolver {
  @Mutation(() => TrainingRun)
  @RequiresScope("lineage:write")
  recordTrainingRun(@Arg("input", () => RecordTrainingRunInput) input: RecordTrainingRunInput, @Context() ctx: Ctx) {
    v.ordered("input.endedAt", input.startedAt, input.endedAt);
    v.maxItems("input.datasetVersionIds", input.datasetVersionIds, 1000);
    v.maxItems("input.datasets", input.datasets ?? [], 1000);
    const roles = new Map<string, string>(input.datasetVersionIds.map((id) => [id, "TRAINING"]));
    for (const d of input.datasets ?? []) roles.set(d.datasetVersionId, d.role);
    if (roles.size === 0) throw badInput("input.datasetVersionIds", "a training run needs at least one dataset version");
    return store.recordTrainingRun(ctx, {
      modelVersionId: input.modelVersionId,
      datasets: [...roles].map(([id, role]) => ({ id, role })),
      methodology: v.optionalText("input.methodology", input.methodology),
      computeAllocationIds: [...new Set(v.maxItems("input.computeAllocationIds", input.computeAllocationIds ?? [], 1000))],
      startedAt: input.startedAt,
      endedAt: input.endedAt ?? null,
      codeRevision: v.optionalText("input.codeRevision", input.codeRevision, v.MAX_NAME),
      parameters: input.parameters ?? null,
      precision: input.precision ?? null,
    });
  }

  @FieldResolver(() => ModelVersion)
  modelVersion(@Root() run: TrainingRun, @Context() ctx: Ctx) {
    return store.loadModelVersion(ctx, run.modelVersionId);
  }

  @FieldResolver(() => [DatasetVersionRef], { description: "The dataset versions it trained / validated / tested on" })
  async inputs(@Root() run: TrainingRun, @Context() ctx: Ctx) {
    return ((await store.inputsOfRun(ctx, run.id)) ?? []).map((d) => ({ id: d.id }));
  }

  @FieldResolver(() => [DatasetUse], { description: "The same dataset versions with their role: training, validation or test" })
  async datasets(@Root() run: TrainingRun, @Context() ctx: Ctx) {
    return ((await store.inputsOfRun(ctx, run.id)) ?? []).map((d) => ({ datasetVersion: { id: d.id }, role: d.role }));
  }
}

@Resolver(() => Deployment)
export class DeploymentResolver {
  @Mutation(() => Deployment)
  @RequiresScope("lineage:write")
  recordDeployment(@Arg("input", () => RecordDeploymentInput) input: RecordDeploymentInput, @Context() ctx: Ctx) {
    return store.recordDeployment(ctx, {
      modelVersionId: input.modelVersionId,
      siteId: input.siteId,
      environment: v.text("input.environment", input.environment, v.MAX_NAME),
      startedAt: input.startedAt,
      referenceDatabase: v.optionalText("input.referenceDatabase", input.referenceDatabase, v.MAX_NAME),
    });
  }

  @Mutation(() => Deployment, { description: "Ends a deployment's period of use (Art. 12(3)(a), 26(6)); the same end again is a no-op, another one a CONFLICT" })
  @RequiresScope("lineage:write")
  endDeployment(@Arg("deploymentId", () => ID) deploymentId: string, @Arg("endedAt", () => DateTimeScalar) endedAt: string, @Context() ctx: Ctx) {
    if (Date.parse(endedAt) > Date.now() + 5 * 60_000) throw badInput("endedAt", "must not be in the future");
    return store.endDeployment(ctx, deploymentId, endedAt);
  }

  @FieldResolver(() => ModelVersion)
  modelVersion(@Root() d: Deployment, @Context() ctx: Ctx) {
    return store.loadModelVersion(ctx, d.modelVersionId);
  }

  @FieldResolver(() => SiteRef)
  site(@Root() d: Deployment) {
    return { id: d.siteId };
  }
}

@Resolver(() => Decision)
export class DecisionResolver {
  @Query(() => Decision, { nullable: true })
  @RequiresScope("lineage:read")
  decision(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return store.loadDecision(ctx, id);
  }

  @Mutation(() => RecordDecisionsPayload, { description: `Up to ${MAX_DECISIONS_PER_CALL} decisions; idempotent by decision id` })
  @RequiresScope("lineage:write")
  recordDecisions(@Arg("decisions", () => [DecisionInput]) decisions: DecisionInput[], @Context() ctx: Ctx) {
    const rows = decisionRows(decisions, (i) => `decisions[${i}]`);
    return recordDecisions(ctx, rows).then((r) => ({ ...r, duplicates: r.duplicates + decisions.length - rows.length }));
  }

  @FieldResolver(() => ModelVersion)
  modelVersion(@Root() d: Decision, @Context() ctx: Ctx) {
    return store.loadModelVersion(ctx, d.modelVersionId);
  }

  @FieldResolver(() => Deployment, { nullable: true })
  deployment(@Root() d: Decision, @Context() ctx: Ctx) {
    return d.deploymentId ? store.loadDeployment(ctx, d.deploymentId) : null;
  }
}
