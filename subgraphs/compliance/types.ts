import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ApprovalDecision } from "../../runtime/domain/approval-decision.js";
import { DateTimeScalar, JSONScalar } from "../../runtime/scalars.js";
import { TRACE_DERIVATION_DEPTH } from "./trace/store.js";

export enum LineageDirection { UPSTREAM = "UPSTREAM", DOWNSTREAM = "DOWNSTREAM", BOTH = "BOTH" }
export enum DriftStatus { OK = "OK", WARN = "WARN", DRIFT = "DRIFT" }
registerEnumType(LineageDirection, { name: "LineageDirection" });
registerEnumType(DriftStatus, { name: "DriftStatus" });

/** A field another subgraph owns that the trace traversal has already read: [name, type, nullable]. */
type External = [field: string, type: () => unknown, nullable?: boolean];

/**
 * References to entities other subgraphs own: compliance returns ids, the owners fill the
 * fields. The `externals` are declared `@external` here and `@provides`d by DecisionTrace, so
 * the gateway takes them from the trace's own answer instead of a second hop to four subgraphs
 * (issue 12); every other field, and these fields on any other path, still come from the owner.
 */
const ref = (name: string, externals: External[] = []) => {
  @ObjectType(name)
  @Directive(`@key(fields: "id", resolvable: false)`)
  class Ref {
    @Field(() => ID) id!: string;
  }
  for (const [field, type, nullable] of externals) {
    Field(type as () => never, { nullable })(Ref.prototype, field);
    Directive("@external")(Ref.prototype, field);
  }
  return Ref;
};
const TRACE_PROVIDES = {
  Decision: [["occurredAt", () => DateTimeScalar], ["output", () => JSONScalar]],
  ModelVersion: [["version", () => String]],
  TrainingRun: [["startedAt", () => DateTimeScalar]],
  DatasetVersion: [["version", () => String], ["provenance", () => String, true]],
  Approval: [["decision", () => ApprovalDecision], ["approver", () => String], ["decidedAt", () => DateTimeScalar]],
  ComputeAllocation: [["gpuHours", () => Float, true]],
  Site: [["country", () => String]],
} satisfies Record<string, External[]>;
const provides = (type: keyof typeof TRACE_PROVIDES) => `@provides(fields: "${TRACE_PROVIDES[type].map(([f]) => f).join(" ")}")`;

export const DecisionRef = ref("Decision", TRACE_PROVIDES.Decision);
export const ModelVersionRef = ref("ModelVersion", TRACE_PROVIDES.ModelVersion);
export const TrainingRunRef = ref("TrainingRun", TRACE_PROVIDES.TrainingRun);
export const DatasetVersionRef = ref("DatasetVersion", TRACE_PROVIDES.DatasetVersion);
export const ApprovalRef = ref("Approval", TRACE_PROVIDES.Approval);
export const ComputeAllocationRef = ref("ComputeAllocation", TRACE_PROVIDES.ComputeAllocation);
export const SiteRef = ref("Site", TRACE_PROVIDES.Site);
export const DeploymentRef = ref("Deployment");
/** An entity reference, with the provided fields when the trace filled them. */
type Ref = { id: string; [provided: string]: unknown };

@ObjectType({ description: "Everything behind one decision, as it stood when the decision was made" })
@Directive("@authenticated")
export class DecisionTrace {
  @Field(() => DecisionRef) @Directive(provides("Decision")) decision!: Ref;
  @Field(() => ModelVersionRef) @Directive(provides("ModelVersion")) modelVersion!: Ref;
  @Field(() => DeploymentRef, { nullable: true }) deployment?: Ref | null;
  @Field(() => TrainingRunRef, { nullable: true }) @Directive(provides("TrainingRun")) trainingRun?: Ref | null;
  @Field(() => [DatasetVersionRef], { description: `Every upstream dataset version, derivations followed up to ${TRACE_DERIVATION_DEPTH} hops (truncated says when the chain goes further)` }) @Directive(provides("DatasetVersion")) datasets!: Ref[];
  @Field(() => [ApprovalRef], { description: "Approvals in force at decision.occurredAt for the model version and its datasets" }) @Directive(provides("Approval")) approvals!: Ref[];
  @Field(() => [ComputeAllocationRef]) @Directive(provides("ComputeAllocation")) compute!: Ref[];
  @Field(() => [SiteRef], { description: "Sites of the training compute and of the deployment" }) @Directive(provides("Site")) sites!: Ref[];
  @Field(() => Boolean, { description: `True when a derivation chain goes beyond the ${TRACE_DERIVATION_DEPTH} hops a trace follows; gaps names where it was cut` }) truncated!: boolean;
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
  @Field(() => String, { nullable: true, description: "OpenLineage namespace of the job (Job, Run) or dataset (Dataset, DatasetVersion, DatasetField) the node belongs to: with `name`, its Marquez REST address (/api/v1/namespaces/{namespace}/jobs|datasets/{name}); null for other nodes" }) namespace?: string | null;
  @Field(() => String, { nullable: true, description: "OpenLineage name of that job or dataset; null for other nodes" }) name?: string | null;
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
