import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum LineageDirection { UPSTREAM = "UPSTREAM", DOWNSTREAM = "DOWNSTREAM", BOTH = "BOTH" }
export enum DriftStatus { OK = "OK", WARN = "WARN", DRIFT = "DRIFT" }
registerEnumType(LineageDirection, { name: "LineageDirection" });
registerEnumType(DriftStatus, { name: "DriftStatus" });

/** References to entities other subgraphs own: compliance returns ids, the owners fill the fields. */
const ref = (name: string) => {
  @ObjectType(name)
  @Directive(`@key(fields: "id", resolvable: false)`)
  class Ref {
    @Field(() => ID) id!: string;
  }
  return Ref;
};
export const DecisionRef = ref("Decision");
export const ModelVersionRef = ref("ModelVersion");
export const TrainingRunRef = ref("TrainingRun");
export const DatasetVersionRef = ref("DatasetVersion");
export const ApprovalRef = ref("Approval");
export const ComputeAllocationRef = ref("ComputeAllocation");
export const SiteRef = ref("Site");
export const DeploymentRef = ref("Deployment");
type Ref = { id: string };

@ObjectType({ description: "Everything behind one decision, as it stood when the decision was made" })
@Directive("@authenticated")
export class DecisionTrace {
  @Field(() => DecisionRef) decision!: Ref;
  @Field(() => ModelVersionRef) modelVersion!: Ref;
  @Field(() => DeploymentRef, { nullable: true }) deployment?: Ref | null;
  @Field(() => TrainingRunRef, { nullable: true }) trainingRun?: Ref | null;
  @Field(() => [DatasetVersionRef], { description: "Every upstream dataset version, derivations followed to the end" }) datasets!: Ref[];
  @Field(() => [ApprovalRef], { description: "Approvals in force at decision.occurredAt for the model version and its datasets" }) approvals!: Ref[];
  @Field(() => [ComputeAllocationRef]) compute!: Ref[];
  @Field(() => [SiteRef], { description: "Sites of the training compute and of the deployment" }) sites!: Ref[];
  @Field(() => Boolean, { description: "False when any link the AI Act expects is missing" }) complete!: boolean;
  @Field(() => [String], { description: "Human-readable list of what is missing" }) gaps!: string[];
  @Field(() => DriftStatus, { nullable: true, description: "The deployment's drift in the window of the decision; null when never measured" }) driftStatus?: DriftStatus | null;
}

@ObjectType()
@Directive("@authenticated")
export class LineageNode {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: "The node's type: AISystem, Model, ModelVersion, TrainingRun, DatasetVersion, Decision, ..." }) kind!: string;
  @Field(() => String, { description: "A short human-readable label for drawing" }) label!: string;
  @Field(() => Int, { description: "Hops from the start node" }) distance!: number;
}

@ObjectType()
@Directive("@authenticated")
export class LineageEdge {
  @Field(() => ID) from!: string;
  @Field(() => ID) to!: string;
  @Field(() => String, { description: "Relationship type; edges point from the dependent to what it depends on" }) type!: string;
  @Field(() => String, { nullable: true, description: "Transformation of a derivation, role of a dataset in a run" }) detail?: string | null;
}

@ObjectType()
@Directive("@authenticated")
export class LineageGraph {
  @Field(() => [LineageNode]) nodes!: LineageNode[];
  @Field(() => [LineageEdge]) edges!: LineageEdge[];
  @Field(() => Boolean, { description: "True exactly when the depth limit (or the node / edge limit) cut something off" }) truncated!: boolean;
}

@ObjectType()
@Directive("@authenticated")
export class SiteDecisionCount {
  @Field(() => SiteRef, { nullable: true, description: "Null for decisions recorded without a deployment" }) site?: Ref | null;
  @Field(() => Int) decisionCount!: number;
}

@ObjectType({ description: "Everything downstream of a dataset version" })
@Directive("@authenticated")
export class ImpactReport {
  @Field(() => [DatasetVersionRef], { description: "Derived downstream" }) datasetVersions!: Ref[];
  @Field(() => [TrainingRunRef]) trainingRuns!: Ref[];
  @Field(() => [ModelVersionRef]) modelVersions!: Ref[];
  @Field(() => [DeploymentRef]) deployments!: Ref[];
  @Field(() => Int) decisionCount!: number;
  @Field(() => [SiteDecisionCount], { description: "Decisions of affected model versions, by deployment site" }) decisionsBySite!: SiteDecisionCount[];
  @Field(() => [ApprovalRef], { description: "Approvals in force now that rest on this data" }) approvals!: Ref[];
}
