import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";

/** Roles of Art. 3(3)-(8); an organisation can hold several for one system. */
export enum OperatorRole { PROVIDER = "PROVIDER", DEPLOYER = "DEPLOYER", IMPORTER = "IMPORTER", DISTRIBUTOR = "DISTRIBUTOR", AUTHORISED_REPRESENTATIVE = "AUTHORISED_REPRESENTATIVE" }
registerEnumType(OperatorRole, { name: "OperatorRole", description: "Art. 3(3)-(7): provider, deployer, importer, distributor, authorised representative" });

/**
 * What a record shows was done, each for the article it evidences (docs/ai-act.md). The Art. 43
 * assessment and the Art. 17 QMS have their own mutations, with the fields those articles need.
 */
export enum EvidenceKind {
  CONFORMITY_ASSESSMENT = "CONFORMITY_ASSESSMENT", // Art. 43 (recordConformityAssessment)
  QUALITY_MANAGEMENT_SYSTEM = "QUALITY_MANAGEMENT_SYSTEM", // Art. 17 (recordQualityManagementSystem)
  AI_LITERACY = "AI_LITERACY", // Art. 4
  RISK_MANAGEMENT_REVIEW = "RISK_MANAGEMENT_REVIEW", // Art. 9(2): the risk-management process run and reviewed
  TECHNICAL_DOCUMENTATION = "TECHNICAL_DOCUMENTATION", // Art. 11: Annex IV drawn up (digest of the document)
  RECORD_KEEPING = "RECORD_KEEPING", // Art. 12: automatic logging verified
  INSTRUCTIONS_FOR_USE = "INSTRUCTIONS_FOR_USE", // Art. 13: instructions issued to deployers
  HUMAN_OVERSIGHT_TEST = "HUMAN_OVERSIGHT_TEST", // Art. 14: oversight measures tested
  ROBUSTNESS_CYBERSECURITY_TEST = "ROBUSTNESS_CYBERSECURITY_TEST", // Art. 15(4)-(5)
  PROVIDER_MARKING = "PROVIDER_MARKING", // Art. 16(b)
  CORRECTIVE_ACTION = "CORRECTIVE_ACTION", // Art. 20
  DECLARATION_SIGNED = "DECLARATION_SIGNED", // Art. 47
  CE_MARKING = "CE_MARKING", // Art. 48
  EU_DATABASE_REGISTRATION = "EU_DATABASE_REGISTRATION", // Art. 49(1)-(3)
  NATIONAL_REGISTRATION = "NATIONAL_REGISTRATION", // Art. 49(5)
  POST_MARKET_MONITORING_PLAN = "POST_MARKET_MONITORING_PLAN", // Art. 72
  TRANSPARENCY_MEASURE = "TRANSPARENCY_MEASURE", // Art. 50
  DEPLOYER_LOG_RETENTION = "DEPLOYER_LOG_RETENTION", // Art. 26(6)
  WORKERS_INFORMED = "WORKERS_INFORMED", // Art. 26(7)
  DATA_PROTECTION_IMPACT_ASSESSMENT = "DATA_PROTECTION_IMPACT_ASSESSMENT", // Art. 26(9)
  AFFECTED_PERSONS_INFORMED = "AFFECTED_PERSONS_INFORMED", // Art. 26(11)
  AUTHORISED_REPRESENTATIVE_MANDATE = "AUTHORISED_REPRESENTATIVE_MANDATE", // Art. 22
  IMPORTER_VERIFICATION = "IMPORTER_VERIFICATION", // Art. 23(1)
  DISTRIBUTOR_VERIFICATION = "DISTRIBUTOR_VERIFICATION", // Art. 24(1)
  ROLE_CHANGE_ASSESSMENT = "ROLE_CHANGE_ASSESSMENT", // Art. 25(1)
}
registerEnumType(EvidenceKind, { name: "EvidenceKind", description: "What a compliance evidence record shows was done, each for one article" });

