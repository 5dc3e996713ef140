import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { MIN_LOG_RETENTION_MONTHS } from "../docs/log-format.js";

/** Art. 6(3)(a)-(d): the conditions under which an Annex III system is not high-risk. */
export enum ExemptionCriterion {
  NARROW_PROCEDURAL_TASK = "NARROW_PROCEDURAL_TASK",
  IMPROVES_HUMAN_ACTIVITY = "IMPROVES_HUMAN_ACTIVITY",
  DETECTS_DECISION_PATTERNS = "DETECTS_DECISION_PATTERNS",
  PREPARATORY_TASK = "PREPARATORY_TASK",
}
/** Art. 50(1)-(4): what makes a system subject to transparency obligations. */
export enum TransparencyTrigger {
  INTERACTS_WITH_PERSONS = "INTERACTS_WITH_PERSONS",
  GENERATES_SYNTHETIC_CONTENT = "GENERATES_SYNTHETIC_CONTENT",
  EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION = "EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION",
  DEEP_FAKE = "DEEP_FAKE",
  PUBLIC_INTEREST_TEXT = "PUBLIC_INTEREST_TEXT",
}
/** Art. 5(1)(a)-(h): prohibited practices. */
export enum ProhibitedPractice {
  SUBLIMINAL_MANIPULATION = "SUBLIMINAL_MANIPULATION",
  EXPLOITS_VULNERABILITIES = "EXPLOITS_VULNERABILITIES",
  SOCIAL_SCORING = "SOCIAL_SCORING",
  CRIME_PREDICTION_BY_PROFILING = "CRIME_PREDICTION_BY_PROFILING",
  UNTARGETED_FACE_SCRAPING = "UNTARGETED_FACE_SCRAPING",
  EMOTION_RECOGNITION_WORK_EDUCATION = "EMOTION_RECOGNITION_WORK_EDUCATION",
  BIOMETRIC_CATEGORISATION_SENSITIVE = "BIOMETRIC_CATEGORISATION_SENSITIVE",
  REALTIME_REMOTE_BIOMETRIC_ID_LAW_ENFORCEMENT = "REALTIME_REMOTE_BIOMETRIC_ID_LAW_ENFORCEMENT",
  /** Added by Reg. (EU) 2026/1744, from 2 Dec 2026: non-consensual intimate deepfakes. */
  NON_CONSENSUAL_INTIMATE_IMAGERY = "NON_CONSENSUAL_INTIMATE_IMAGERY",
  /** Added by Reg. (EU) 2026/1744, from 2 Dec 2026: child sexual abuse material. */
  CHILD_SEXUAL_ABUSE_MATERIAL = "CHILD_SEXUAL_ABUSE_MATERIAL",
}
/** Annex V(5): the data-protection instrument that governs the personal data processed. */
export enum DataProtectionInstrument {
  GDPR = "GDPR",
  EUDPR = "EUDPR",
  LED = "LED",
}
registerEnumType(DataProtectionInstrument, { name: "DataProtectionInstrument", description: "GDPR: Regulation (EU) 2016/679; EUDPR: Regulation (EU) 2018/1725 (Union institutions); LED: Directive (EU) 2016/680 (law enforcement)" });
/** Uses that Annex III words out of a point: 1(a) biometric verification, 5(b) detecting financial fraud. */
export enum AnnexIIIExclusion {
  BIOMETRIC_VERIFICATION = "BIOMETRIC_VERIFICATION",
  FINANCIAL_FRAUD_DETECTION = "FINANCIAL_FRAUD_DETECTION",
}
registerEnumType(AnnexIIIExclusion, { name: "AnnexIIIExclusion", description: "Annex III 1(a), 5(b): uses excluded from the point" });
registerEnumType(ExemptionCriterion, { name: "ExemptionCriterion", description: "Art. 6(3)(a)-(d)" });
registerEnumType(TransparencyTrigger, { name: "TransparencyTrigger", description: "Art. 50(1)-(4)" });
registerEnumType(ProhibitedPractice, { name: "ProhibitedPractice", description: "Art. 5(1)(a)-(h), and the practices added by Reg. (EU) 2026/1744" });

/** Free-text facts of a profile (each optional, at most 4000 characters). */
export const PROFILE_TEXTS = [
  "exemptionDecidedBy", "interactions", "userInterface", "instructionsForUseRef", "humanOversightMeasures",
  "cybersecurityMeasures", "predeterminedChanges", "capabilitiesAndLimitations", "inputDataSpecification",
  "metricsRationale", "alternativeSolutions", "declarationOfConformityRef", "postMarketMonitoringPlan",
  "productMarkings", "declarationOfConformityCopy",
  "providerAddress", "authorisedRepresentative", "qualityManagementSystemRef", "notifiedBody", "declarationSignatory",
  "euDatabaseRegistrationNumber", "transparencyMeasures", "outputInterpretation", "lifetimeAndMaintenance",
] as const;
/** List facts of a profile (each at most 50 items of 200 characters). */
export const PROFILE_LISTS = ["marketForms", "hardware", "softwareDependencies", "harmonisedStandards"] as const;

