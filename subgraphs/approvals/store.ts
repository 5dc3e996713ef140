import { canonicalJson, stableId } from "../../runtime/canonical.js";
import { read } from "../../runtime/db.js";
import type { Ctx } from "../../runtime/context.js";
import { createOnce, mutate, type Props } from "../../runtime/mutation.js";
import { afterCreated, decodeCreatedCursor } from "../../runtime/cursor.js";
import { byId, pageSize, related, requireIds } from "../../runtime/nodes.js";
import {
  APPROVAL_SUBJECT_LABELS, RISK_SUBJECT_LABELS, checkFourEyes, checkTransition, decisionTime, isReplay,
  type DecisionRequest,
} from "./rules.js";
import { approvalInForce as inForce, latestBySeq } from "../../runtime/graph/vocabulary.js";
import { readSubjectFacts, subjectDigest } from "../../runtime/graph/frozen.js";
import { approvalRecord, signApproval } from "./signature.js";
import { toApproval, toRiskAssessment } from "./mappers.js";
import type { Approval, RiskSubjectType } from "./types.js";

const now = () => new Date().toISOString();

// ---------------------------------------------------------------- reads
export const loadApproval = async (ctx: Ctx, id: string) => toApproval.orNull(await byId(ctx, "Approval").load(id));
export const loadRiskAssessment = async (ctx: Ctx, id: string) => toRiskAssessment.orNull(await byId(ctx, "RiskAssessment").load(id));

/** A subject's approvals, oldest first, `first` of them after position `afterSeq`. */
export const approvalsOf = async (ctx: Ctx, subjectId: string, first?: number | null, afterSeq?: number | null) =>
  (await related(
    ctx,
    "approvalsOf",
    `MATCH (a:Approval) WHERE a.subjectId IN $ids AND a.seq > $afterSeq
     WITH a ORDER BY a.seq
     WITH a.subjectId AS key, collect(a {.*})[0..$first] AS list
     UNWIND list AS n RETURN key, n`,
    { first: pageSize(first), afterSeq: afterSeq ?? 0 },
  ).load(subjectId))?.map(toApproval) ?? null;

/**
 * The latest decision on a subject taken at or before `at` (null: now), whatever it is: the
 * same ordering as ModelVersion.status, so "in force now" and status always agree.
 */
export const approvalInForce = async (ctx: Ctx, subjectId: string, at: string | null) => {
  const rows = await related(
    ctx,
    "approvalInForce",
    `UNWIND $ids AS key
     ${inForce({ subjectId: "key", at: at === null ? undefined : "$at", scope: ["key"] })}
     WITH key, a WHERE a IS NOT NULL
     RETURN key, a {.*} AS n`,
    { at },
  ).load(subjectId);
  return toApproval.orNull(rows?.[0]);
};

/** The subject of an approval now: its facts, their digest, and whether it matches the signed one. */
export async function subjectCheck(ctx: Ctx, a: Approval) {
  const label = APPROVAL_SUBJECT_LABELS[a.subjectType];
  const facts = await read({ op: "approvalSubjectCheck", stats: ctx.stats }, (tx) => readSubjectFacts(tx, label, a.subjectId));
  const currentDigest = subjectDigest(facts!);
  const recordedDigest = a.subjectDigest ?? null;
  return { recordedDigest, currentDigest, unchanged: recordedDigest === null ? null : recordedDigest === currentDigest, facts: canonicalJson(facts) };
}

/** A subject's risk assessments in (createdAt, id) order, paginated like ModelVersion lists. */
export const riskAssessmentsOf = async (ctx: Ctx, subjectId: string, first?: number | null, after?: string | null) =>
  (await related(
    ctx,
    "riskAssessmentsOf",
    `MATCH (r:RiskAssessment) WHERE r.subjectId IN $ids AND ${afterCreated("r")}
     WITH r ORDER BY r.createdAt, r.id
     WITH r.subjectId AS key, collect(r {.*})[0..$first] AS list
     UNWIND list AS n RETURN key, n`,
    { first: pageSize(first), after: decodeCreatedCursor(after) },
  ).load(subjectId))?.map(toRiskAssessment) ?? null;

