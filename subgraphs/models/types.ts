import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar, JSONScalar } from "../../runtime/scalars.js";

export enum RiskCategory { PROHIBITED = "PROHIBITED", HIGH = "HIGH", LIMITED = "LIMITED", MINIMAL = "MINIMAL" }
export enum AnnexIIIArea {
  BIOMETRICS = "BIOMETRICS", CRITICAL_INFRASTRUCTURE = "CRITICAL_INFRASTRUCTURE", EDUCATION = "EDUCATION",
  EMPLOYMENT = "EMPLOYMENT", ESSENTIAL_SERVICES = "ESSENTIAL_SERVICES", LAW_ENFORCEMENT = "LAW_ENFORCEMENT",
  MIGRATION = "MIGRATION", JUSTICE_DEMOCRACY = "JUSTICE_DEMOCRACY",
}
export enum ModelVersionStatus { REGISTERED = "REGISTERED", APPROVED = "APPROVED", REJECTED = "REJECTED", REVOKED = "REVOKED" }
registerEnumType(RiskCategory, { name: "RiskCategory" });
registerEnumType(AnnexIIIArea, { name: "AnnexIIIArea" });
registerEnumType(ModelVersionStatus, { name: "ModelVersionStatus" });

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
  modelVersionId!: string;
}

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class Deployment {
  @Field(() => ID) id!: string;
  @Field(() => String) environment!: string;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt?: string | null;
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
export class RecordDecisionsPayload {
  @Field(() => Int) accepted!: number;
  @Field(() => Int) duplicates!: number;
}

/** Entity references owned by other subgraphs: models returns only their ids. */
@ObjectType("DatasetVersion")
@Directive(`@key(fields: "id", resolvable: false)`)
export class DatasetVersionRef {
  @Field(() => ID) id!: string;
}

@ObjectType("Site")
@Directive(`@key(fields: "id", resolvable: false)`)
export class SiteRef {
  @Field(() => ID) id!: string;
}
