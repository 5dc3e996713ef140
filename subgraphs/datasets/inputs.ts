import { Field, ID, InputType, Int } from "type-graphql";

@InputType()
export class RegisterDatasetInput {
  @Field(() => String) name!: string;
}

@InputType()
export class DerivationInput {
  @Field(() => ID) datasetVersionId!: string;
  @Field(() => String) transformation!: string;
}

@InputType()
export class RegisterDatasetVersionInput {
  @Field(() => ID) datasetId!: string;
  @Field(() => String) version!: string;
  @Field(() => String) contentDigest!: string;
  @Field(() => Int, { nullable: true }) rowCount?: number | null;
  @Field(() => String) provenance!: string;
  @Field(() => String, { nullable: true }) collectionMethod?: string | null;
  @Field(() => String, { nullable: true }) legalBasis?: string | null;
  @Field(() => Boolean) containsPersonalData!: boolean;
  @Field(() => String) jurisdiction!: string;
  @Field(() => [DerivationInput], { nullable: true, description: "Direct upstream versions, at most 100" }) derivedFrom?: DerivationInput[] | null;
  @Field(() => String, { nullable: true }) scope?: string | null;
  @Field(() => String, { nullable: true }) characteristics?: string | null;
  @Field(() => String, { nullable: true }) selectionMethod?: string | null;
  @Field(() => String, { nullable: true }) originalPurpose?: string | null;
  @Field(() => String, { nullable: true }) labelling?: string | null;
  @Field(() => String, { nullable: true }) cleaning?: string | null;
  @Field(() => String, { nullable: true }) assumptions?: string | null;
  @Field(() => String, { nullable: true }) biasExamination?: string | null;
  @Field(() => String, { nullable: true }) biasMitigation?: string | null;
  @Field(() => String, { nullable: true }) knownGaps?: string | null;
}