export { MIN_LOG_RETENTION_MONTHS } from "../docs/log-format.js";

@InputType({ description: "AI Act facts of a system that the lineage does not hold; every field optional, absent = not known" })
export class SystemComplianceInput {
  @Field(() => Boolean, { nullable: true, description: "Art. 6(3): the provider claims this Annex III system is not high-risk" }) exemptionClaimed?: boolean | null;
  @Field(() => ExemptionCriterion, { nullable: true }) exemptionCriterion?: ExemptionCriterion | null;
  @Field(() => Boolean, { nullable: true, description: "Whether the system profiles natural persons (Art. 6(3) last subparagraph)" }) profilesPeople?: boolean | null;
  @Field(() => String, { nullable: true, description: "Who decided the Art. 6(3) assessment" }) exemptionDecidedBy?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) exemptionDecidedAt?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Safety component of a product under Annex I legislation (Art. 6(1))" }) annexISafetyComponent?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "The Annex I product requires a third-party conformity assessment (Art. 6(1)(b))" }) annexIThirdPartyAssessment?: boolean | null;
  @Field(() => String, { nullable: true, description: "Annex III point, e.g. \"4(a)\", \"5(b)\", \"2\"" }) annexIIIPoint?: string | null;
  @Field(() => AnnexIIIExclusion, { nullable: true, description: "A use the point excludes (Annex III 1(a), 5(b))" }) annexIIIExclusion?: AnnexIIIExclusion | null;
  @Field(() => [TransparencyTrigger], { nullable: true, description: "Art. 50 triggers; [] records that none applies, absent leaves it unknown" }) transparencyTriggers?: TransparencyTrigger[] | null;
  @Field(() => [ProhibitedPractice], { nullable: true, description: "Art. 5 practices; [] records that none applies, absent leaves it unknown" }) prohibitedPractices?: ProhibitedPractice[] | null;
  @Field(() => Boolean, { nullable: true, description: "Annex V(5): inputs or decisions involve personal data (training data are flagged per dataset)" }) processesPersonalData?: boolean | null;
  @Field(() => [DataProtectionInstrument], { nullable: true, description: "Annex V(5): the instruments governing the personal data" }) dataProtectionInstruments?: DataProtectionInstrument[] | null;
  @Field(() => [String], { nullable: true, description: "Annex IV 1(d): forms in which it is placed on the market" }) marketForms?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Annex IV 1(e): hardware it is intended to run on" }) hardware?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Annex IV 1(c): relevant software and firmware versions" }) softwareDependencies?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Annex IV 7: harmonised standards applied" }) harmonisedStandards?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Member States where it is placed on the market or used (ISO codes)" }) memberStates?: string[] | null;
  @Field(() => Int, { nullable: true, description: `Months log records are kept; at least ${MIN_LOG_RETENTION_MONTHS} (Art. 19(1)); absent: not recorded (log records then keep the minimum)` }) logRetentionMonths?: number | null;
  @Field(() => String, { nullable: true, description: "Annex IV 1(b)" }) interactions?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 1(g): user interface for the deployer" }) userInterface?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 1(h): reference of the instructions for use" }) instructionsForUseRef?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 2(e), Art. 14" }) humanOversightMeasures?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 2(h), Art. 15" }) cybersecurityMeasures?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 2(f)" }) predeterminedChanges?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 3" }) capabilitiesAndLimitations?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 3: specifications of the input data" }) inputDataSpecification?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 4: why the chosen metrics are appropriate" }) metricsRationale?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 7: solutions adopted where no harmonised standard was applied" }) alternativeSolutions?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 8: reference of the EU declaration of conformity" }) declarationOfConformityRef?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 9, Art. 72" }) postMarketMonitoringPlan?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 1(f): photographs or illustrations of external features, markings and internal layout of the products it is a component of" }) productMarkings?: string | null;
  @Field(() => String, { nullable: true, description: "Annex IV 8: a copy (the text) of the signed EU declaration of conformity (Art. 47, Annex V)" }) declarationOfConformityCopy?: string | null;
  @Field(() => String, { nullable: true, description: "Annex V(2), Annex VIII A(1): registered address of the provider" }) providerAddress?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 22, Annex VIII A(2): name, address and contact of the authorised representative, where one is mandated" }) authorisedRepresentative?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 17: reference of the quality management system" }) qualityManagementSystemRef?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 43, Annex V(7): notified body (name, number) and certificate, where Annex VII applies" }) notifiedBody?: string | null;
  @Field(() => String, { nullable: true, description: "Annex V(8): place and date of issue, name and function of the person who signed the declaration" }) declarationSignatory?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 49, 71: registration number in the EU database" }) euDatabaseRegistrationNumber?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 50: how the persons concerned are informed or the output is marked" }) transparencyMeasures?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 13(3)(b)(iv), (vii): information that lets deployers interpret and use the output" }) outputInterpretation?: string | null;
  @Field(() => String, { nullable: true, description: "Art. 13(3)(e): computational resources, expected lifetime, maintenance and updates" }) lifetimeAndMaintenance?: string | null;
}

