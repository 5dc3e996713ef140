import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../runtime/scalars.js";

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class Dataset {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: "The `sub` of the token that registered it" }) registeredBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}

/** A dataset version with the data-governance facts of Annex IV 2(d) and Art. 10. */
@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class DatasetVersion {
  @Field(() => ID) id!: string;
  @Field(() => String) version!: string;
  @Field(() => String, { nullable: true, description: '"sha256:<64 hex>"; null: not recorded (e.g. a dataset version reported through OpenLineage)' }) contentDigest!: string | null;
  @Field(() => Int, { nullable: true, description: "Number of data points" }) rowCount?: number | null;
  @Field(() => String, { nullable: true, description: "Where the data came from; null: not recorded (e.g. a dataset version reported through OpenLineage)" }) provenance!: string | null;
  @Field(() => String, { nullable: true }) collectionMethod?: string | null;
  @Field(() => String, { nullable: true }) legalBasis?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Null: not recorded (e.g. a dataset version reported through OpenLineage)" }) containsPersonalData!: boolean | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, or "EU"; null: not recorded (e.g. a dataset version reported through OpenLineage)' }) jurisdiction!: string | null;
  @Field(() => String, { nullable: true, description: "What the data covers" }) scope?: string | null;
  @Field(() => String, { nullable: true, description: "Main characteristics" }) characteristics?: string | null;
  @Field(() => String, { nullable: true, description: "How the data was obtained and selected" }) selectionMethod?: string | null;
  @Field(() => String, { nullable: true, description: "Original purpose of collection, if personal data" }) originalPurpose?: string | null;
  @Field(() => String, { nullable: true }) labelling?: string | null;
  @Field(() => String, { nullable: true }) cleaning?: string | null;
  @Field(() => String, { nullable: true, description: "What the data is assumed to measure and represent" }) assumptions?: string | null;
  @Field(() => String, { nullable: true, description: "How possible biases were examined (Art. 10(2)(f))" }) biasExamination?: string | null;
  @Field(() => String, { nullable: true, description: "Measures to detect, prevent and mitigate biases (Art. 10(2)(g))" }) biasMitigation?: string | null;
  @Field(() => String, { nullable: true, description: "Known data gaps or shortcomings (Art. 10(2)(h))" }) knownGaps?: string | null;
  @Field(() => String, { description: "The `sub` of the token that registered it" }) registeredBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
  datasetId!: string;
}

/** One edge of a derivation: the upstream version and what was done to it. */
@ObjectType()
@Directive("@authenticated")
export class Derivation {
  @Field(() => DatasetVersion) from!: DatasetVersion;
  @Field(() => String) transformation!: string;
}
