import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";

/** Free-text facts a deployer records about one deployment (Art. 26, 27); each optional. */
export const DEPLOYER_TEXTS = [
  "deployerName", "deployerContact", "oversightPersons", "processDescription", "periodAndFrequency",
  "affectedPersons", "specificRisks", "humanOversightMeasures", "riskMeasures",
  "outputUse", "decisionMaker", "outputWeight",
] as const;

@InputType({ description: "Facts of the deployer and its use of one deployment (Art. 26, 27) that the lineage does not hold; absent = not known" })
export class DeploymentComplianceInput {
  @Field(() => String, { nullable: true, description: "Art. 27: the deployer's name (legal entity)" }) deployerName?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 27: the deployer's address and contact" }) deployerContact?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Art. 27(1): a body governed by public law, or a private entity providing public services" }) deployerPublicService?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Art. 26(8), 49(3): a public authority, Union institution, body, office or agency (registers its use, Annex VIII Section C)" }) deployerPublicAuthority?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Art. 26(7): the system is used at the workplace" }) workplaceUse?: boolean | null;
  @Field(() => String, { nullable: true, description: "Art. 26(2): the natural persons assigned to human oversight, with their competence" }) oversightPersons?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 27(1)(a): the deployer's processes in which the system is used, in line with its intended purpose" }) processDescription?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 27(1)(b): period of time within which, and frequency with which, the system is used" }) periodAndFrequency?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 27(1)(c): categories of natural persons and groups likely to be affected" }) affectedPersons?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 27(1)(d): specific risks of harm to those persons or groups" }) specificRisks?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 27(1)(e): human oversight measures, following the instructions for use" }) humanOversightMeasures?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 27(1)(f): measures if those risks materialise, incl. internal governance and complaint mechanisms" }) riskMeasures?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "Art. 27(3): when the market surveillance authority was notified of the results" }) authorityNotifiedAt?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 86(1): how the system's output is used in the deployer's decision procedure" }) outputUse?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 86(1): who takes the decision (function)" }) decisionMaker?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 86(1): what weight the output has in the decision" }) outputWeight?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Art. 86(1): the decisions produce legal effects on, or similarly significantly affect, the persons concerned" }) legalOrSignificantEffect?: boolean | null;
}

@ObjectType({ description: "The deployer's facts for a deployment; append-only, the latest recorded is in force" })
export class DeploymentCompliance {
  @Field(() => ID) id!: string;
  @Field(() => ID) deploymentId!: string;
  @Field(() => Int) seq!: number;
  @Field(() => String, { nullable: true }) deployerName?: string | null;
  @Field(() => String, { nullable: true }) deployerContact?: string | null;
  @Field(() => Boolean, { nullable: true }) deployerPublicService?: boolean | null;
  @Field(() => Boolean, { nullable: true }) deployerPublicAuthority?: boolean | null;
  @Field(() => Boolean, { nullable: true }) workplaceUse?: boolean | null;
  @Field(() => String, { nullable: true }) oversightPersons?: string | null;
  @Field(() => String, { nullable: true }) processDescription?: string | null;
  @Field(() => String, { nullable: true }) periodAndFrequency?: string | null;
  @Field(() => String, { nullable: true }) affectedPersons?: string | null;
  @Field(() => String, { nullable: true }) specificRisks?: string | null;
  @Field(() => String, { nullable: true }) humanOversightMeasures?: string | null;
  @Field(() => String, { nullable: true }) riskMeasures?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) authorityNotifiedAt?: string | null;
  @Field(() => String, { nullable: true }) outputUse?: string | null;
  @Field(() => String, { nullable: true }) decisionMaker?: string | null;
  @Field(() => String, { nullable: true }) outputWeight?: string | null;
  @Field(() => Boolean, { nullable: true }) legalOrSignificantEffect?: boolean | null;
  @Field(() => String, { description: "The `sub` of the token that recorded it" }) recordedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}