/** Art. 43 procedures: Annex VI internal control, Annex VII with a notified body, Annex I legislation (43(3)). */
export enum ConformityProcedure { ANNEX_VI = "ANNEX_VI", ANNEX_VII = "ANNEX_VII", ANNEX_I_LEGISLATION = "ANNEX_I_LEGISLATION" }
export enum AssessmentOutcome { CONFORMS = "CONFORMS", DOES_NOT_CONFORM = "DOES_NOT_CONFORM" }
registerEnumType(ConformityProcedure, { name: "ConformityProcedure", description: "Art. 43(1)-(3)" });
registerEnumType(AssessmentOutcome, { name: "AssessmentOutcome" });

@InputType({ description: "A dated, attributable record that a duty was performed; a statement of intention is not evidence" })
export class ComplianceEvidenceInput {
  @Field(() => EvidenceKind) kind!: EvidenceKind;
  @Field(() => OperatorRole, { description: "The role in which the organisation performed it" }) role!: OperatorRole;
  @Field(() => ID, { nullable: true, description: "The deployment it concerns (deployer duties)" }) deploymentId?: string | null;
  @Field(() => DateTimeScalar, { description: "When it was done" }) performedAt!: string;
  @Field(() => String, { description: "Who did it (person, function or body)" }) performedBy!: string;
  @Field(() => String, { description: "The artefact: document, registration or report reference" }) reference!: string;
  @Field(() => String, { nullable: true, description: '"sha256:<hex>" of the artefact' }) digest?: string | null;
}

@InputType({ description: "Art. 43: the conformity assessment that took place" })
export class ConformityAssessmentInput {
  @Field(() => ConformityProcedure) procedure!: ConformityProcedure;
  @Field(() => DateTimeScalar) assessedAt!: string;
  @Field(() => String, { description: "The assessor (Annex VI) or the person responsible at the notified body" }) assessor!: string;
  @Field(() => String, { nullable: true, description: "Notified body name and number (Annex VII, Art. 43(3))" }) notifiedBody?: string | null;
  @Field(() => AssessmentOutcome) outcome!: AssessmentOutcome;
  @Field(() => String, { nullable: true, description: "Certificate reference (Annex VII) or internal report reference (Annex VI)" }) certificateRef?: string | null;
  @Field(() => String, { nullable: true, description: '"sha256:<hex>" of the assessment report' }) digest?: string | null;
}

@InputType({ description: "Art. 17: the quality management system adopted" })
export class QualityManagementSystemInput {
  @Field(() => String) reference!: string;
  @Field(() => String) version!: string;
  @Field(() => DateTimeScalar) adoptedAt!: string;
  @Field(() => String, { description: "Who adopted it (management function)" }) adoptedBy!: string;
  @Field(() => String, { nullable: true, description: '"sha256:<hex>" of the QMS document' }) digest?: string | null;
}

@ObjectType({ description: "A compliance evidence record: what was done, when, by whom, recorded by whom, with the artefact's digest" })
export class ComplianceEvidence {
  @Field(() => ID) id!: string;
  @Field(() => ID) systemId!: string;
  @Field(() => EvidenceKind) kind!: EvidenceKind;
  @Field(() => OperatorRole) role!: OperatorRole;
  @Field(() => ID, { nullable: true }) deploymentId?: string | null;
  @Field(() => DateTimeScalar) performedAt!: string;
  @Field(() => String) performedBy!: string;
  @Field(() => String) reference!: string;
  @Field(() => String, { nullable: true }) digest?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 17: QMS version" }) version?: string | null;
  @Field(() => ConformityProcedure, { nullable: true }) procedure?: ConformityProcedure | null;
  @Field(() => String, { nullable: true }) notifiedBody?: string | null;
  @Field(() => AssessmentOutcome, { nullable: true }) outcome?: AssessmentOutcome | null;
  @Field(() => String, { nullable: true, description: "Art. 43: certificate reference" }) certificateRef?: string | null;
  @Field(() => String, { description: "The `sub` of the token that recorded it" }) recordedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}
