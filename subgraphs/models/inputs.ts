import { Field, Float, ID, InputType } from "type-graphql";
import { DateTimeScalar, JSONScalar } from "../../runtime/scalars.js";
import { AnnexIIIArea, DatasetRole, ReviewOutcome, RiskCategory, TrainingPrecision } from "./types.js";

@InputType()
export class RegisterAISystemInput {
  @Field(() => String) name!: string;
  @Field(() => String) version!: string;
  @Field(() => String) intendedPurpose!: string;
  @Field(() => String) providerName!: string;
  @Field(() => RiskCategory) riskCategory!: RiskCategory;
  @Field(() => AnnexIIIArea, { nullable: true }) annexIIIArea?: AnnexIIIArea | null;
  @Field(() => String, { nullable: true }) providerContact?: string | null;
  @Field(() => ID, { nullable: true, description: "The system version this one replaces" }) previousVersionId?: string | null;
}

@InputType()
export class RegisterModelInput {
  @Field(() => ID) systemId!: string;
  @Field(() => String) name!: string;
}

@InputType()
export class RegisterModelVersionInput {
  @Field(() => ID) modelId!: string;
  @Field(() => String) version!: string;
  @Field(() => String) artifactDigest!: string;
  @Field(() => String, { nullable: true }) architecture?: string | null;
  @Field(() => String, { nullable: true }) designRationale?: string | null;
  @Field(() => Float, { nullable: true }) parameterCount?: number | null;
  @Field(() => String, { nullable: true }) optimisationObjective?: string | null;
  @Field(() => [String], { nullable: true }) modalities?: string[] | null;
  @Field(() => String, { nullable: true }) licence?: string | null;
  @Field(() => String, { nullable: true }) baseModel?: string | null;
}

@InputType({ description: "A dataset version used by a run with its role" })
export class DatasetUseInput {
  @Field(() => ID) datasetVersionId!: string;
  @Field(() => DatasetRole) role!: DatasetRole;
}

@InputType()
export class MetricInput {
  @Field(() => String) name!: string;
  @Field(() => Float) value!: number;
  @Field(() => Float, { nullable: true }) threshold?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) lowerIsBetter?: boolean;
  @Field(() => ID, { nullable: true }) datasetVersionId?: string | null;
  @Field(() => String, { nullable: true }) subgroup?: string | null;
}

@InputType()
export class RecordDecisionReviewInput {
  @Field(() => ID) decisionId!: string;
  @Field(() => ReviewOutcome) outcome!: ReviewOutcome;
  @Field(() => String) note!: string;
  @Field(() => JSONScalar, { nullable: true }) overrideOutput?: unknown;
}

@InputType()
export class RecordTrainingRunInput {
  @Field(() => ID) modelVersionId!: string;
  @Field(() => [ID], { description: "Training datasets; use `datasets` to give validation and test sets their roles" }) datasetVersionIds!: string[];
  @Field(() => [DatasetUseInput], { nullable: true }) datasets?: DatasetUseInput[] | null;
  @Field(() => String, { nullable: true }) methodology?: string | null;
  @Field(() => [ID], { nullable: true }) computeAllocationIds?: string[] | null;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt?: string | null;
  @Field(() => String, { nullable: true }) codeRevision?: string | null;
  @Field(() => JSONScalar, { nullable: true }) parameters?: unknown;
  @Field(() => TrainingPrecision, { nullable: true, description: "Numeric precision of the training (Annex XI 1(2)(d)); used by the Art. 51(2) FLOPs bound" }) precision?: TrainingPrecision | null;
}

@InputType()
export class RecordDeploymentInput {
  @Field(() => ID) modelVersionId!: string;
  @Field(() => ID) siteId!: string;
  @Field(() => String) environment!: string;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => String, { nullable: true, description: "The reference database input data is checked against (Art. 12(3)(b), for Annex III 1(a) remote biometric identification)" }) referenceDatabase?: string | null;
}

@InputType()
export class DecisionInput {
  @Field(() => ID) id!: string;
  @Field(() => ID) modelVersionId!: string;
  @Field(() => ID, { nullable: true }) deploymentId?: string | null;
  @Field(() => DateTimeScalar) occurredAt!: string;
  @Field(() => String) inputDigest!: string;
  @Field(() => JSONScalar) output!: unknown;
  @Field(() => Float, { nullable: true }) confidence?: number | null;
  @Field(() => String, { nullable: true }) explanation?: string | null;
}
