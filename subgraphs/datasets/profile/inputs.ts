import { Field, Float, InputType, Int } from "type-graphql";

@InputType({ description: "A numeric feature as a histogram: counts.length == binEdges.length - 1; bin i is [binEdges[i], binEdges[i+1]), the last bin also holds its upper edge" })
export class NumericFeatureInput {
  @Field(() => String) name!: string;
  @Field(() => [Float], { description: "Strictly increasing, finite; a window's edges must equal its reference's" }) binEdges!: number[];
  @Field(() => [Int], { description: "Observations per bin, non-negative" }) counts!: number[];
  @Field(() => Float, { nullable: true, description: "Summary statistics, reported next to the drift figures" }) mean?: number | null;
  @Field(() => Float, { nullable: true }) std?: number | null;
  @Field(() => Float, { nullable: true }) min?: number | null;
  @Field(() => Float, { nullable: true }) max?: number | null;
  @Field(() => Float, { nullable: true, description: "Reference only: PSI from which the feature is WARN (default 0.1)" }) warn?: number | null;
  @Field(() => Float, { nullable: true, description: "Reference only: PSI from which the feature is DRIFT (default 0.25)" }) drift?: number | null;
  @Field(() => Float, { nullable: true, description: "Reference only: KS statistic from which the feature is WARN (default 0.1)" }) ksWarn?: number | null;
  @Field(() => Float, { nullable: true, description: "Reference only: KS statistic from which the feature is DRIFT (default 0.2)" }) ksDrift?: number | null;
}

@InputType({ description: "A categorical feature as counts per category (counts.length == categories.length)" })
export class CategoricalFeatureInput {
  @Field(() => String) name!: string;
  @Field(() => [String], { description: "Distinct; a window may name categories the reference lacks, and omit some it has" }) categories!: string[];
  @Field(() => [Int]) counts!: number[];
  @Field(() => Float, { nullable: true, description: "Reference only: Jensen-Shannon distance from which the feature is WARN (default 0.1)" }) warn?: number | null;
  @Field(() => Float, { nullable: true, description: "Reference only: Jensen-Shannon distance from which the feature is DRIFT (default 0.2)" }) drift?: number | null;
}

@InputType({ description: "Raw values of a numeric feature in a window; the service bins them against the reference's edges" })
export class NumericSamplesInput {
  @Field(() => String) name!: string;
  @Field(() => [Float]) values!: number[];
}

@InputType()
export class FeatureProfileInput {
  @Field(() => [NumericFeatureInput], { nullable: true }) numeric?: NumericFeatureInput[] | null;
  @Field(() => [CategoricalFeatureInput], { nullable: true }) categorical?: CategoricalFeatureInput[] | null;
  @Field(() => [NumericSamplesInput], { nullable: true, description: "Windows only (submitFeatureProfile): numeric features as raw values" })
  numericSamples?: NumericSamplesInput[] | null;
}
