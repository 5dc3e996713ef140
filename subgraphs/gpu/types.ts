import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../runtime/scalars.js";

export enum SiteKind { ON_PREM = "ON_PREM", CLOUD = "CLOUD", COLOCATION = "COLOCATION" }
registerEnumType(SiteKind, { name: "SiteKind" });

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class Site {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: "ISO 3166-1 alpha-2" }) country!: string;
  @Field(() => String, { nullable: true, description: 'e.g. "EU"' }) sovereigntyZone?: string | null;
  @Field(() => SiteKind) kind!: SiteKind;
  @Field(() => String, { nullable: true }) operator?: string | null;
  @Field(() => DateTimeScalar) createdAt!: string;
}

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class GpuCluster {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) gpuModel!: string;
  @Field(() => Int) gpuCount!: number;
  @Field(() => DateTimeScalar) createdAt!: string;
  siteId!: string;
}

@ObjectType()
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class ComputeAllocation {
  @Field(() => ID) id!: string;
  @Field(() => Int) gpuCount!: number;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt?: string | null;
  @Field(() => Float, { nullable: true, description: "Given, else gpuCount x hours between startedAt and endedAt" }) gpuHours?: number | null;
  @Field(() => Float, { nullable: true }) energyKWh?: number | null;
  @Field(() => DateTimeScalar) createdAt!: string;
  clusterId!: string;
}

@InputType()
export class RegisterSiteInput {
  @Field(() => String) name!: string;
  @Field(() => String) country!: string;
  @Field(() => String, { nullable: true }) sovereigntyZone?: string | null;
  @Field(() => SiteKind) kind!: SiteKind;
  @Field(() => String, { nullable: true }) operator?: string | null;
}

@InputType()
export class RegisterGpuClusterInput {
  @Field(() => ID) siteId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) gpuModel!: string;
  @Field(() => Int) gpuCount!: number;
}

@InputType()
export class RecordComputeAllocationInput {
  @Field(() => ID) clusterId!: string;
  @Field(() => Int) gpuCount!: number;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt?: string | null;
  @Field(() => Float, { nullable: true }) gpuHours?: number | null;
  @Field(() => Float, { nullable: true }) energyKWh?: number | null;
}

/** The gpu subgraph's fields on the models subgraph's TrainingRun. */
@ObjectType("TrainingRun")
@Directive(`@key(fields: "id")`)
export class TrainingRunCompute {
  @Field(() => ID) id!: string;
}
