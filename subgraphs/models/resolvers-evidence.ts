import { Arg, Ctx as Context, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../runtime/context.js";
import { badInput } from "../../runtime/errors.js";
import { encodeCursor } from "../../runtime/cursor.js";
import { RequiresScope } from "../../runtime/scopes.js";
import * as v from "../../runtime/validate.js";
import { decisionsOf, metricsOf, recordMetrics, recordReview, reviewsOf } from "./evidence.js";
import { MetricInput, RecordDecisionReviewInput } from "./inputs.js";
import { Decision, DecisionReview, Metric, ModelVersion } from "./types.js";

@Resolver(() => ModelVersion)
export class ModelVersionEvidenceResolver {
  @Mutation(() => [Metric], { description: "Records evaluation metrics (accuracy, robustness, per subgroup...) of a model version" })
  @RequiresScope("lineage:write")
  recordMetrics(
    @Arg("modelVersionId", () => ID) modelVersionId: string,
    @Arg("metrics", () => [MetricInput]) metrics: MetricInput[],
    @Context() ctx: Ctx,
  ) {
    v.maxItems("metrics", metrics, 500);
    return recordMetrics(
      ctx,
      modelVersionId,
      metrics.map((m, i) => {
        if (!Number.isFinite(m.value)) throw badInput(`metrics[${i}].value`, "must be a finite number");
        return {
          name: v.text(`metrics[${i}].name`, m.name, v.MAX_NAME),
          value: m.value,
          threshold: m.threshold ?? null,
          lowerIsBetter: m.lowerIsBetter ?? false,
          datasetVersionId: m.datasetVersionId ?? null,
          subgroup: v.optionalText(`metrics[${i}].subgroup`, m.subgroup, v.MAX_NAME),
        };
      }),
    );
  }

  @FieldResolver(() => [Metric])
  metrics(@Root() mv: ModelVersion, @Context() ctx: Ctx) {
    return metricsOf(ctx, mv.id);
  }

  @FieldResolver(() => [Decision], { description: "Newest first; paginated with first (default 50, at most 500) and after (a decision's `cursor`)" })
  decisions(
    @Root() mv: ModelVersion,
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return decisionsOf(ctx, mv.id, first, after);
  }
}

@Resolver(() => Decision)
export class DecisionEvidenceResolver {
  @Mutation(() => DecisionReview, { description: "Records a person's review of a decision: confirmed, overridden or escalated (Art. 14)" })
  @RequiresScope("lineage:write")
  recordDecisionReview(@Arg("input", () => RecordDecisionReviewInput) input: RecordDecisionReviewInput, @Context() ctx: Ctx) {
    return recordReview(ctx, {
      decisionId: input.decisionId,
      outcome: input.outcome,
      note: v.text("input.note", input.note),
      overrideOutput: input.overrideOutput ?? null,
    });
  }

  @FieldResolver(() => [DecisionReview], { description: "Human reviews, oldest first" })
  reviews(@Root() d: Decision, @Context() ctx: Ctx) {
    return reviewsOf(ctx, d.id);
  }

  @FieldResolver(() => String, { description: "Opaque cursor for `ModelVersion.decisions(after:)`" })
  cursor(@Root() d: Decision) {
    return encodeCursor([d.occurredAt, d.id]);
  }
}
