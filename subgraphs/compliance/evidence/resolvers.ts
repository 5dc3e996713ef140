import { Arg, Ctx as Context, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput } from "../../../runtime/errors.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { evidenceOf, recordEvidence } from "./store.js";
import { AssessmentOutcome, ComplianceEvidence, ComplianceEvidenceInput, ConformityAssessmentInput, ConformityProcedure, EvidenceKind, OperatorRole, QualityManagementSystemInput } from "./types.js";

const digestOf = (field: string, x: string | null | undefined) => (x ? v.digest(field, x) : null);
const SPECIFIC = new Set([EvidenceKind.CONFORMITY_ASSESSMENT, EvidenceKind.QUALITY_MANAGEMENT_SYSTEM]);

@Resolver()
export class ComplianceEvidenceResolver {
  @Mutation(() => ComplianceEvidence, { description: "Records that a duty was performed (what, when, by whom, the artefact's digest): the evidence an obligation needs to be MET. Art. 43 and 17 have their own mutations." })
  @RequiresScope("lineage:write")
  recordComplianceEvidence(@Arg("systemId", () => ID) systemId: string, @Arg("input", () => ComplianceEvidenceInput) input: ComplianceEvidenceInput, @Context() ctx: Ctx) {
    if (SPECIFIC.has(input.kind)) throw badInput("input.kind", `${input.kind} is recorded with ${input.kind === EvidenceKind.CONFORMITY_ASSESSMENT ? "recordConformityAssessment (Art. 43)" : "recordQualityManagementSystem (Art. 17)"}`);
    return recordEvidence(ctx, "recordComplianceEvidence", v.text("systemId", systemId, v.MAX_NAME), {
      kind: input.kind, role: input.role, deploymentId: input.deploymentId ? v.text("input.deploymentId", input.deploymentId, v.MAX_NAME) : null,
      performedAt: input.performedAt, performedBy: v.text("input.performedBy", input.performedBy, v.MAX_NAME),
      reference: v.text("input.reference", input.reference), digest: digestOf("input.digest", input.digest),
    });
  }

  @Mutation(() => ComplianceEvidence, { description: "Records the conformity assessment that took place (Art. 43): procedure, date, assessor or notified body, outcome, certificate" })
  @RequiresScope("lineage:write")
  recordConformityAssessment(@Arg("systemId", () => ID) systemId: string, @Arg("input", () => ConformityAssessmentInput) input: ConformityAssessmentInput, @Context() ctx: Ctx) {
    const notifiedBody = v.optionalText("input.notifiedBody", input.notifiedBody, v.MAX_NAME) || null;
    const certificateRef = v.optionalText("input.certificateRef", input.certificateRef, v.MAX_NAME) || null;
    if (input.procedure !== ConformityProcedure.ANNEX_VI && !notifiedBody) throw badInput("input.notifiedBody", `${input.procedure} involves a notified body (Art. 43(1), (3)): name it`);
    if (input.procedure !== ConformityProcedure.ANNEX_VI && input.outcome === AssessmentOutcome.CONFORMS && !certificateRef) throw badInput("input.certificateRef", "a notified body's assessment that conforms names its certificate (Annex VII 4.6)");
    return recordEvidence(ctx, "recordConformityAssessment", v.text("systemId", systemId, v.MAX_NAME), {
      kind: EvidenceKind.CONFORMITY_ASSESSMENT, role: OperatorRole.PROVIDER, deploymentId: null, performedAt: input.assessedAt,
      performedBy: v.text("input.assessor", input.assessor, v.MAX_NAME), reference: certificateRef ?? "no certificate (Annex VI internal control)",
      digest: digestOf("input.digest", input.digest), procedure: input.procedure, notifiedBody, outcome: input.outcome, certificateRef,
    });
  }

  @Mutation(() => ComplianceEvidence, { description: "Records the quality management system adopted (Art. 17): reference, version, date of adoption, who adopted it" })
  @RequiresScope("lineage:write")
  recordQualityManagementSystem(@Arg("systemId", () => ID) systemId: string, @Arg("input", () => QualityManagementSystemInput) input: QualityManagementSystemInput, @Context() ctx: Ctx) {
    return recordEvidence(ctx, "recordQualityManagementSystem", v.text("systemId", systemId, v.MAX_NAME), {
      kind: EvidenceKind.QUALITY_MANAGEMENT_SYSTEM, role: OperatorRole.PROVIDER, deploymentId: null, performedAt: input.adoptedAt,
      performedBy: v.text("input.adoptedBy", input.adoptedBy, v.MAX_NAME), reference: v.text("input.reference", input.reference, v.MAX_NAME),
      version: v.text("input.version", input.version, v.MAX_NAME), digest: digestOf("input.digest", input.digest),
    });
  }

  @Query(() => [ComplianceEvidence], { description: "The latest `first` evidence records of a system (at most 1000), oldest first" })
  @RequiresScope("reports:read")
  complianceEvidence(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx, @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first: number) {
    const n = first ?? 100;
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw badInput("first", "must be between 1 and 1000");
    return evidenceOf(ctx, systemId, null, n);
  }
}
