import { Arg, Ctx as Context, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput } from "../../../runtime/errors.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { DocumentFormat } from "../docs/doc-types.js";
import { IssuedDocument } from "./archive-types.js";
import { issuedDocument, issuedDocuments, issueSystemDocument } from "./archive-store.js";
import { SystemDocumentKind } from "./system-documents.js";

@Resolver()
export class DocumentArchiveResolver {
  @Mutation(() => IssuedDocument, { description: "Issues a document of a system (or, with subjectId, of one of its records: the deployment of a FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT, the incident of an INCIDENT_REPORT, the model version of a GPAI_DOCUMENTATION, the decision of a DECISION_EXPLANATION): generated as the graph stands now (asOf = issuedAt), signed, archived for ten years (Art. 18), audited" })
  @RequiresScope("lineage:write")
  issueDocument(
    @Arg("kind", () => SystemDocumentKind) kind: SystemDocumentKind,
    @Arg("systemId", () => ID) systemId: string,
    @Context() ctx: Ctx,
    @Arg("format", () => DocumentFormat, { nullable: true, defaultValue: DocumentFormat.MARKDOWN }) format: DocumentFormat,
    @Arg("subjectId", () => ID, { nullable: true, description: "The record the document is about, which must belong to systemId: the deployment (FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT), incident (INCIDENT_REPORT), model version (GPAI_DOCUMENTATION) or decision (DECISION_EXPLANATION); omitted for the documents of the system itself" }) subjectId?: string | null,
  ) {
    const subject = subjectId == null ? null : v.text("subjectId", subjectId, v.MAX_NAME);
    return issueSystemDocument(ctx, kind, v.text("systemId", systemId, v.MAX_NAME), subject, format ?? DocumentFormat.MARKDOWN);
  }

  @Query(() => IssuedDocument, { description: "An archived document by its id or digest (sha256:<hex>)" })
  @RequiresScope("reports:read")
  issuedDocument(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return issuedDocument(ctx, v.text("id", id, v.MAX_NAME));
  }

  @Query(() => [IssuedDocument], { description: "The latest `first` documents issued for a system (at most 100), newest first" })
  @RequiresScope("reports:read")
  issuedDocuments(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx, @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number) {
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 1 || n > 100) throw badInput("first", "must be between 1 and 100");
    return issuedDocuments(ctx, systemId, n);
  }
}
