import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { RiskCategory } from "../../runtime/domain/risk-category.js";
import { DateTimeScalar, JSONScalar } from "../../runtime/scalars.js";
export { RiskCategory };

export enum AnnexIIIArea {
  BIOMETRICS = "BIOMETRICS", CRITICAL_INFRASTRUCTURE = "CRITICAL_INFRASTRUCTURE", EDUCATION = "EDUCATION",
  EMPLOYMENT = "EMPLOYMENT", ESSENTIAL_SERVICES = "ESSENTIAL_SERVICES", LAW_ENFORCEMENT = "LAW_ENFORCEMENT",
  MIGRATION = "MIGRATION", JUSTICE_DEMOCRACY = "JUSTICE_DEMOCRACY",
}
export enum ModelVersionStatus { REGISTERED = "REGISTERED", APPROVED = "APPROVED", REJECTED = "REJECTED", REVOKED = "REVOKED" }
export enum DatasetRole { TRAINING = "TRAINING", VALIDATION = "VALIDATION", TEST = "TEST" }
export enum ReviewOutcome { CONFIRMED = "CONFIRMED", OVERRIDDEN = "OVERRIDDEN", ESCALATED = "ESCALATED" }
registerEnumType(DatasetRole, { name: "DatasetRole" });
registerEnumType(ReviewOutcome, { name: "ReviewOutcome", description: "Human review of a decision (Art. 14)" });
registerEnumType(AnnexIIIArea, { name: "AnnexIIIArea" });
registerEnumType(ModelVersionStatus, { name: "ModelVersionStatus" });
/** A training run's numeric precision (Annex XI 1(2)(d); sets the peak rate of the Art. 51(2) FLOPs bound). Values: runtime/domain/flops.ts PRECISIONS. */
export enum TrainingPrecision { FP4 = "FP4", FP8 = "FP8", BF16 = "BF16", FP16 = "FP16", TF32 = "TF32", FP32 = "FP32" }
registerEnumType(TrainingPrecision, { name: "TrainingPrecision", description: "Numeric precision of the training computation (Annex XI 1(2)(d), Art. 51(2), 53(1)(a))" });

/** Entity references owned by other subgraphs: models returns only their ids. */
@ObjectType("DatasetVersion")
@Directive(`@key(fields: "id", resolvable: false)`)
export class DatasetVersionRef {
  @Field(() => ID) id!: string;
}
const DatasetVersionRefType = DatasetVersionRef;

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class AISystem {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) version!: string;
  @Field(() => String) intendedPurpose!: string;
  @Field(() => String) providerName!: string;
  @Field(() => RiskCategory) riskCategory!: RiskCategory;
  @Field(() => AnnexIIIArea, { nullable: true }) annexIIIArea?: AnnexIIIArea | null;
  @Field(() => String, { nullable: true, description: "Provider contact (Annex IV 1(a))" }) providerContact?: string | null;
  @Field(() => String, { nullable: true, description: "Id of the system version this one replaces" }) previousVersionId?: string | null;
  @Field(() => String, { description: "The `sub` of the token that registered it" }) registeredBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class Model {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  systemId!: string;
}

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class ModelVersion {
  @Field(() => ID) id!: string;
  @Field(() => String) version!: string;
  @Field(() => String) artifactDigest!: string;
  @Field(() => String) registeredBy!: string;
  @Field(() => String, { nullable: true }) architecture?: string | null;
  @Field(() => String, { nullable: true, description: "Key design choices and their rationale (Annex IV 2(b))" }) designRationale?: string | null;
  @Field(() => Float, { nullable: true }) parameterCount?: number | null;
  @Field(() => String, { nullable: true, description: "What the training optimises" }) optimisationObjective?: string | null;
  @Field(() => [String], { nullable: true, description: "e.g. text, image, tabular" }) modalities?: string[] | null;
  @Field(() => String, { nullable: true }) licence?: string | null;
  @Field(() => String, { nullable: true, description: "Base model when fine-tuned" }) baseModel?: string | null;
  @Field(() => DateTimeScalar) createdAt!: string;
  modelId!: string;
}

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class TrainingRun {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt?: string | null;
  @Field(() => String, { nullable: true }) codeRevision?: string | null;
  @Field(() => JSONScalar, { nullable: true }) parameters?: unknown;
  @Field(() => String, { nullable: true, description: "Training methodology (Annex IV 2(d))" }) methodology?: string | null;
  @Field(() => TrainingPrecision, { nullable: true, description: "Numeric precision the training ran in; null = not recorded (the FLOPs bound then takes the maximum over precisions, Annex XI 1(2)(d), Art. 51(2))" }) precision?: TrainingPrecision | null;
  modelVersionId!: string;
}

@ObjectType({ description: "A dataset version used by a training run, with its role" })
@Directive("@authenticated")
export class DatasetUse {
  @Field(() => DatasetVersionRefType) datasetVersion!: { id: string };
  @Field(() => DatasetRole) role!: DatasetRole;
}

@ObjectType({ description: "An evaluation figure of a model version (Annex IV 2(g), 3)" })
@Directive("@authenticated")
export class Metric {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Float) value!: number;
  @Field(() => Float, { nullable: true, description: "Acceptance threshold" }) threshold?: number | null;
  @Field(() => Boolean, { nullable: true, description: "Whether value meets threshold (higher is better unless lowerIsBetter)" }) passed?: boolean | null;
  @Field(() => Boolean) lowerIsBetter!: boolean;
  @Field(() => DatasetVersionRefType, { nullable: true, description: "The dataset it was measured on" }) dataset?: { id: string } | null;
  @Field(() => String, { nullable: true, description: "Population subgroup, e.g. age 65+; null = overall" }) subgroup?: string | null;
  @Field(() => String) recordedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}

@ObjectType({ description: "A person's review of a decision (Art. 14 human oversight)" })
@Directive("@authenticated")
export class DecisionReview {
  @Field(() => ID) id!: string;
  @Field(() => ReviewOutcome) outcome!: ReviewOutcome;
  @Field(() => String, { description: "The `sub` of the reviewer" }) reviewer!: string;
  @Field(() => String) note!: string;
  @Field(() => JSONScalar, { nullable: true, description: "The output that replaced the model's, when overridden" }) overrideOutput?: unknown;
  @Field(() => DateTimeScalar) createdAt!: string;
}

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class Deployment {
  @Field(() => ID) id!: string;
  @Field(() => String) environment!: string;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt?: string | null;
  @Field(() => String, { nullable: true, description: "The reference database input data is checked against (Art. 12(3)(b), Annex III 1(a) biometric identification); null = not recorded" }) referenceDatabase?: string | null;
  modelVersionId!: string;
  siteId!: string;
}

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class Decision {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) occurredAt!: string;
  @Field(() => String) inputDigest!: string;
  @Field(() => JSONScalar) output!: unknown;
  @Field(() => Float, { nullable: true }) confidence?: number | null;
  @Field(() => String, { nullable: true }) explanation?: string | null;
  modelVersionId!: string;
  deploymentId?: string | null;
}

@ObjectType()
@Directive("@authenticated")
export class RecordDecisionsPayload {
  @Field(() => Int) accepted!: number;
  @Field(() => Int) duplicates!: number;
}


@ObjectType("Site")
@Directive(`@key(fields: "id", resolvable: false)`)
export class SiteRef {
  @Field(() => ID) id!: string;
}