@ObjectType({ description: "The AI Act facts recorded for a system; append-only, the latest recorded is in force" })
export class ComplianceProfile {
  @Field(() => ID) id!: string;
  @Field(() => ID) systemId!: string;
  @Field(() => Int, { description: "1 for the first profile of the system, then 2, 3, ..." }) seq!: number;
  @Field(() => Boolean, { nullable: true }) exemptionClaimed?: boolean | null;
  @Field(() => ExemptionCriterion, { nullable: true }) exemptionCriterion?: ExemptionCriterion | null;
  @Field(() => Boolean, { nullable: true }) profilesPeople?: boolean | null;
  @Field(() => String, { nullable: true }) exemptionDecidedBy?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) exemptionDecidedAt?: string | null;
  @Field(() => Boolean, { nullable: true }) annexISafetyComponent?: boolean | null;
  @Field(() => Boolean, { nullable: true }) annexIThirdPartyAssessment?: boolean | null;
  @Field(() => String, { nullable: true }) annexIIIPoint?: string | null;
  @Field(() => AnnexIIIExclusion, { nullable: true }) annexIIIExclusion?: AnnexIIIExclusion | null;
  @Field(() => [TransparencyTrigger], { nullable: true, description: "Null: not recorded" }) transparencyTriggers?: TransparencyTrigger[] | null;
  @Field(() => [ProhibitedPractice], { nullable: true, description: "Null: not recorded" }) prohibitedPractices?: ProhibitedPractice[] | null;
  @Field(() => Boolean, { nullable: true }) processesPersonalData?: boolean | null;
  @Field(() => [DataProtectionInstrument], { nullable: true }) dataProtectionInstruments?: DataProtectionInstrument[] | null;
  @Field(() => [String]) marketForms!: string[];
  @Field(() => [String]) hardware!: string[];
  @Field(() => [String]) softwareDependencies!: string[];
  @Field(() => [String]) harmonisedStandards!: string[];
  @Field(() => [String]) memberStates!: string[];
  @Field(() => Int, { nullable: true, description: "Null: not recorded (the Art. 19(1) minimum of six months is not a recorded fact)" }) logRetentionMonths?: number | null;
  @Field(() => String, { nullable: true }) interactions?: string | null;
  @Field(() => String, { nullable: true }) userInterface?: string | null;
  @Field(() => String, { nullable: true }) instructionsForUseRef?: string | null;
  @Field(() => String, { nullable: true }) humanOversightMeasures?: string | null;
  @Field(() => String, { nullable: true }) cybersecurityMeasures?: string | null;
  @Field(() => String, { nullable: true }) predeterminedChanges?: string | null;
  @Field(() => String, { nullable: true }) capabilitiesAndLimitations?: string | null;
  @Field(() => String, { nullable: true }) inputDataSpecification?: string | null;
  @Field(() => String, { nullable: true }) metricsRationale?: string | null;
  @Field(() => String, { nullable: true }) alternativeSolutions?: string | null;
  @Field(() => String, { nullable: true }) declarationOfConformityRef?: string | null;
  @Field(() => String, { nullable: true }) postMarketMonitoringPlan?: string | null;
  @Field(() => String, { nullable: true }) productMarkings?: string | null;
  @Field(() => String, { nullable: true }) declarationOfConformityCopy?: string | null;
  @Field(() => String, { nullable: true }) providerAddress?: string | null;
  @Field(() => String, { nullable: true }) authorisedRepresentative?: string | null;
  @Field(() => String, { nullable: true }) qualityManagementSystemRef?: string | null;
  @Field(() => String, { nullable: true }) notifiedBody?: string | null;
  @Field(() => String, { nullable: true }) declarationSignatory?: string | null;
  @Field(() => String, { nullable: true }) euDatabaseRegistrationNumber?: string | null;
  @Field(() => String, { nullable: true }) transparencyMeasures?: string | null;
  @Field(() => String, { nullable: true }) outputInterpretation?: string | null;
  @Field(() => String, { nullable: true }) lifetimeAndMaintenance?: string | null;
  @Field(() => String, { description: "The `sub` of the token that recorded it" }) recordedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
}
