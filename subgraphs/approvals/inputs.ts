import { Field, ID, InputType } from "type-graphql";
import { ApprovalDecision, ApprovalSubjectType, RiskSubjectType } from "./types.js";

@InputType()
export class DecideApprovalInput {
  @Field(() => ID) subjectId!: string;
  @Field(() => ApprovalSubjectType) subjectType!: ApprovalSubjectType;
  @Field(() => ApprovalDecision) decision!: ApprovalDecision;
  @Field(() => String) rationale!: string;
  @Field(() => [String], { nullable: true, description: "At most 50" }) conditions?: string[] | null;
}

@InputType()
export class RecordRiskAssessmentInput {
  @Field(() => ID) subjectId!: string;
  @Field(() => RiskSubjectType) subjectType!: RiskSubjectType;
  @Field(() => String) hazard!: string;
  @Field(() => String) affectedPersons!: string;
  @Field(() => String, { nullable: true }) foreseeableMisuse?: string | null;
  @Field(() => String, { nullable: true, description: "Estimate of likelihood and severity" }) estimate?: string | null;
  @Field(() => String) mitigation!: string;
  @Field(() => String) residualRisk!: string;
}
