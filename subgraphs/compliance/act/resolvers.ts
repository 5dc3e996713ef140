import { Arg, Ctx as Context, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { ComplianceDocument, DocumentFormat } from "../docs/doc-types.js";
import type { DocModel } from "../docs/model.js";
import { publish } from "../docs/publish.js";
import { buildDeclaration } from "./declaration.js";
import { buildDecisionExplanation, loadExplanationFacts } from "./decision-explanation.js";
import { loadSystemFacts, type SystemFacts } from "./facts.js";
import { buildFria, loadFriaFacts } from "./fria.js";
import { buildInstructionsForUse } from "./instructions.js";
import { buildMonitoringPlan } from "./monitoring-plan.js";
import { obligationsOf } from "./obligations.js";
import { buildRegistration } from "./registration.js";

@ObjectType({ description: "An AI Act obligation of a system for its role and category, and whether the graph shows it met" })
export class Obligation {
  @Field(() => String, { description: 'The article, e.g. "Art. 9"' }) article!: string;
  @Field(() => String) title!: string;
  @Field(() => Boolean, { description: "True when every fact the obligation needs is recorded and none contradicts it" }) satisfied!: boolean;
  @Field(() => [String], { description: "Each names the entity and field to fill in, or the finding that keeps it unmet" }) missing!: string[];
}

const FORMAT = { nullable: true, defaultValue: DocumentFormat.MARKDOWN } as const;
const now = () => new Date().toISOString();
const systemDoc = async (ctx: Ctx, systemId: string, format: DocumentFormat | null, build: (f: SystemFacts, at: string) => DocModel) =>
  publish(build(await loadSystemFacts(ctx, systemId), now()), format ?? DocumentFormat.MARKDOWN);

@Resolver()
export class ActDocumentResolver {
  @Query(() => [Obligation], { description: "The obligations of the system for its role (provider; deployers per deployment) and risk category, each with whether the graph satisfies it and the facts missing" })
  @RequiresScope("reports:read")
  async obligations(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx): Promise<Obligation[]> {
    return obligationsOf(await loadSystemFacts(ctx, systemId));
  }

  @Query(() => ComplianceDocument, { description: "Instructions for use (Art. 13(3)) drafted from the graph; signed" })
  @RequiresScope("reports:read")
  instructionsForUse(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat) {
    return systemDoc(ctx, systemId, format, buildInstructionsForUse);
  }

  @Query(() => ComplianceDocument, { description: "EU declaration of conformity (Art. 47, Annex V) with the conformity-assessment route (Art. 43), drafted for signature; signed" })
  @RequiresScope("reports:read")
  declarationOfConformity(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat) {
    return systemDoc(ctx, systemId, format, buildDeclaration);
  }

  @Query(() => ComplianceDocument, { description: "Registration data for the EU database (Art. 49, 71): Annex VIII Section A, or Section B for an Art. 6(3) exemption; signed" })
  @RequiresScope("reports:read")
  euDatabaseRegistration(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat) {
    return systemDoc(ctx, systemId, format, buildRegistration);
  }

  @Query(() => ComplianceDocument, { description: "Post-market monitoring plan (Art. 72) from drift thresholds, drift reports and incidents; signed" })
  @RequiresScope("reports:read")
  postMarketMonitoringPlan(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat) {
    return systemDoc(ctx, systemId, format, buildMonitoringPlan);
  }

  @Query(() => ComplianceDocument, { description: "Fundamental rights impact assessment (Art. 27) of one deployment, with the deployer's identity; signed" })
  @RequiresScope("reports:read")
  async fundamentalRightsImpactAssessment(@Arg("deploymentId", () => ID) deploymentId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat) {
    return publish(buildFria(await loadFriaFacts(ctx, deploymentId), deploymentId, now()), format ?? DocumentFormat.MARKDOWN);
  }

  @Query(() => ComplianceDocument, { description: "Explanation of an individual decision (Art. 86) from its trace: model version, main factors, human reviews, approvals in force, gaps; signed" })
  @RequiresScope("reports:read")
  async decisionExplanation(@Arg("decisionId", () => ID) decisionId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat) {
    return publish(buildDecisionExplanation(await loadExplanationFacts(ctx, decisionId), now()), format ?? DocumentFormat.MARKDOWN);
  }
}
