import { Arg, Ctx as Context, ID, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { ComplianceDocument, DocumentFormat } from "../docs/doc-types.js";
import { generateSubjectDocument, generateSystemDocument, SystemDocumentKind } from "./system-documents.js";

const FORMAT = { nullable: true, defaultValue: DocumentFormat.MARKDOWN } as const;
const AS_OF = { nullable: true, description: "The graph as it stood at this instant (default now): the document is generated at asOf, byte-identical for the same asOf" } as const;

@Resolver()
export class DocumentResolver {
  @Query(() => ComplianceDocument, {
    description: "Annex IV technical documentation (Art. 11) of an AI system version, generated from the graph: every section 1-9 with its sources, completeness per section and overall, the missing facts; signed. Each model is documented at its latest version, or at modelVersionId for its model.",
  })
  @RequiresScope("reports:read")
  async technicalDocumentation(
    @Arg("systemId", () => ID) systemId: string,
    @Context() ctx: Ctx,
    @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat,
    @Arg("modelVersionId", () => ID, { nullable: true }) modelVersionId?: string,
    @Arg("asOf", () => DateTimeScalar, AS_OF) asOf?: string | null,
  ) {
    return generateSystemDocument(ctx, SystemDocumentKind.TECHNICAL_DOCUMENTATION, systemId, format, asOf ?? null, modelVersionId ?? null);
  }

  @Query(() => ComplianceDocument, { description: "The serious-incident report (Art. 73) of an incident, with its deadline and lineage; signed" })
  @RequiresScope("reports:read")
  async incidentReport(
    @Arg("id", () => ID) id: string,
    @Context() ctx: Ctx,
    @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat,
    @Arg("memberState", () => String, { nullable: true, description: "Address the report to the market surveillance authority of this Member State (one of the incident's, Art. 73(1)); null: the overview for all" }) memberState?: string | null,
    @Arg("asOf", () => DateTimeScalar, AS_OF) asOf?: string | null,
  ) {
    const options = { memberState: memberState ? memberState.toUpperCase() : null };
    return (await generateSubjectDocument(ctx, SystemDocumentKind.INCIDENT_REPORT, id, format, asOf ?? null, options)).doc;
  }

  @Query(() => ComplianceDocument, {
    description: "Technical documentation of a general-purpose AI model version (Art. 53(1)(a), Annex XI): parameters, modalities, data, training compute in FLOPs and energy, and the Art. 51(2) systemic-risk presumption; signed",
  })
  @RequiresScope("reports:read")
  async gpaiDocumentation(@Arg("modelVersionId", () => ID) modelVersionId: string, @Context() ctx: Ctx, @Arg("format", () => DocumentFormat, FORMAT) format: DocumentFormat, @Arg("asOf", () => DateTimeScalar, AS_OF) asOf?: string | null) {
    return (await generateSubjectDocument(ctx, SystemDocumentKind.GPAI_DOCUMENTATION, modelVersionId, format, asOf ?? null)).doc;
  }
}