// ---------------------------------------------------------------- writes
/**
 * Records a decision by the caller. The subject node is write-locked first, so concurrent
 * decisions on one subject queue up and each sees the one before it: seq has no gaps or
 * twins, SUPERSEDES forms one chain, and an identical replay finds its original.
 */
export function decideApproval(ctx: Ctx, request: DecisionRequest) {
  const label = APPROVAL_SUBJECT_LABELS[request.subjectType];
  const approver = ctx.caller.sub;
  return mutate(ctx, "decideApproval", request, async (tx) => {
    await requireIds(tx, label, [request.subjectId]);
    // SET + REMOVE takes the node's write lock (held until commit) and leaves nothing on a node another subgraph owns.
    const subject = await tx.one<{ registeredBy: unknown; registeredByIdentity: unknown }>({
      cypher: `MATCH (s:${label} {id: $id}) SET s._approvalLock = true REMOVE s._approvalLock
               RETURN s.registeredBy AS registeredBy, s.registeredByIdentity AS registeredByIdentity`,
      params: { id: request.subjectId },
    });
    checkFourEyes(subject, ctx.caller);
    const latestRow = await tx.one<{ a: Props | null }>({
      cypher: `${latestBySeq({ label: "Approval", key: "subjectId", of: "$id", where: "a.subjectType = $type", scope: [], as: "a" })}
               RETURN a {.*} AS a`,
      params: { id: request.subjectId, type: request.subjectType },
    });
    const latest = toApproval.orNull(latestRow?.a) ?? undefined;
    if (latest && isReplay(latest, request, approver)) return { result: latest, changed: false, subjects: [] };
    checkTransition(latest, request.decision);

    const seq = (latest?.seq ?? 0) + 1;
    // What is decided on, signed with the decision: a later change of it is detectable offline.
    const facts = await readSubjectFacts(tx, label, request.subjectId, true);
    const record = approvalRecord({
      id: stableId("apr", request.subjectType, request.subjectId, seq),
      ...request,
      approver,
      decidedAt: decisionTime(now(), latest),
      supersedesId: latest?.id ?? null,
      subjectDigest: subjectDigest(facts!),
    });
    const props = { ...record, seq, signature: await signApproval(record), createdAt: record.decidedAt };
    await tx.run({
      cypher: `MATCH (s:${label} {id: $props.subjectId})
               CREATE (a:Approval:Entity) SET a = $props
               CREATE (a)-[:APPROVES]->(s)
               WITH a
               CALL (a) { MATCH (p:Approval {id: $props.supersedesId}) CREATE (a)-[:SUPERSEDES]->(p) }`,
      params: { props },
    });
    return { result: toApproval(props), changed: true, subjects: latest ? [record.id, request.subjectId, latest.id] : [record.id, request.subjectId] };
  });
}

export interface RiskInput {
  subjectId: string;
  subjectType: RiskSubjectType;
  hazard: string;
  affectedPersons: string;
  foreseeableMisuse: string | null;
  estimate: string | null;
  mitigation: string;
  residualRisk: string;
}

/**
 * Records a risk assessment. Assessments are append-only: the id covers the whole content and
 * the assessor, so a replay is a no-op and a revised assessment is a new node.
 */
export function recordRiskAssessment(ctx: Ctx, input: RiskInput) {
  const label = RISK_SUBJECT_LABELS[input.subjectType];
  const props: Props = { ...input, assessedBy: ctx.caller.sub };
  const id = stableId("risk", canonicalJson(props));
  return mutate(ctx, "recordRiskAssessment", input, async (tx) => {
    await requireIds(tx, label, [input.subjectId]);
    const { node, created } = await createOnce(tx, "RiskAssessment", id, props, now());
    if (created) {
      await tx.run({ cypher: `MATCH (r:RiskAssessment {id: $id}), (s:${label} {id: $s}) CREATE (r)-[:ASSESSES]->(s)`, params: { id, s: input.subjectId } });
    }
    return { result: toRiskAssessment(node), changed: created, subjects: [id, input.subjectId] };
  });
}
