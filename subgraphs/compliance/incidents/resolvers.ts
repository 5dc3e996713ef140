import { decodeCursor } from "../../../runtime/cursor.js";
import { Arg, Ctx as Context, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput, notFound } from "../../../runtime/errors.js";
import { pageSize } from "../../../runtime/nodes.js";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { widespreadTest } from "./deadline.js";
import { addIncidentUpdate, listIncidents, loadIncident, recordSubmission, reportIncident } from "./store.js";
import { CompleteIncidentInput, CorrectiveActionInput, Incident, IncidentInvestigationInput, IncidentSubmissionKind, ReportIncidentInput } from "./types.js";

/** Clock skew tolerated on times that must not lie in the future. */
const SKEW_MS = 5 * 60_000;
const MAX_DECISIONS = 1000;

function notFuture(field: string, at: string): string {
  if (Date.parse(at) > Date.now() + SKEW_MS) throw badInput(field, "must not be in the future");
  return at;
}

/** Most persons an incident can state as affected (the EU population, rounded up). */
const MAX_PERSONS = 500_000_000;

/**
 * The reporting-template facts a report or an investigation may state (./template.ts): persons
 * affected (a whole number, 0..MAX_PERSONS) and the harm; only those given are stored.
 */
function templateFacts(prefix: string, input: { personsAffected?: number | null; harm?: string | null }): { personsAffected?: number; harm?: string } {
  const out: { personsAffected?: number; harm?: string } = {};
  if (input.personsAffected !== null && input.personsAffected !== undefined) {
    if (!Number.isInteger(input.personsAffected) || input.personsAffected < 0 || input.personsAffected > MAX_PERSONS) throw badInput(`${prefix}.personsAffected`, `must be a whole number from 0 to ${MAX_PERSONS}`);
    out.personsAffected = input.personsAffected;
  }
  if (input.harm !== null && input.harm !== undefined) out.harm = v.text(`${prefix}.harm`, input.harm);
  return out;
}

async function loaded(ctx: Ctx, id: string): Promise<Incident> {
  const incident = await loadIncident(ctx, id);
  if (!incident) throw notFound("Incident", id);
  return incident;
}

@Resolver(() => Incident)
export class IncidentResolver {
  @Mutation(() => Incident, { description: "Records a serious incident (Art. 73) with its reporting deadline; replaying the same report returns it unchanged" })
  @RequiresScope("lineage:write")
  async reportIncident(@Arg("input", () => ReportIncidentInput) input: ReportIncidentInput, @Context() ctx: Ctx) {
    notFuture("input.occurredAt", input.occurredAt);
    notFuture("input.awareAt", input.awareAt);
    if (input.awareAt < input.occurredAt) throw badInput("input.awareAt", "must not be before occurredAt");
    if (input.memberStates.length === 0) throw badInput("input.memberStates", "name at least one Member State concerned");
    const memberStates = [...new Set(v.maxItems("input.memberStates", input.memberStates, 27))].sort().map((c, i) => {
      if (!v.EU_MEMBER_STATES.has(c)) throw badInput(`input.memberStates[${i}]`, `"${c.slice(0, 10)}" is not the ISO code of an EU Member State`);
      return c;
    });
    const origin = input.originMemberState ?? null;
    if (origin !== null && !v.EU_MEMBER_STATES.has(origin)) throw badInput("input.originMemberState", `"${origin.slice(0, 10)}" is not the ISO code of an EU Member State`);
    // Art. 3(61): a claimed widespread infringement must concern enough Member States.
    const wide = widespreadTest(memberStates, origin);
    if (input.widespread && !wide.qualifies) throw badInput("input.widespread", `not a widespread infringement under ${wide.reason}`);
    if (input.causalLinkEstablishedAt) {
      notFuture("input.causalLinkEstablishedAt", input.causalLinkEstablishedAt);
      if (input.causalLinkEstablishedAt < input.occurredAt) throw badInput("input.causalLinkEstablishedAt", "must not be before occurredAt");
    }
    const id = await reportIncident(ctx, {
      systemId: v.text("input.systemId", input.systemId, v.MAX_NAME),
      category: input.category,
      occurredAt: input.occurredAt,
      awareAt: input.awareAt,
      deathInvolved: input.deathInvolved,
      widespread: input.widespread,
      widespreadReason: input.widespread ? wide.reason : null,
      memberStates,
      originMemberState: origin,
      awareParty: input.awareParty ?? null,
      causalLinkEstablishedAt: input.causalLinkEstablishedAt ?? null,
      description: v.text("input.description", input.description),
      ...templateFacts("input", input),
      decisionIds: [...new Set(v.maxItems("input.decisionIds", input.decisionIds ?? [], MAX_DECISIONS))],
      modelVersionIds: [...new Set(v.maxItems("input.modelVersionIds", input.modelVersionIds ?? [], 100))],
    });
    return loaded(ctx, id);
  }

