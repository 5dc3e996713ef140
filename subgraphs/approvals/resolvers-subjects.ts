import { Arg, Ctx as Context, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../runtime/context.js";
import { DateTimeScalar } from "../../runtime/scalars.js";
import * as store from "./store.js";
import { AISystemRisks, Approval, DatasetVersionApprovals, DeploymentApprovals, ModelVersionApprovals, RiskAssessment } from "./types.js";

// The same three fields on each subject an approval can be about; the classes stay thin.
const APPROVALS = "Every decision on it, oldest first; paginated with first (default 50, at most 500) and afterSeq (the last seq of the previous page)";
const IN_FORCE =
  "The latest decision taken at or before `at` (default now), whatever it is: check `decision` (APPROVED is in force; REJECTED or REVOKED means not approved). Null when nothing was decided by then.";
const RISKS = "Its risk assessments, oldest first; paginated with first (default 50, at most 500) and after (the previous page's last `cursor`)";

const approvals = (ctx: Ctx, id: string, first: number, afterSeq?: number | null) => store.approvalsOf(ctx, id, first, afterSeq).then((l) => l ?? []);
const risks = (ctx: Ctx, id: string, first: number, after?: string | null) => store.riskAssessmentsOf(ctx, id, first, after).then((l) => l ?? []);

@Resolver(() => ModelVersionApprovals)
export class ModelVersionApprovalsResolver {
  @FieldResolver(() => [Approval], { description: APPROVALS })
  approvals(
    @Root() s: ModelVersionApprovals,
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg("afterSeq", () => Int, { nullable: true }) afterSeq?: number,
  ) {
    return approvals(ctx, s.id, first, afterSeq);
  }

  @FieldResolver(() => Approval, { nullable: true, description: IN_FORCE })
  approvalInForce(@Root() s: ModelVersionApprovals, @Context() ctx: Ctx, @Arg("at", () => DateTimeScalar, { nullable: true }) at?: string) {
    return store.approvalInForce(ctx, s.id, at ?? null);
  }

  @FieldResolver(() => [RiskAssessment], { description: RISKS })
  riskAssessments(
    @Root() s: ModelVersionApprovals,
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return risks(ctx, s.id, first, after);
  }
}

@Resolver(() => DatasetVersionApprovals)
export class DatasetVersionApprovalsResolver {
  @FieldResolver(() => [Approval], { description: APPROVALS })
  approvals(
    @Root() s: DatasetVersionApprovals,
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg("afterSeq", () => Int, { nullable: true }) afterSeq?: number,
  ) {
    return approvals(ctx, s.id, first, afterSeq);
  }

  @FieldResolver(() => Approval, { nullable: true, description: IN_FORCE })
  approvalInForce(@Root() s: DatasetVersionApprovals, @Context() ctx: Ctx, @Arg("at", () => DateTimeScalar, { nullable: true }) at?: string) {
    return store.approvalInForce(ctx, s.id, at ?? null);
  }
}

@Resolver(() => DeploymentApprovals)
export class DeploymentApprovalsResolver {
  @FieldResolver(() => [Approval], { description: APPROVALS })
  approvals(
    @Root() s: DeploymentApprovals,
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg("afterSeq", () => Int, { nullable: true }) afterSeq?: number,
  ) {
    return approvals(ctx, s.id, first, afterSeq);
  }

  @FieldResolver(() => Approval, { nullable: true, description: IN_FORCE })
  approvalInForce(@Root() s: DeploymentApprovals, @Context() ctx: Ctx, @Arg("at", () => DateTimeScalar, { nullable: true }) at?: string) {
    return store.approvalInForce(ctx, s.id, at ?? null);
  }
}

@Resolver(() => AISystemRisks)
export class AISystemRisksResolver {
  @FieldResolver(() => [RiskAssessment], { description: RISKS })
  riskAssessments(
    @Root() s: AISystemRisks,
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return risks(ctx, s.id, first, after);
  }
}
