import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";

export enum DriftStatus { OK = "OK", WARN = "WARN", DRIFT = "DRIFT" }
export enum FeatureKind { NUMERIC = "NUMERIC", CATEGORICAL = "CATEGORICAL" }
registerEnumType(DriftStatus, { name: "DriftStatus" });
registerEnumType(FeatureKind, { name: "FeatureKind" });

@ObjectType({ description: "The thresholds a feature was judged by (defaults or the reference's overrides)" })
export class FeatureThresholds {
  @Field(() => Float, { description: "Numeric: PSI; categorical: Jensen-Shannon distance" }) warn!: number;
  @Field(() => Float) drift!: number;
  @Field(() => Float, { nullable: true, description: "Numeric only: KS statistic" }) ksWarn?: number | null;
  @Field(() => Float, { nullable: true }) ksDrift?: number | null;
}

@ObjectType({ description: "Drift of one feature between the reference and a window" })
export class FeatureDrift {
  @Field(() => String) feature!: string;
  @Field(() => FeatureKind) kind!: FeatureKind;
  @Field(() => Float, { nullable: true, description: "Population Stability Index (empty bins floored at 1e-4); categorical: informational" }) psi?: number | null;
  @Field(() => Float, { nullable: true, description: "Numeric: two-sample KS statistic at the bin edges (a lower bound of the raw-sample statistic)" }) ks?: number | null;
  @Field(() => Float, { nullable: true, description: "Asymptotic p-value of ks (effective n = n*m/(n+m)); context only, not used for the status" }) ksPValue?: number | null;
  @Field(() => Float, { nullable: true, description: "Categorical: Jensen-Shannon distance, base 2, in [0, 1]" }) jensenShannon?: number | null;
  @Field(() => DriftStatus) status!: DriftStatus;
  @Field(() => Int) referenceCount!: number;
  @Field(() => Int) liveCount!: number;
  @Field(() => Int, { nullable: true, description: "Raw values outside the reference's bin range (counted in the outer bins)" }) outOfRange?: number | null;
  @Field(() => [String], { nullable: true, description: "Categories seen in the window but not in the reference" }) newCategories?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Reference categories absent from the window" }) missingCategories?: string[] | null;
  @Field(() => Float, { nullable: true }) referenceMean?: number | null;
  @Field(() => Float, { nullable: true }) liveMean?: number | null;
  @Field(() => FeatureThresholds) thresholds!: FeatureThresholds;
}

@ObjectType({ description: "One attempt to deliver a drift event to the configured webhook" })
export class WebhookDelivery {
  @Field(() => ID) id!: string;
  @Field(() => Int) attempt!: number;
  @Field(() => String, { description: "DELIVERED, RETRYING (another attempt follows) or FAILED (the last attempt failed)" }) status!: string;
  @Field(() => Int, { nullable: true, description: "HTTP status of the receiver; null when it could not be reached" }) httpStatus?: number | null;
  @Field(() => String, { nullable: true }) error?: string | null;
  @Field(() => DateTimeScalar) at!: string;
}

/* Entities other subgraphs own. Deployment is extended here with its drift over time. */
@ObjectType("Deployment")
@Directive(`@key(fields: "id")`)
export class DeploymentDrift {
  @Field(() => ID) id!: string;
}

@ObjectType("ModelVersion")
@Directive(`@key(fields: "id", resolvable: false)`)
export class ModelVersionRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: "A deployment's drift status in one window" })
export class DriftPoint {
  @Field(() => DateTimeScalar) windowStart!: string;
  @Field(() => DateTimeScalar) windowEnd!: string;
  @Field(() => DriftStatus) status!: DriftStatus;
  @Field(() => ID) reportId!: string;
}

@ObjectType({ description: "Drift of a deployment's inputs in a time window, against the reference profile of the deployed model version's training data (Art. 72 post-market monitoring)" })
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class DriftReport {
  @Field(() => ID) id!: string;
  @Field(() => DriftStatus, { description: "The worst feature's status" }) status!: DriftStatus;
  @Field(() => [FeatureDrift]) features!: FeatureDrift[];
  @Field(() => DateTimeScalar, { description: "Inclusive" }) windowStart!: string;
  @Field(() => DateTimeScalar, { description: "Exclusive" }) windowEnd!: string;
  @Field(() => [String], { description: "Reference features the window did not measure" }) unmeasuredFeatures!: string[];
  @Field(() => ID, { description: "The reference profile compared with" }) referenceProfileId!: string;
  @Field(() => String, { description: "The `sub` of the token that submitted the window" }) submittedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
  deploymentId!: string;
  modelVersionId!: string;
  referenceDatasetVersionId!: string;
}