  @Mutation(() => Incident, { description: "Records a corrective action taken after an incident" })
  @RequiresScope("lineage:write")
  async addCorrectiveAction(@Arg("incidentId", () => ID) incidentId: string, @Arg("input", () => CorrectiveActionInput) input: CorrectiveActionInput, @Context() ctx: Ctx) {
    const facts = { description: v.text("input.description", input.description), takenAt: notFuture("input.takenAt", input.takenAt) };
    return loaded(ctx, await addIncidentUpdate(ctx, incidentId, "CORRECTIVE_ACTION", facts));
  }

  @Mutation(() => Incident, { description: "Records the provider's investigation (Art. 73(6)): when it started, the risk assessment, whether the system was altered and when the authorities were informed; the latest record is in force" })
  @RequiresScope("lineage:write")
  async recordIncidentInvestigation(@Arg("incidentId", () => ID) incidentId: string, @Arg("input", () => IncidentInvestigationInput) input: IncidentInvestigationInput, @Context() ctx: Ctx) {
    if (input.systemAltered !== true && input.alteredAt) throw badInput("input.alteredAt", "only with systemAltered: true");
    const facts = {
      startedAt: notFuture("input.startedAt", input.startedAt),
      riskAssessment: v.optionalText("input.riskAssessment", input.riskAssessment),
      systemAltered: input.systemAltered ?? null,
      alteredAt: input.alteredAt ? notFuture("input.alteredAt", input.alteredAt) : null,
      authoritiesInformedAt: input.authoritiesInformedAt ? notFuture("input.authoritiesInformedAt", input.authoritiesInformedAt) : null,
      ...templateFacts("input", input),
    };
    return loaded(ctx, await addIncidentUpdate(ctx, incidentId, "INVESTIGATION", facts));
  }

  @Mutation(() => Incident, { description: "Completes the report (stage COMPLETE) with the investigation's root cause (Art. 73(5))" })
  @RequiresScope("lineage:write")
  async completeIncident(@Arg("incidentId", () => ID) incidentId: string, @Arg("input", () => CompleteIncidentInput) input: CompleteIncidentInput, @Context() ctx: Ctx) {
    return loaded(ctx, await addIncidentUpdate(ctx, incidentId, "COMPLETION", { rootCause: v.text("input.rootCause", input.rootCause) }));
  }

  @Mutation(() => Incident, { description: "Records a report submitted to a market surveillance authority (Art. 73(1), 73(5)); the deadline is met by the first INITIAL submission" })
  @RequiresScope("lineage:write")
  async recordIncidentSubmission(
    @Arg("incidentId", () => ID) incidentId: string,
    @Arg("kind", () => IncidentSubmissionKind) kind: IncidentSubmissionKind,
    @Arg("submittedAt", () => DateTimeScalar) submittedAt: string,
    @Arg("authority", () => String) authority: string,
    @Context() ctx: Ctx,
    @Arg("memberState", () => String, { nullable: true, description: "The Member State (ISO code, one of the incident's) whose authority it went to (Art. 73(1))" }) memberState?: string | null,
  ) {
    const ms = memberState ? v.text("memberState", memberState, 2).toUpperCase() : null;
    const facts = { kind, submittedAt: notFuture("submittedAt", submittedAt), authority: v.text("authority", authority, v.MAX_NAME), memberState: ms };
    return loaded(ctx, await recordSubmission(ctx, incidentId, facts));
  }

  @Query(() => Incident, { nullable: true })
  @RequiresScope("reports:read")
  incident(@Arg("id", () => ID) id: string, @Context() ctx: Ctx) {
    return loadIncident(ctx, id);
  }

  @Query(() => [Incident], {
    description: "Incidents by due date, soonest first. overdue: true lists those with no initial report submitted by dueBy, once dueBy has passed (Art. 73). Paginated with first (default 50, at most 500) and after (the last incident's `cursor`).",
  })
  @RequiresScope("reports:read")
  incidents(
    @Context() ctx: Ctx,
    @Arg("systemId", () => ID, { nullable: true }) systemId?: string,
    @Arg("overdue", () => Boolean, { nullable: true }) overdue?: boolean,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return listIncidents(ctx, { systemId: systemId ?? null, overdue: overdue ?? null, first: pageSize(first), after: decodeCursor(after, 2) });
  }
}
