import { Arg, Ctx as Context, Field, FieldResolver, Float, ID, Int, ObjectType, Query, registerEnumType, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput } from "../../../runtime/errors.js";
import { pageSize } from "../../../runtime/nodes.js";
import { DateTimeScalar, JSONScalar } from "../../../runtime/scalars.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { DecisionRef, ModelVersionRef } from "../types.js";
import { logCursor, logPage, logScope } from "./log-extract.js";
import type { LogRecord } from "./log-format.js";
import { siteSequences } from "./log-sites.js";

export enum SequenceCompleteness { COMPLETE = "COMPLETE", INCOMPLETE = "INCOMPLETE", UNKNOWN = "UNKNOWN" }
registerEnumType(SequenceCompleteness, {
  name: "SequenceCompleteness",
  description: "Whether a site's record sequence is whole for a period (Art. 12(1)): UNKNOWN when not recorded (no recorder, or not reported up to the period's end yet)",
});

@ObjectType({ description: "A range of a site's record sequence numbers, both ends included" })
export class LogSequenceRange {
  @Field(() => Int) from!: number;
  @Field(() => Int) to!: number;
}

@ObjectType({ description: "Whether the records one site forwarded through its recorder are whole for the extract's period, on the site's clock (Art. 12(1); docs/sites.md)" })
export class LogSiteSequence {
  @Field(() => ID) siteId!: string;
  @Field(() => String, { nullable: true }) siteName?: string | null;
  @Field(() => SequenceCompleteness) status!: SequenceCompleteness;
  @Field(() => String, { nullable: true, description: "Why the sequence is not shown complete (gaps, chain breaks, refusals named; or what is not recorded); null when COMPLETE" }) reason?: string | null;
  @Field(() => Int, { nullable: true, description: "First sequence received with a site time in the period; null when none" }) firstSequence?: number | null;
  @Field(() => Int, { nullable: true, description: "Last sequence received with a site time in the period; null when none" }) lastSequence?: number | null;
  @Field(() => Int, { description: "Sequences received with a site time in the period (decisions and OpenLineage events)" }) records!: number;
  @Field(() => [LogSequenceRange], { description: "Sequence ranges that may fall in the period and never reached the centre" }) gaps!: LogSequenceRange[];
  @Field(() => [Int], { description: "Sequences in the period whose record fails the site's hash chain (tampered or damaged; not forwarded)" }) chainBreaks!: number[];
  @Field(() => [Int], { description: "Sequences in the period the centre refused (invalid content); they stay in the site's log" }) rejected!: number[];
  @Field(() => DateTimeScalar, { nullable: true, description: "Site time before which every record of the site has reached the centre; null when it never reported" }) reportedThrough?: string | null;
}

@ObjectType({ description: "A drift warning or breach whose window holds a log record's time (Art. 12(2)(a))" })
export class LogDriftEventEntry {
  @Field(() => ID) reportId!: string;
  @Field(() => String, { description: "WARN or DRIFT" }) status!: string;
  @Field(() => DateTimeScalar) windowStart!: string;
  @Field(() => DateTimeScalar) windowEnd!: string;
  @Field(() => ID) deploymentId!: string;
}

@ObjectType({ description: "A serious incident of the system occurred and not completed at a log record's time (Art. 12(2)(a), 73)" })
export class LogIncidentEntry {
  @Field(() => ID) incidentId!: string;
  @Field(() => String) category!: string;
  @Field(() => DateTimeScalar) occurredAt!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the complete report was recorded (Art. 73(5)); null = not completed" }) completedAt?: string | null;
}

