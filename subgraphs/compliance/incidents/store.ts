import { encodeCursor } from "../../../runtime/cursor.js";
import { canonicalJson, stableId } from "../../../runtime/canonical.js";
import { loader, type Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { badInput, notFound } from "../../../runtime/errors.js";
import { list, optNum, optText } from "../../../runtime/graph/mapper.js";
import { createOnce, mutate, type Props } from "../../../runtime/mutation.js";
import { requireIds } from "../../../runtime/nodes.js";
import { authorityStatus, isDueSoon, isOverdue, reportingDeadline, submissionProblem, type IncidentCategoryName, type SubmissionFacts, type SubmissionKindName } from "./deadline.js";
import { toCorrectiveAction, toInvestigation, toReportedIncident, toSubmission } from "./mappers.js";
import { latestStated } from "./template.js";
import { IncidentStage, type Incident } from "./types.js";

export interface IncidentFacts {
  systemId: string;
  category: IncidentCategoryName;
  occurredAt: string;
  awareAt: string;
  deathInvolved: boolean;
  widespread: boolean;
  widespreadReason: string | null;
  memberStates: string[];
  originMemberState: string | null;
  awareParty: "PROVIDER" | "DEPLOYER" | null;
  causalLinkEstablishedAt: string | null;
  description: string;
  /** Template facts (./template.ts), stored only when given: an older report's content hash stays the same. */
  personsAffected?: number;
  harm?: string;
  decisionIds: string[];
  modelVersionIds: string[];
}

/** Incidents with their updates (corrective actions, completion), in one statement. */
const WITH_UPDATES = `
  CALL (i) {
    OPTIONAL MATCH (u:IncidentUpdate {incidentId: i.id}) WHERE $asOf IS NULL OR u.createdAt <= $asOf
    WITH u ORDER BY u.createdAt, u.id
    RETURN collect(u {.*}) AS updates
  }`;

/** An incident as the API shows it: stage, completion and actions derived from its updates. */
export function incidentFromProps(n: Props & { updates: Props[] }, now = Date.now()): Incident {
  const reported = toReportedIncident(n);
  const { dueBy } = reported;
  const updates = (kind: string) => n.updates.filter((u) => u.kind === kind);
  const completion = updates("COMPLETION")[0];
  const investigations = updates("INVESTIGATION").map(toInvestigation);
  const submissions = updates("SUBMISSION").map(toSubmission).sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
  return {
    ...reported,
    stage: completion ? IncidentStage.COMPLETE : IncidentStage.INITIAL,
    personsAffected: latestStated(optNum(n, "personsAffected"), investigations.map((u) => u.personsAffected)),
    harm: latestStated(optText(n, "harm"), investigations.map((u) => u.harm)),
    submissions,
    overdue: isOverdue({ dueBy, submissions }, now),
    authorities: authorityStatus({ dueBy, memberStates: list(n, "memberStates"), submissions }, now),
    dueSoon: isDueSoon({ dueBy, submissions }, now),
    hoursToDeadline: Math.round(((Date.parse(dueBy) - now) / 3_600_000) * 100) / 100,
    correctiveActions: updates("CORRECTIVE_ACTION").map(toCorrectiveAction),
    rootCause: completion ? optText(completion, "rootCause") : null,
    // Updates are oldest first: the last investigation recorded is in force (Art. 73(6)).
    investigation: investigations.at(-1) ?? null,
    completedAt: completion ? optText(completion, "createdAt") : null,
    cursor: encodeCursor([dueBy, reported.id]),
  };
}

export const loadIncident = (ctx: Ctx, id: string) =>
  loader<string, Incident>(ctx, "incident", async (ids) => {
    const rows = await read({ op: "loadIncidents", stats: ctx.stats }, (tx) =>
      tx.run<{ n: Props & { updates: Props[] } }>({
        cypher: `MATCH (i:Incident) WHERE i.id IN $ids ${WITH_UPDATES} RETURN i {.*, updates: updates} AS n`,
        params: { ids, asOf: null },
      }),
    );
    return new Map(rows.map((r) => [r.n.id as string, incidentFromProps(r.n)]));
  }).load(id);

/**
 * Incidents by due date. `overdue: true` keeps those without an initial report submitted by
 * dueBy once dueBy has passed (Art. 73(2)-(4), see deadline.ts isOverdue); `false` keeps the
 * others; null keeps all. `asOf`: the incidents and updates recorded by then, overdue at that
 * instant (null: now).
 */
export async function listIncidents(ctx: Ctx, f: { systemId: string | null; overdue: boolean | null; first: number; after: (string | number)[] | null; asOf?: string | null }): Promise<Incident[]> {
  const asOf = f.asOf ?? null;
  const rows = await read({ op: "incidents", stats: ctx.stats }, (tx) =>
    tx.run<{ n: Props & { updates: Props[] } }>({
      cypher: `
        MATCH (i:Incident) WHERE ($systemId IS NULL OR i.systemId = $systemId) AND ($asOf IS NULL OR i.createdAt <= $asOf) AND ($after IS NULL OR i.dueBy > $after[0] OR (i.dueBy = $after[0] AND i.id > $after[1]))
        ${WITH_UPDATES}
        WITH i, updates, [u IN updates WHERE u.kind = 'SUBMISSION' AND u.submissionKind = 'INITIAL' | datetime(u.submittedAt)] AS initials
        WITH i, updates, CASE WHEN size(initials) = 0 THEN coalesce(datetime($asOf), datetime()) > datetime(i.dueBy)
                              ELSE reduce(m = initials[0], t IN initials | CASE WHEN t < m THEN t ELSE m END) > datetime(i.dueBy) END AS late
        WHERE $overdue IS NULL OR $overdue = late
        RETURN i {.*, updates: updates} AS n ORDER BY i.dueBy, i.id LIMIT $first`,
      params: { ...f, asOf },
    }),
  );
  return rows.map((r) => incidentFromProps(r.n, asOf ? Date.parse(asOf) : Date.now()));
}

/**
 * Records a serious incident with its Art. 73 deadline and links it to the system, the
 * decisions and the model versions involved. The id covers what identifies the event, so a
 * replay is a no-op and a different account of the same event is a CONFLICT.
 */
export function reportIncident(ctx: Ctx, input: IncidentFacts) {
  const deadline = reportingDeadline(input);
  const id = stableId("inc", input.systemId, input.category, input.occurredAt, input.description);
  return mutate(ctx, "reportIncident", input, async (tx) => {
    await requireIds(tx, "AISystem", [input.systemId]);
    await requireIds(tx, "Decision", input.decisionIds);
    await requireIds(tx, "ModelVersion", input.modelVersionIds);
    const owners = await tx.run<{ kind: string; id: string; systemId: string | null; mv: string }>({
      cypher: `
        CALL () {
          UNWIND $decisionIds AS did MATCH (d:Decision {id: did}) RETURN 'Decision' AS kind, d.id AS id, d.modelVersionId AS mv
          UNION ALL
          UNWIND $modelVersionIds AS mid RETURN 'ModelVersion' AS kind, mid AS id, mid AS mv
        }
        OPTIONAL MATCH (v:ModelVersion {id: mv}) OPTIONAL MATCH (m:Model {id: v.modelId})
        RETURN kind, id, mv, m.systemId AS systemId`,
      params: { decisionIds: input.decisionIds, modelVersionIds: input.modelVersionIds },
    });
    const foreign = owners.find((o) => o.systemId !== input.systemId);
    if (foreign) {
      const field = foreign.kind === "Decision" ? "input.decisionIds" : "input.modelVersionIds";
      throw badInput(field, `${foreign.kind} ${foreign.id} does not belong to AISystem ${input.systemId}`);
    }
    const modelVersionIds = [...new Set(owners.map((o) => o.mv))].sort();
    const props = { ...input, modelVersionIds, decisionIds: [...input.decisionIds].sort(), dueBy: deadline.dueBy, deadlineDays: deadline.days, deadlineRule: deadline.rule };
    const { created } = await createOnce(tx, "Incident", id, props, new Date().toISOString(), { reportedBy: ctx.caller.sub });
    if (created) {
      await tx.run({
        cypher: `MATCH (i:Incident {id: $id}), (s:AISystem {id: $systemId}) CREATE (i)-[:CONCERNS]->(s)
                 WITH i
                 CALL (i) { UNWIND $decisionIds AS did MATCH (d:Decision {id: did}) CREATE (i)-[:CONCERNS]->(d) }
                 CALL (i) { UNWIND $modelVersionIds AS mid MATCH (v:ModelVersion {id: mid}) CREATE (i)-[:CONCERNS]->(v) }`,
        params: { id, systemId: input.systemId, decisionIds: props.decisionIds, modelVersionIds },
      });
    }
    return { result: id, changed: created, subjects: [id, input.systemId, ...modelVersionIds] };
  });
}

/** Appends an update (corrective action or completion) to an incident; identical replays are no-ops. */
export function addIncidentUpdate(ctx: Ctx, incidentId: string, kind: "CORRECTIVE_ACTION" | "COMPLETION" | "INVESTIGATION", facts: Props) {
  // One completion per incident: its id ignores the content, so a different second one is a CONFLICT.
  // Investigations are append-only: the id covers the content, the latest recorded is in force.
  const id = kind === "COMPLETION" ? stableId("incc", incidentId)
    : kind === "INVESTIGATION" ? stableId("inci", incidentId, canonicalJson(facts))
    : stableId("inca", incidentId, facts.description as string, facts.takenAt as string);
  const operation = kind === "COMPLETION" ? "completeIncident" : kind === "INVESTIGATION" ? "recordIncidentInvestigation" : "addCorrectiveAction";
  return mutate(ctx, operation, { incidentId, ...facts }, async (tx) => {
    const incident = await tx.one<{ occurredAt: string }>({ cypher: `MATCH (i:Incident {id: $id}) RETURN i.occurredAt AS occurredAt`, params: { id: incidentId } });
    if (!incident) throw notFound("Incident", incidentId);
    if (typeof facts.takenAt === "string" && facts.takenAt < incident.occurredAt) throw badInput("input.takenAt", "must not be before the incident occurred");
    if (typeof facts.startedAt === "string" && facts.startedAt < incident.occurredAt) throw badInput("input.startedAt", "must not be before the incident occurred");
    const { created } = await createOnce(tx, "IncidentUpdate", id, { ...facts, incidentId, kind }, new Date().toISOString(), { recordedBy: ctx.caller.sub });
    if (created) await tx.run({ cypher: `MATCH (u:IncidentUpdate {id: $id}), (i:Incident {id: $i}) CREATE (u)-[:UPDATES]->(i)`, params: { id, i: incidentId } });
    return { result: incidentId, changed: created, subjects: [id, incidentId] };
  });
}

/**
 * Records that a report on the incident was submitted to an authority (Art. 73(1), 73(5)). The
 * id covers kind, time and authority, so a replay is a no-op; the order rules are in deadline.ts.
 */
export function recordSubmission(ctx: Ctx, incidentId: string, s: { kind: SubmissionKindName; submittedAt: string; authority: string; memberState: string | null }) {
  const id = stableId("incs", incidentId, s.kind, s.submittedAt, s.authority, ...(s.memberState ? [s.memberState] : []));
  return mutate(ctx, "recordIncidentSubmission", { incidentId, ...s }, async (tx) => {
    const row = await tx.one<{ awareAt: string; memberStates: string[]; subs: (SubmissionFacts & { authority: string })[]; exists: boolean }>({
      // The write lock on the incident serialises concurrent submissions, so the order rules hold.
      cypher: `MATCH (i:Incident {id: $id}) SET i._lock = true REMOVE i._lock
               WITH i
               OPTIONAL MATCH (u:IncidentUpdate {incidentId: $id, kind: 'SUBMISSION'})
               RETURN i.awareAt AS awareAt, i.memberStates AS memberStates, collect(u {kind: u.submissionKind, .submittedAt, .authority}) AS subs, exists { (:IncidentUpdate {id: $sid}) } AS exists`,
      params: { id: incidentId, sid: id },
    });
    if (!row) throw notFound("Incident", incidentId);
    if (Date.parse(s.submittedAt) < Date.parse(row.awareAt)) throw badInput("submittedAt", "must not be before the incident became known (awareAt)");
    if (s.memberState && !(row.memberStates ?? []).includes(s.memberState)) throw badInput("memberState", `${s.memberState} is not a Member State concerned by the incident (${(row.memberStates ?? []).join(", ")}): Art. 73(1) reports go to the authorities where it occurred`);
    if (!row.exists) {
      const problem = submissionProblem(row.subs, s);
      if (problem) throw badInput("kind", problem);
    }
    const { created } = await createOnce(tx, "IncidentUpdate", id, { incidentId, kind: "SUBMISSION", submissionKind: s.kind, submittedAt: s.submittedAt, authority: s.authority, ...(s.memberState ? { memberState: s.memberState } : {}) }, new Date().toISOString(), { recordedBy: ctx.caller.sub });
    if (created) await tx.run({ cypher: `MATCH (u:IncidentUpdate {id: $id}), (i:Incident {id: $i}) CREATE (u)-[:UPDATES]->(i)`, params: { id, i: incidentId } });
    return { result: incidentId, changed: created, subjects: [id, incidentId] };
  });
}
