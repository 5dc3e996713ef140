import { Arg, Ctx as Context, Field, ID, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { DateScalar } from "./date-scalar.js";
import type { Ctx } from "../../../runtime/context.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { ComplianceDocument, DocumentFormat } from "../docs/doc-types.js";
import { publish } from "../docs/publish.js";
import { generateSubjectDocument, generateSystemDocument, SystemDocumentKind as K } from "../documents/system-documents.js";
import { OperatorRole } from "../evidence/types.js";
import { loadSystemFacts } from "./facts.js";
import { obligationsOf } from "./obligations.js";
import { buildObligationsReport } from "./obligations-report.js";
import type { Status } from "./rules/common.js";

export enum ObligationStatus { MET = "MET", UNMET = "UNMET", UNKNOWN = "UNKNOWN", NOT_APPLICABLE = "NOT_APPLICABLE" }
registerEnumType(ObligationStatus, { name: "ObligationStatus", description: "MET only on a dated, attributable record that the duty was performed; UNKNOWN: not recorded" });

@ObjectType({ description: "An AI Act obligation of one role for a system, when it applies, and what the evidence shows" })
export class Obligation {
  @Field(() => String, { description: 'The article, e.g. "Art. 9"' }) article!: string;
  @Field(() => String) title!: string;
  @Field(() => OperatorRole) role!: OperatorRole;
  @Field(() => DateScalar, { description: "The date it applies from, as amended in 2026 (docs/ai-act.md cites the source of each)" }) appliesFrom!: string;
  @Field(() => Boolean, { description: "Whether it applies at asOf (default now)" }) inForce!: boolean;
  @Field(() => ObligationStatus) status!: Status;
  @Field(() => Boolean, { description: "status == MET (kept for one round; use status)", deprecationReason: "use status" }) satisfied!: boolean;
  @Field(() => [String], { description: "The records that show it done: kind, id, date, who, digest" }) evidence!: string[];
  @Field(() => [String], { description: "What keeps it from MET: the record to make (and how), or the finding that keeps it unmet" }) missing!: string[];
}

const FORMAT = { nullable: true, defaultValue: DocumentFormat.MARKDOWN } as const;
const AS_OF = { nullable: true, description: "Read the records as they stood at this instant (default now)" } as const;
const DOC_AS_OF = { nullable: true, description: "The graph as it stood at this instant (default now): the document is generated at asOf, byte-identical for the same asOf" } as const;
const now = () => new Date().toISOString();

@Resolver()
export class ActDocumentResolver {
  @Query(() => [Obligation], { description: "The obligations of one role (deployer duties per deployment) for the system, with their dates, status and evidence, as of asOf" })
  @RequiresScope("reports:read")
  async obligations(
    @Arg("systemId", () => ID) systemId: string,
    @Context() ctx: Ctx,
    @Arg("role", () => OperatorRole, { nullable: true, defaultValue: OperatorRole.PROVIDER }) role: OperatorRole,
    @Arg("asOf", () => DateTimeScalar, AS_OF) asOf?: string | null,
  ): Promise<Obligation[]> {
    return obligationsOf(await loadSystemFacts(ctx, systemId, asOf ?? null), role ?? OperatorRole.PROVIDER, asOf ?? now());
  }

  @Query(() => ComplianceDocument, {
    description: "The obligations of one role (as `obligations`) as a signed document: article, title, role, applies from, in force, status, evidence, missing. DRAFT while an obligation in force at asOf is UNMET (blockers) or UNKNOWN (missing); ISSUABLE when every one in force is MET or NOT_APPLICABLE. Generated at asOf: byte-identical for the same asOf",
  })
  @RequiresScope("reports:read")
  async obligationsReport(
    @Arg("systemId", () => ID) systemId: string,
    @Context() ctx: Ctx,
    @Arg("role", () => OperatorRole, { nullable: true, defaultValue: OperatorRole.PROVIDER }) role: OperatorRole,
    @Arg("asOf", () => DateTimeScalar, AS_OF) asOf: string | null | undefined,
    @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat,
  ) {
    const at = asOf ?? now();
    return publish(buildObligationsReport(await loadSystemFacts(ctx, systemId, asOf ?? null), role ?? OperatorRole.PROVIDER, at), format ?? DocumentFormat.MARKDOWN, asOf ?? null);
  }

  @Query(() => ComplianceDocument, { description: "Instructions for use (Art. 13(3)) drafted from the graph; signed" })
  @RequiresScope("reports:read")
  instructionsForUse(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat, @Arg("asOf", () => DateTimeScalar, AS_OF) asOf?: string | null) {
    return generateSystemDocument(ctx, K.INSTRUCTIONS_FOR_USE, systemId, format, asOf ?? null);
  }

  @Query(() => ComplianceDocument, { description: "EU declaration of conformity (Art. 47, Annex V) with the conformity-assessment route (Art. 43), drafted for signature; signed" })
  @RequiresScope("reports:read")
  declarationOfConformity(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat, @Arg("asOf", () => DateTimeScalar, AS_OF) asOf?: string | null) {
    return generateSystemDocument(ctx, K.DECLARATION_OF_CONFORMITY, systemId, format, asOf ?? null);
  }

  @Query(() => ComplianceDocument, { description: "Registration data for the EU database (Art. 49, 71): Annex VIII Section A, or Section B for an Art. 6(3) exemption; signed" })
  @RequiresScope("reports:read")
  euDatabaseRegistration(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat, @Arg("asOf", () => DateTimeScalar, AS_OF) asOf?: string | null) {
    return generateSystemDocument(ctx, K.EU_DATABASE_REGISTRATION, systemId, format, asOf ?? null);
  }

  @Query(() => ComplianceDocument, { description: "Post-market monitoring plan (Art. 72) from drift thresholds, drift reports and incidents; signed" })
  @RequiresScope("reports:read")
  postMarketMonitoringPlan(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat, @Arg("asOf", () => DateTimeScalar, AS_OF) asOf?: string | null) {
    return generateSystemDocument(ctx, K.POST_MARKET_MONITORING_PLAN, systemId, format, asOf ?? null);
  }

  @Query(() => ComplianceDocument, { description: "Fundamental rights impact assessment (Art. 27) of one deployment, with the deployer's identity; signed" })
  @RequiresScope("reports:read")
  async fundamentalRightsImpactAssessment(@Arg("deploymentId", () => ID) deploymentId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat, @Arg("asOf", () => DateTimeScalar, AS_OF) asOf?: string | null) {
    return (await generateSubjectDocument(ctx, K.FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT, deploymentId, format, asOf ?? null)).doc;
  }

  @Query(() => ComplianceDocument, { description: "Explanation of an individual decision for the person affected (Art. 86): the role of the AI system in the deployer's procedure, the main elements, human reviews, the person's rights; signed" })
  @RequiresScope("reports:read")
  async decisionExplanation(@Arg("decisionId", () => ID) decisionId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat, @Arg("asOf", () => DateTimeScalar, DOC_AS_OF) asOf?: string | null) {
    return (await generateSubjectDocument(ctx, K.DECISION_EXPLANATION, decisionId, format, asOf ?? null)).doc;
  }
}