@ObjectType({ description: "One automatically recorded event (Art. 12): a decision with its model version, input reference, output and human review" })
export class LogRecordEntry {
  @Field(() => DecisionRef) decision!: { id: string };
  @Field(() => ID) decisionId!: string;
  @Field(() => DateTimeScalar) occurredAt!: string;
  @Field(() => ModelVersionRef) modelVersion!: { id: string };
  @Field(() => ID) modelVersionId!: string;
  @Field(() => String, { nullable: true, description: "Model name and version" }) modelVersionLabel?: string | null;
  @Field(() => ID, { nullable: true }) deploymentId?: string | null;
  @Field(() => String, { description: "Reference of the input: its digest" }) inputDigest!: string;
  @Field(() => JSONScalar) output!: unknown;
  @Field(() => Float, { nullable: true }) confidence?: number | null;
  @Field(() => String, { nullable: true }) explanation?: string | null;
  @Field(() => Int) reviewCount!: number;
  @Field(() => String, { nullable: true, description: "Outcome of the latest human review" }) reviewOutcome?: string | null;
  @Field(() => String, { nullable: true }) reviewer?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) reviewedAt?: string | null;
  @Field(() => Boolean, { description: "True when a person overrode the output" }) overridden!: boolean;
  @Field(() => JSONScalar, { nullable: true }) overrideOutput?: unknown;
  @Field(() => JSONScalar, { description: "Every human review, oldest first: [{outcome, reviewer, reviewedAt, note}] (Art. 14(5) verification by two persons)" }) reviews!: unknown;
  @Field(() => DateTimeScalar, { description: "occurredAt + the log retention in force when the record was written (at least 6 months, Art. 19(1), 26(6)); later profile changes do not move it" }) retainUntil!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: "Start of the period of use of the decision's deployment (Art. 12(3)(a), 26(6)); null = not recorded" }) deploymentStartedAt?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "End of that period of use (endDeployment); null while the deployment is in use (no endDeployment recorded)" }) deploymentEndedAt?: string | null;
  @Field(() => String, { nullable: true, description: "Reference database the input was checked against (Art. 12(3)(b)); null = not recorded" }) referenceDatabase?: string | null;
  @Field(() => [LogDriftEventEntry], { description: "Drift warnings/breaches in force at the record's time (Art. 12(2)(a))" }) driftEvents!: LogDriftEventEntry[];
  @Field(() => [LogIncidentEntry], { description: "Serious incidents in force at the record's time (Art. 12(2)(a))" }) incidents!: LogIncidentEntry[];
  @Field(() => [String], { description: "Facts of this record the graph does not hold (deploymentId, deploymentStartedAt, referenceDatabase where Art. 12(3)(b) applies)" }) missing!: string[];
  @Field(() => String, { description: "Opaque cursor for `logExtract(after:)`" }) cursor!: string;
}

@ObjectType()
export class LogExtractPage {
  @Field(() => [LogRecordEntry]) records!: LogRecordEntry[];
  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page; null on the last page" }) nextCursor?: string | null;
  @Field(() => Int, { description: "Months each record is kept after its event" }) retentionMonths!: number;
  /** The extract's system, period and asOf, for siteSequences. */
  scope!: { systemId: string; from: string; to: string; asOf: string | null };
}

const entry = (r: LogRecord): LogRecordEntry => ({
  ...r, decision: { id: r.decisionId }, modelVersion: { id: r.modelVersionId }, modelVersionLabel: r.modelVersion, cursor: logCursor(r),
});

@Resolver(() => LogExtractPage)
export class LogExtractResolver {
  @Query(() => LogExtractPage, {
    description: "A system's log records in [from, to), oldest first; first default 50, at most 500. For large ranges stream GET /exports/decisions (JSON Lines or CSV, also with asOf).",
  })
  @RequiresScope("reports:read")
  async logExtract(
    @Arg("systemId", () => ID) systemId: string,
    @Arg("from", () => DateTimeScalar) from: string,
    @Arg("to", () => DateTimeScalar) to: string,
    @Context() ctx: Ctx,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The graph as it stood at this instant (default now): the decisions, reviews, drift reports, incidents, profiles and deployment ends recorded by then; the same asOf gives the same records" }) asOf?: string | null,
  ): Promise<LogExtractPage> {
    if (to <= from) throw badInput("to", "must be after from");
    const scope = await logScope(ctx, systemId, asOf ?? null);
    const { records, hasMore } = await logPage(ctx, scope, from, to, pageSize(first), after ?? null);
    const entries = records.map(entry);
    return { records: entries, nextCursor: hasMore && entries.length ? entries[entries.length - 1].cursor : null, retentionMonths: scope.retentionMonths, scope: { systemId, from, to, asOf: asOf ?? null } };
  }

  @FieldResolver(() => [LogSiteSequence], {
    description: "Per site where the system was deployed during the period: whether the records its site recorder numbered are all at the centre (Art. 12(1)), gaps and chain breaks named. The same on every page. With asOf: UNKNOWN for every site (the recorder's progress is kept in place, not as it stood then).",
  })
  siteSequences(@Root() page: LogExtractPage, @Context() ctx: Ctx) {
    return siteSequences(ctx, page.scope.systemId, page.scope.from, page.scope.to, page.scope.asOf);
  }
}
