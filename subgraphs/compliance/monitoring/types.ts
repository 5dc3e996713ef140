import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";

/** Where a measurement of performance in use comes from (Art. 72(2)): never input drift. */
export enum PerformanceSource { RECORDED_OUTCOMES = "RECORDED_OUTCOMES", DEPLOYER_FEEDBACK = "DEPLOYER_FEEDBACK" }
registerEnumType(PerformanceSource, { name: "PerformanceSource", description: "Art. 72(2): outcomes recorded after the decisions (ground truth), or data the deployer provided" });

@InputType({ description: "The performance of a deployment in use over one window, measured on recorded outcomes or deployer feedback, for one declared metric (Art. 72(2), 15(3))" })
export class PerformanceInUseInput {
  @Field(() => ID) deploymentId!: string;
  @Field(() => String, { description: "A metric declared for the deployed model version (recordMetrics), e.g. AUC" }) metric!: string;
  @Field(() => String, { nullable: true, description: "The subgroup measured; null = the whole population" }) subgroup?: string | null;
  @Field(() => DateTimeScalar) windowStart!: string;
  @Field(() => DateTimeScalar) windowEnd!: string;
  @Field(() => Float) value!: number;
  @Field(() => Int, { description: "Outcomes (or feedback items) the value was computed on" }) sampleSize!: number;
  @Field(() => PerformanceSource) source!: PerformanceSource;
  @Field(() => String, { description: "Where the outcomes or feedback are kept (dataset, report or ticket reference)" }) reference!: string;
  @Field(() => String, { nullable: true, description: '"sha256:<hex>" of the outcomes or feedback data' }) digest?: string | null;
}

@ObjectType({ description: "One measurement of performance in use against the declared metric (Art. 72(2)); threshold and pass as declared when it was recorded" })
export class PerformanceInUse {
  @Field(() => ID) id!: string;
  @Field(() => ID) deploymentId!: string;
  @Field(() => ID) modelVersionId!: string;
  @Field(() => String) metric!: string;
  @Field(() => String, { nullable: true }) subgroup?: string | null;
  @Field(() => DateTimeScalar) windowStart!: string;
  @Field(() => DateTimeScalar) windowEnd!: string;
  @Field(() => Float) value!: number;
  @Field(() => Int) sampleSize!: number;
  @Field(() => PerformanceSource) source!: PerformanceSource;
  @Field(() => String) reference!: string;
  @Field(() => String, { nullable: true }) digest?: string | null;
  @Field(() => ID, { description: "The declared Metric compared with (the subgroup's, else the overall one)" }) declaredMetricId!: string;
  @Field(() => Float, { nullable: true, description: "The declared threshold; null when the declared metric has none" }) threshold?: number | null;
  @Field(() => Boolean, { nullable: true, description: "Whether the value meets the declared threshold; null without one" }) passed?: boolean | null;
  @Field(() => String, { description: "The `sub` of the token that recorded it" }) recordedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}
