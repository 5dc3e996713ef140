import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";

@ObjectType({ description: "A numeric feature of a reference profile, with the thresholds it is judged by (null = default)" })
export class NumericFeatureProfile {
  @Field(() => String) name!: string;
  @Field(() => [Float]) binEdges!: number[];
  @Field(() => [Int]) counts!: number[];
  @Field(() => Float, { nullable: true }) mean?: number | null;
  @Field(() => Float, { nullable: true }) std?: number | null;
  @Field(() => Float, { nullable: true }) min?: number | null;
  @Field(() => Float, { nullable: true }) max?: number | null;
  @Field(() => Float, { nullable: true, description: "PSI WARN override" }) warn?: number | null;
  @Field(() => Float, { nullable: true, description: "PSI DRIFT override" }) drift?: number | null;
  @Field(() => Float, { nullable: true, description: "KS WARN override" }) ksWarn?: number | null;
  @Field(() => Float, { nullable: true, description: "KS DRIFT override" }) ksDrift?: number | null;
}

@ObjectType({ description: "A categorical feature of a reference profile" })
export class CategoricalFeatureProfile {
  @Field(() => String) name!: string;
  @Field(() => [String]) categories!: string[];
  @Field(() => [Int]) counts!: number[];
  @Field(() => Float, { nullable: true, description: "Jensen-Shannon WARN override" }) warn?: number | null;
  @Field(() => Float, { nullable: true, description: "Jensen-Shannon DRIFT override" }) drift?: number | null;
}

@ObjectType({ description: "The feature distributions of a dataset version that production windows are compared with; append-only, the latest is in force" })
export class FeatureProfile {
  @Field(() => ID) id!: string;
  @Field(() => ID) datasetVersionId!: string;
  @Field(() => [NumericFeatureProfile]) numeric!: NumericFeatureProfile[];
  @Field(() => [CategoricalFeatureProfile]) categorical!: CategoricalFeatureProfile[];
  @Field(() => String, { description: '"sha256:<hex>" of the canonical JSON of the profile' }) digest!: string;
  @Field(() => String, { description: "The `sub` of the token that set it" }) setBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}
