import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { DecisionRef, ModelVersionRef } from "../types.js";

export enum IncidentCategory {
  HEALTH_OR_DEATH = "HEALTH_OR_DEATH",
  CRITICAL_INFRASTRUCTURE = "CRITICAL_INFRASTRUCTURE",
  FUNDAMENTAL_RIGHTS = "FUNDAMENTAL_RIGHTS",
  PROPERTY_OR_ENVIRONMENT = "PROPERTY_OR_ENVIRONMENT",
}
export enum IncidentStage { INITIAL = "INITIAL", COMPLETE = "COMPLETE" }
export enum IncidentSubmissionKind { INITIAL = "INITIAL", FOLLOW_UP = "FOLLOW_UP", FINAL = "FINAL" }
export enum AwareParty { PROVIDER = "PROVIDER", DEPLOYER = "DEPLOYER" }
registerEnumType(IncidentSubmissionKind, { name: "IncidentSubmissionKind", description: "Art. 73(5): an initial (possibly incomplete) report, follow-ups, the final report" });
registerEnumType(AwareParty, { name: "AwareParty", description: "Who became aware first: the provider (Art. 73(1)) or the deployer, who informs the provider immediately (Art. 26(5))" });
registerEnumType(IncidentCategory, { name: "IncidentCategory", description: "Art. 3(49)(a)-(d)" });
registerEnumType(IncidentStage, { name: "IncidentStage", description: "Art. 73(5): an incomplete initial report may be completed later" });

/** The models subgraph's AISystem, known here only by id. */
@ObjectType("AISystem")
@Directive(`@key(fields: "id", resolvable: false)`)
export class AISystemRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: "A corrective action taken after a serious incident (Art. 20, 73(6))" })
export class CorrectiveAction {
  @Field(() => ID) id!: string;
  @Field(() => String) description!: string;
  @Field(() => DateTimeScalar, { description: "When the action was taken" }) takenAt!: string;
  @Field(() => String, { description: "The `sub` of the token that recorded it" }) recordedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}

@ObjectType({ description: "The provider's investigation after a serious incident (Art. 73(6)): risk assessment, and whether the system was altered before the authorities were informed" })
export class IncidentInvestigation {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => String, { nullable: true, description: "Risk assessment of the incident; null = not recorded" }) riskAssessment?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Whether the system was altered in a way that may affect the evaluation of the causes; null = not recorded" }) systemAltered?: boolean | null;
  @Field(() => DateTimeScalar, { nullable: true }) alteredAt?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the competent authorities were informed of the alteration" }) authoritiesInformedAt?: string | null;
  @Field(() => Int, { nullable: true, description: "Persons affected as the investigation found it; null = not stated in this record" }) personsAffected?: number | null;
  @Field(() => String, { nullable: true, description: "The harm as the investigation found it; null = not stated in this record" }) harm?: string | null;
  @Field(() => String, { description: "The `sub` of the token that recorded it" }) recordedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}

@ObjectType({ description: "A report submitted to a market surveillance authority (Art. 73(1), 73(5))" })
export class IncidentSubmission {
  @Field(() => IncidentSubmissionKind) kind!: IncidentSubmissionKind;
  @Field(() => DateTimeScalar) submittedAt!: string;
  @Field(() => String, { description: "The market surveillance authority it was sent to" }) authority!: string;
  @Field(() => String, { nullable: true, description: "The Member State (ISO code) whose authority it was sent to; null = not recorded" }) memberState?: string | null;
  @Field(() => String, { description: "The `sub` of the token that recorded it" }) recordedBy!: string;
}

@ObjectType({ description: "Art. 73(1): one Member State concerned, whose market surveillance authority gets its own report" })
export class IncidentAuthority {
  @Field(() => String, { description: "ISO code" }) memberState!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: "The first initial report to this Member State's authority; null = none recorded" }) initialSubmittedAt?: string | null;
  @Field(() => Boolean, { description: "No initial report to this authority by dueBy" }) overdue!: boolean;
}

