import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ApprovalDecision } from "../../runtime/domain/approval-decision.js";
import { DateTimeScalar } from "../../runtime/scalars.js";

export { ApprovalDecision };

export enum ApprovalSubjectType { MODEL_VERSION = "MODEL_VERSION", DATASET_VERSION = "DATASET_VERSION", DEPLOYMENT = "DEPLOYMENT" }
export enum RiskSubjectType { AI_SYSTEM = "AI_SYSTEM", MODEL_VERSION = "MODEL_VERSION" }
registerEnumType(ApprovalSubjectType, { name: "ApprovalSubjectType" });
registerEnumType(RiskSubjectType, { name: "RiskSubjectType" });

@ObjectType({ description: "A signed decision on a model version, dataset version or deployment; later decisions supersede earlier ones" })
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class Approval {
  @Field(() => ID) id!: string;
  @Field(() => ID) subjectId!: string;
  @Field(() => ApprovalSubjectType) subjectType!: ApprovalSubjectType;
  @Field(() => ApprovalDecision) decision!: ApprovalDecision;
  @Field(() => String, { description: "The `sub` of the approver's token" }) approver!: string;
  @Field(() => String) rationale!: string;
  @Field(() => [String]) conditions!: string[];
  @Field(() => DateTimeScalar, { description: "Server time of the decision (UTC)" }) decidedAt!: string;
  @Field(() => Int, { description: "Position among the subject's decisions: 1, 2, ... (breaks ties between equal decidedAt)" }) seq!: number;
  @Field(() => String, { description: "Compact JWS (EdDSA, typ approval+jws) whose payload is the canonical JSON of {id, subjectId, subjectType, decision, approver, rationale, conditions, decidedAt, supersedesId}; verify it with /.well-known/jwks.json" })
  signature!: string;
  supersedesId?: string | null;
}

@ObjectType({ description: "A risk-management entry (Art. 9) for an AI system or a model version" })
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class RiskAssessment {
  @Field(() => ID) id!: string;
  @Field(() => ID) subjectId!: string;
  @Field(() => RiskSubjectType) subjectType!: RiskSubjectType;
  @Field(() => String) hazard!: string;
  @Field(() => String) affectedPersons!: string;
  @Field(() => String, { nullable: true }) foreseeableMisuse?: string | null;
  @Field(() => String, { nullable: true, description: "Estimate of likelihood and severity" }) estimate?: string | null;
  @Field(() => String) mitigation!: string;
  @Field(() => String, { description: "Risk that remains after mitigation" }) residualRisk!: string;
  @Field(() => String, { description: "The `sub` of the token that recorded it" }) assessedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}

/*
 * Entities owned by other subgraphs, extended here with their approvals and risk assessments.
 * This subgraph knows only their ids; the owners resolve every other field.
 */
@ObjectType("ModelVersion")
@Directive(`@key(fields: "id")`)
export class ModelVersionApprovals {
  @Field(() => ID) id!: string;
}

@ObjectType("DatasetVersion")
@Directive(`@key(fields: "id")`)
export class DatasetVersionApprovals {
  @Field(() => ID) id!: string;
}

@ObjectType("Deployment")
@Directive(`@key(fields: "id")`)
export class DeploymentApprovals {
  @Field(() => ID) id!: string;
}

@ObjectType("AISystem")
@Directive(`@key(fields: "id")`)
export class AISystemRisks {
  @Field(() => ID) id!: string;
}
