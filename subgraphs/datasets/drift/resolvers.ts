import { Arg, Ctx as Context, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput } from "../../../runtime/errors.js";
import { decodeCursor } from "../../../runtime/cursor.js";
import { pageSize } from "../../../runtime/nodes.js";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { deliveriesOf } from "../webhook/deliveries.js";
import type { DriftReportRow } from "./report.js";
import { listReports, loadReport, reportCursor, statusOverTime, submitWindow } from "./store.js";
import { DeploymentDrift, DriftPoint, DriftReport, ModelVersionRef, WebhookDelivery } from "./types.js";
import { FeatureProfileInput } from "../profile/inputs.js";
import { validateProfile } from "../profile/validate.js";
import { loadDatasetVersion } from "../store.js";
import { DatasetVersion } from "../types.js";
import { notifyDrift } from "../webhook/outbox.js";

/** Points one `driftStatusOverTime` returns by default and at most. */
export const DEFAULT_DRIFT_POINTS = 200;
export const MAX_DRIFT_POINTS = 5000;

@Resolver(() => DriftReport)
export class DriftReportResolver {
  @Query(() => DriftReport, { nullable: true })
  @RequiresScope("lineage:read")
  driftReport(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return loadReport(ctx, id);
  }

  @Query(() => [DriftReport], { description: "Reports whose window overlaps [from, to), by window start; paginated with first (default 50, at most 500) and after (the previous page's last `cursor`)" })
  @RequiresScope("lineage:read")
  driftReports(
    @Context() ctx: Ctx,
    @Arg("modelVersionId", () => ID, { nullable: true }) modelVersionId?: string,
    @Arg("deploymentId", () => ID, { nullable: true }) deploymentId?: string,
    @Arg("from", () => DateTimeScalar, { nullable: true }) from?: string,
    @Arg("to", () => DateTimeScalar, { nullable: true }) to?: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    if (from && to) v.ordered("to", from, to);
    return listReports(ctx, { modelVersionId, deploymentId, from, to, first: pageSize(first), after: decodeCursor(after, 3) });
  }

  @Mutation(() => DriftReport, { description: "Compares a deployment's window with the reference profile of the deployed model version's training data and stores the report; DRIFT triggers the webhook" })
  @RequiresScope("lineage:write")
  async submitFeatureProfile(
    @Arg("deploymentId", () => ID) deploymentId: string,
    @Arg("windowStart", () => DateTimeScalar) windowStart: string,
    @Arg("windowEnd", () => DateTimeScalar) windowEnd: string,
    @Arg("profile", () => FeatureProfileInput) profile: FeatureProfileInput,
    @Context() ctx: Ctx,
  ) {
    if (!(windowEnd > windowStart)) throw badInput("windowEnd", "must be after windowStart");
    const window = validateProfile(profile, "window");
    const { report, created } = await submitWindow(ctx, { deploymentId, windowStart, windowEnd, window }, { deploymentId, windowStart, windowEnd, profile });
    // After the commit, in the background: the receiver never holds up ingestion.
    if (created) notifyDrift(report);
    return report;
  }

  @FieldResolver(() => DeploymentDrift)
  deployment(@Root() r: DriftReportRow) {
    return { id: r.deploymentId };
  }

  @FieldResolver(() => ModelVersionRef, { description: "The deployed model version" })
  modelVersion(@Root() r: DriftReportRow) {
    return { id: r.modelVersionId };
  }

  @FieldResolver(() => DatasetVersion, { description: "The training dataset version whose profile was the reference" })
  reference(@Root() r: DriftReportRow, @Context() ctx: Ctx) {
    return loadDatasetVersion(ctx, r.referenceDatasetVersionId);
  }

  @FieldResolver(() => [WebhookDelivery], { description: "Webhook attempts for this report, in order (DRIFT reports only, when a webhook is configured)" })
  async deliveries(@Root() r: DriftReportRow, @Context() ctx: Ctx) {
    return (await deliveriesOf(ctx, r.id)) ?? [];
  }

  @FieldResolver(() => String, { description: "Opaque cursor for `driftReports(after:)`" })
  cursor(@Root() r: DriftReportRow) {
    return reportCursor(r);
  }
}

@Resolver(() => DeploymentDrift)
export class DeploymentDriftResolver {
  @FieldResolver(() => [DriftPoint], { description: `Drift status per window overlapping [from, to), oldest first; the latest report of a window stands; first default ${DEFAULT_DRIFT_POINTS}, at most ${MAX_DRIFT_POINTS}` })
  async driftStatusOverTime(
    @Root() d: DeploymentDrift,
    @Context() ctx: Ctx,
    @Arg("from", () => DateTimeScalar, { nullable: true }) from?: string,
    @Arg("to", () => DateTimeScalar, { nullable: true }) to?: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_DRIFT_POINTS }) first?: number,
  ) {
    if (from && to) v.ordered("to", from, to);
    const n = Math.min(Math.max(first ?? DEFAULT_DRIFT_POINTS, 0), MAX_DRIFT_POINTS);
    return (await statusOverTime(ctx, d.id, from ?? null, to ?? null, n)) ?? [];
  }
}