@ObjectType({ description: "A serious incident (Art. 3(49), 73), linked into the lineage of the decisions and model versions involved" })
@Directive(`@key(fields: "id")`)
@Directive("@authenticated")
export class Incident {
  @Field(() => ID) id!: string;
  @Field(() => AISystemRef) system!: { id: string };
  @Field(() => IncidentCategory) category!: IncidentCategory;
  @Field(() => DateTimeScalar) occurredAt!: string;
  @Field(() => DateTimeScalar) awareAt!: string;
  @Field(() => Boolean) deathInvolved!: boolean;
  @Field(() => Boolean, { description: "A widespread infringement: claimed by the reporter and checked against Art. 3(61) on the Member States concerned" }) widespread!: boolean;
  @Field(() => String, { nullable: true, description: "Why the Member States concerned do or do not meet Art. 3(61); null when no widespread infringement was claimed" }) widespreadReason?: string | null;
  @Field(() => [String], { description: "Member States concerned (ISO codes)" }) memberStates!: string[];
  @Field(() => String, { nullable: true, description: "Member State where the infringement originated or the provider/deployer is established (Art. 3(61)(a)); null = not recorded" }) originMemberState?: string | null;
  @Field(() => AwareParty, { nullable: true, description: "Who became aware at awareAt (Art. 73(2), 26(5)); null = not recorded" }) awareParty?: AwareParty | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the provider established a causal link, or its reasonable likelihood (Art. 73(2)); null = not recorded" }) causalLinkEstablishedAt?: string | null;
  @Field(() => String) description!: string;
  @Field(() => Int, { nullable: true, description: "Number of persons affected (Art. 3(49), 73): the latest investigation stating it, else the report's; null = not recorded" }) personsAffected?: number | null;
  @Field(() => String, { nullable: true, description: "The harm suffered and its severity (Art. 3(49)): the latest investigation stating it, else the report's; null = not recorded" }) harm?: string | null;
  @Field(() => DateTimeScalar, { description: "Art. 73: awareAt + 2 days (widespread or critical infrastructure), + 10 days (death), else + 15 days" }) dueBy!: string;
  @Field(() => Int, { description: "2, 10 or 15" }) deadlineDays!: number;
  @Field(() => String, { description: "The Art. 73 rule the deadline follows" }) deadlineRule!: string;
  @Field(() => IncidentStage) stage!: IncidentStage;
  @Field(() => Boolean, { description: "No initial report was submitted by dueBy (Art. 73(2)-(4)); completion of the report does not matter (Art. 73(5))" }) overdue!: boolean;
  @Field(() => Boolean, { description: "No initial report submitted yet and dueBy within the next 24 hours" }) dueSoon!: boolean;
  @Field(() => [IncidentSubmission], { description: "Reports submitted to the authorities, oldest first" }) submissions!: IncidentSubmission[];
  @Field(() => [IncidentAuthority], { description: "Each Member State concerned and whether its authority got an initial report in time (Art. 73(1)); `overdue` above is the first initial report to any" }) authorities!: IncidentAuthority[];
  @Field(() => Float, { description: "Hours from now to dueBy; negative when past due" }) hoursToDeadline!: number;
  @Field(() => [DecisionRef], { description: "Decisions involved" }) decisions!: { id: string }[];
  @Field(() => [ModelVersionRef], { description: "Model versions involved (those of the decisions, and any named)" }) modelVersions!: { id: string }[];
  @Field(() => [CorrectiveAction], { description: "Oldest first" }) correctiveActions!: CorrectiveAction[];
  @Field(() => String, { nullable: true, description: "Set when the report was completed" }) rootCause?: string | null;
  @Field(() => IncidentInvestigation, { nullable: true, description: "The latest recorded investigation (Art. 73(6)); null = not recorded" }) investigation?: IncidentInvestigation | null;
  @Field(() => DateTimeScalar, { nullable: true }) completedAt?: string | null;
  @Field(() => String, { description: "The `sub` of the token that reported it" }) reportedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
  @Field(() => String, { description: "Opaque cursor for `incidents(after:)`" }) cursor!: string;
}

@InputType()
export class ReportIncidentInput {
  @Field(() => ID) systemId!: string;
  @Field(() => IncidentCategory) category!: IncidentCategory;
  @Field(() => DateTimeScalar) occurredAt!: string;
  @Field(() => DateTimeScalar) awareAt!: string;
  @Field(() => Boolean) deathInvolved!: boolean;
  @Field(() => Boolean, { description: "Claimed widespread infringement; refused unless the Member States meet Art. 3(61)" }) widespread!: boolean;
  @Field(() => [String]) memberStates!: string[];
  @Field(() => String, { nullable: true, description: "Art. 3(61)(a): Member State of origin or establishment" }) originMemberState?: string | null;
  @Field(() => AwareParty, { nullable: true }) awareParty?: AwareParty | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "Art. 73(2)" }) causalLinkEstablishedAt?: string | null;
  @Field(() => String) description!: string;
  @Field(() => Int, { nullable: true, description: "Number of persons affected, if known (Art. 3(49), 73); a later investigation may revise it" }) personsAffected?: number | null;
  @Field(() => String, { nullable: true, description: "The harm suffered and its severity (Art. 3(49)), if known; a later investigation may revise it" }) harm?: string | null;
  @Field(() => [ID], { nullable: true, description: "Decisions involved, at most 1000" }) decisionIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: "Model versions involved besides those of the decisions" }) modelVersionIds?: string[] | null;
}

@InputType()
export class CorrectiveActionInput {
  @Field(() => String) description!: string;
  @Field(() => DateTimeScalar) takenAt!: string;
}

@InputType({ description: "The provider's investigation (Art. 73(6)); a later record supersedes an earlier one" })
export class IncidentInvestigationInput {
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => String, { nullable: true }) riskAssessment?: string | null;
  @Field(() => Boolean, { nullable: true }) systemAltered?: boolean | null;
  @Field(() => DateTimeScalar, { nullable: true }) alteredAt?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) authoritiesInformedAt?: string | null;
  @Field(() => Int, { nullable: true, description: "Number of persons affected as the investigation found it (supersedes the report's)" }) personsAffected?: number | null;
  @Field(() => String, { nullable: true, description: "The harm as the investigation found it (supersedes the report's)" }) harm?: string | null;
}

@InputType({ description: "The complete report (Art. 73(5)): what the investigation found" })
export class CompleteIncidentInput {
  @Field(() => String) rootCause!: string;
}
