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
  @Field(() => String, { description: "Compact JWS (EdDSA, typ approval+jws) whose payload is the canonical JSON of {id, subjectId, subjectType, decision, approver, rationale, conditions, decidedAt, supersedesId, subjectDigest} (subjectDigest only when recorded); verify it with /.well-known/jwks.json" })
  signature!: string;
  @Field(() => String, { nullable: true, description: "sha256:<hex> of the canonical JSON (RFC 8785) of what was decided on: the subject's facts and its inputs (see `subjectCheck.facts`); signed. Null: not recorded (decided before digests were signed)" })
  subjectDigest?: string | null;
  supersedesId?: string | null;
}

@ObjectType({ description: "Whether the subject of an approval is still what was decided on, recomputed now from the graph" })
export class ApprovalSubjectCheck {
  @Field(() => String, { nullable: true, description: "The digest the approval signed (null: not recorded)" }) recordedDigest!: string | null;
  @Field(() => String, { description: "sha256:<hex> of `facts`" }) currentDigest!: string;
  @Field(() => Boolean, { nullable: true, description: "currentDigest = recordedDigest; null when no digest was recorded" }) unchanged!: boolean | null;
  @Field(() => String, { description: "The subject's facts now, as canonical JSON: hash it to check currentDigest offline" }) facts!: string;
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
