import { Arg, Ctx as Context, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../runtime/context.js";
import { createdCursor } from "../../runtime/cursor.js";
import { RequiresScope } from "../../runtime/scopes.js";
import * as v from "../../runtime/validate.js";
import { DecideApprovalInput, RecordRiskAssessmentInput } from "./inputs.js";
import * as store from "./store.js";
import { Approval, ApprovalSubjectCheck, RiskAssessment } from "./types.js";

/** Most conditions one approval carries, and the length of each. */
export const MAX_CONDITIONS = 50;
export const MAX_CONDITION = 1000;

@Resolver(() => Approval)
export class ApprovalResolver {
  @Query(() => Approval, { nullable: true })
  @RequiresScope("lineage:read")
  approval(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return store.loadApproval(ctx, id);
  }

  @Mutation(() => Approval, {
    description: "The approver is the caller; nobody decides on what they registered (four-eyes). An identical decision replayed while it is the latest returns it unchanged.",
  })
  @RequiresScope("approvals:decide")
  decideApproval(@Arg("input", () => DecideApprovalInput) input: DecideApprovalInput, @Context() ctx: Ctx) {
    const conditions = v.maxItems("input.conditions", input.conditions ?? [], MAX_CONDITIONS);
    return store.decideApproval(ctx, {
      subjectId: v.text("input.subjectId", input.subjectId, v.MAX_NAME),
      subjectType: input.subjectType,
      decision: input.decision,
      rationale: v.text("input.rationale", input.rationale),
      conditions: conditions.map((c, i) => v.text(`input.conditions[${i}]`, c, MAX_CONDITION)),
    });
  }

  @FieldResolver(() => ApprovalSubjectCheck, { description: "Recomputes the digest of the subject's facts now and compares it with the signed subjectDigest" })
  subjectCheck(@Root() a: Approval, @Context() ctx: Ctx) {
    return store.subjectCheck(ctx, a);
  }

  @FieldResolver(() => Approval, { nullable: true, description: "The decision this one replaced" })
  supersedes(@Root() a: Approval, @Context() ctx: Ctx) {
    return a.supersedesId ? store.loadApproval(ctx, a.supersedesId) : null;
  }
}

@Resolver(() => RiskAssessment)
export class RiskAssessmentResolver {
  @Query(() => RiskAssessment, { nullable: true })
  @RequiresScope("lineage:read")
  riskAssessment(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return store.loadRiskAssessment(ctx, id);
  }

  @Mutation(() => RiskAssessment, { description: "Append-only: the same assessment recorded twice is one; a revision is a new assessment" })
  @RequiresScope("lineage:write")
  recordRiskAssessment(@Arg("input", () => RecordRiskAssessmentInput) input: RecordRiskAssessmentInput, @Context() ctx: Ctx) {
    return store.recordRiskAssessment(ctx, {
      subjectId: v.text("input.subjectId", input.subjectId, v.MAX_NAME),
      subjectType: input.subjectType,
      hazard: v.text("input.hazard", input.hazard),
      affectedPersons: v.text("input.affectedPersons", input.affectedPersons),
      foreseeableMisuse: v.optionalText("input.foreseeableMisuse", input.foreseeableMisuse),
      estimate: v.optionalText("input.estimate", input.estimate),
      mitigation: v.text("input.mitigation", input.mitigation),
      residualRisk: v.text("input.residualRisk", input.residualRisk),
    });
  }

  @FieldResolver(() => String, { description: "Opaque cursor for `riskAssessments(after:)`" })
  cursor(@Root() r: RiskAssessment) {
    return createdCursor(r);
  }
}
