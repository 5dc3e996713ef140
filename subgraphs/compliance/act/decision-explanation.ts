import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { notFound } from "../../../runtime/errors.js";
import type { Props } from "../../../runtime/mutation.js";
import { Checks, type DocModel } from "../docs/model.js";
import { approvalLine, text } from "../docs/values.js";
import { gapsOf, traceDecision, type TraceRow } from "../trace/store.js";

export const EXPLANATION_SCHEMA = "decision-explanation/1";

export interface ExplanationFacts {
  trace: TraceRow;
  decision: Props;
  modelVersion: Props;
  modelName: string | null;
  system: Props | null;
  reviews: Props[];
  /** The approvals in force at the decision's time (full records). */
  approvals: Props[];
}

/** The decision's trace (compliance/trace store) plus what an explanation states of it. */
export async function loadExplanationFacts(ctx: Ctx, decisionId: string): Promise<ExplanationFacts> {
  const trace = await traceDecision(ctx, decisionId);
  if (!trace) throw notFound("Decision", decisionId);
  const row = await read({ op: "decisionExplanation", stats: ctx.stats }, (tx) =>
    tx.one<Omit<ExplanationFacts, "trace">>({
      cypher: `
        MATCH (d:Decision {id: $id})
        MATCH (mv:ModelVersion {id: d.modelVersionId})
        OPTIONAL MATCH (m:Model {id: mv.modelId})
        OPTIONAL MATCH (s:AISystem {id: m.systemId})
        CALL (d) { OPTIONAL MATCH (r:DecisionReview {decisionId: d.id}) WITH r ORDER BY r.createdAt, r.id RETURN collect(r {.*}) AS reviews }
        CALL () { OPTIONAL MATCH (a:Approval) WHERE a.id IN $approvalIds WITH a ORDER BY a.decidedAt RETURN collect(a {.*}) AS approvals }
        RETURN d {.*} AS decision, mv {.id, .version, .artifactDigest} AS modelVersion, m.name AS modelName,
               CASE WHEN s IS NULL THEN null ELSE s {.id, .name, .version, .providerName, .providerContact, .intendedPurpose} END AS system, reviews, approvals`,
      params: { id: decisionId, approvalIds: trace.inForce.filter((a) => a.decision === "APPROVED").map((a) => a.approvalId) },
    }),
  );
  return { trace, ...row! };
}

/**
 * The explanation of an individual decision (Art. 86(1)): the role of the AI system in the
 * procedure and the main elements of the decision, as the graph holds them at the decision's time.
 */
export function buildDecisionExplanation(f: ExplanationFacts, generatedAt: string): DocModel {
  const d = f.decision;
  const id = d.id as string;
  const c = new Checks();
  const gaps = gapsOf(f.trace);
  const systemRow = f.system ? `${f.system.name} ${f.system.version} (${f.system.id}), provider ${f.system.providerName}` : null;
  const rows: [string, string | null][] = [
    ["Decision", id],
    ["Taken at", d.occurredAt as string],
    ["AI system", c.need("Model", (f.modelVersion.id as string), "systemId", systemRow, "the AI system the model belongs to, Art. 86(1)")],
    ["Intended purpose", text(f.system?.intendedPurpose)],
    ["Model version", `${f.modelName ?? "model"} ${f.modelVersion.version} (${f.modelVersion.id}, artifact ${f.modelVersion.artifactDigest})`],
    ["Deployment", f.trace.deployment ? `${f.trace.deployment.id} at site ${f.trace.deployment.siteId}` : c.need("Decision", id, "deploymentId", null, "the deployment that took it, Art. 12(3), 26(6)")],
    ["Output", d.outputJson === undefined || d.outputJson === null ? null : String(d.outputJson)],
    ["Confidence", d.confidence === null || d.confidence === undefined ? "not recorded" : String(d.confidence)],
    // Art. 86(1): "the main elements of the decision taken": the explanation recorded with the decision.
    ["Main factors", c.need("Decision", id, "explanation", text(d.explanation), "the main elements of the decision, Art. 86(1); record decisions with an explanation")],
    ["Drift status at the time", f.trace.drift ?? "no drift report covers the decision's time"],
  ];
  const reviews = f.reviews.map((r) => [r.createdAt as string, r.reviewer as string, r.outcome as string, r.note as string, r.overrideJson ? String(r.overrideJson) : null]);
  // Art. 14, 26(2): a person's review belongs to the explanation of the role of the system in the procedure.
  const c2 = new Checks();
  const c3 = new Checks();
  c2.need("Decision", id, "reviews", f.reviews, "human review of the decision (recordDecisionReview), Art. 14, 86(1)");
  c3.need("ModelVersion", f.modelVersion.id as string, "approval in force", f.trace.inForce.find((a) => a.subjectId === f.modelVersion.id && a.decision === "APPROVED") ?? null, "an APPROVED decision in force at the decision's time (decideApproval)");
  const final = [...f.reviews].reverse().find((r) => r.outcome === "OVERRIDDEN");
  return {
    schema: EXPLANATION_SCHEMA,
    title: `Explanation of an individual decision (Art. 86): ${id}`,
    subject: { type: "Decision", id, label: id },
    generatedAt,
    summary: [
      ["Decision", id], ["Taken at", d.occurredAt as string], ["AI system", systemRow],
      ["Outcome", final ? `overridden by ${final.reviewer} on ${final.createdAt}` : f.reviews.length ? `reviewed (${f.reviews.at(-1)!.outcome})` : "not reviewed by a person"],
    ],
    findings: gaps,
    sections: [
      { number: "1", title: "The decision and the role of the AI system", ref: "Art. 86(1)", blocks: [{ kind: "fields", rows }], data: { ...Object.fromEntries(rows), output: d.outputJson ? JSON.parse(d.outputJson as string) : null, confidence: d.confidence ?? null }, sources: [id, f.modelVersion.id as string, ...(f.system ? [f.system.id as string] : []), ...(f.trace.deployment ? [f.trace.deployment.id] : [])], checks: c.list },
      { number: "2", title: "Human review", ref: "Art. 14, 26(2), 86(1)", blocks: [{ kind: "table", columns: ["Reviewed", "Reviewer", "Outcome", "Note", "Replacing output"], rows: reviews }], data: { reviews: f.reviews.map((r) => ({ id: r.id, reviewer: r.reviewer, outcome: r.outcome, note: r.note, createdAt: r.createdAt })) }, sources: f.reviews.map((r) => r.id as string), checks: c2.list },
      { number: "3", title: "Approvals in force and gaps", ref: "Art. 16, 17, 26(1)", blocks: [{ kind: "list", heading: "Approvals in force at the decision's time", items: f.approvals.length ? f.approvals.map((a) => `${a.subjectType} ${a.subjectId}: ${approvalLine(a)}`) : ["none"] }, { kind: "list", heading: "Gaps in the trace", items: gaps.length ? gaps : ["none"] }], data: { approvals: f.approvals.map((a) => ({ id: a.id, subjectId: a.subjectId, decision: a.decision, approver: a.approver, decidedAt: a.decidedAt })), gaps, datasets: f.trace.datasets.map((x) => x.id) }, sources: f.approvals.map((a) => a.id as string), checks: c3.list },
    ],
  };
}
