import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { notFound, requireRecordedBy } from "../../../runtime/errors.js";
import { latestBySeq } from "../../../runtime/graph/vocabulary.js";
import type { Props } from "../../../runtime/mutation.js";
import { Checks, type DocModel } from "../docs/model.js";
import { text } from "../docs/values.js";
import { art86Applies } from "./rules/art86.js";

export const EXPLANATION_SCHEMA = "decision-explanation/2";

/** What an explanation to the person affected states: the decision, its system, the deployer's facts, the reviews. */
export interface ExplanationFacts {
  decision: Props;
  modelVersionId: string;
  system: Props | null;
  annexIIIPoint: string | null;
  /** The deployer's facts in force for the decision's deployment; null when none recorded. */
  deployer: Props | null;
  reviews: Props[];
}

/**
 * The decision and what explains it. `asOf`: as the graph stood then: the decision must have been
 * recorded by then (NOT_FOUND saying when it was, otherwise); the profile and deployer records in
 * force then and the reviews recorded by then (all append-only, each with its createdAt).
 */
export async function loadExplanationFacts(ctx: Ctx, decisionId: string, asOf: string | null = null): Promise<ExplanationFacts> {
  const row = await read({ op: "decisionExplanation", stats: ctx.stats }, (tx) =>
    tx.one<ExplanationFacts>({
      cypher: `
        MATCH (d:Decision {id: $id})
        OPTIONAL MATCH (mv:ModelVersion {id: d.modelVersionId})
        OPTIONAL MATCH (m:Model {id: mv.modelId})
        OPTIONAL MATCH (s:AISystem {id: m.systemId})
        ${latestBySeq({ label: "ComplianceProfile", key: "systemId", of: "s.id", scope: ["s"], as: "p", where: "$asOf IS NULL OR p.createdAt <= $asOf" })}
        ${latestBySeq({ label: "DeploymentCompliance", key: "deploymentId", of: "d.deploymentId", scope: ["d"], as: "c", where: "$asOf IS NULL OR c.createdAt <= $asOf" })}
        CALL (d) { OPTIONAL MATCH (r:DecisionReview {decisionId: d.id}) WHERE $asOf IS NULL OR r.createdAt <= $asOf WITH r ORDER BY r.createdAt, r.id RETURN collect(r {.*}) AS reviews }
        RETURN d {.*} AS decision, d.modelVersionId AS modelVersionId, p.annexIIIPoint AS annexIIIPoint, c {.*} AS deployer, reviews,
               CASE WHEN s IS NULL THEN null ELSE s {.id, .name, .version, .providerName, .annexIIIArea} END AS system`,
      params: { id: decisionId, asOf },
    }),
  );
  if (!row) throw notFound("Decision", decisionId);
  requireRecordedBy("Decision", decisionId, row.decision.createdAt, asOf);
  return row;
}

const REVIEW_WORDS: Record<string, string> = { CONFIRMED: "confirmed the result", OVERRIDDEN: "changed the result", ESCALATED: "passed it on for a further decision" };

/**
 * The explanation of an individual decision for the person affected (Art. 86(1)), in plain
 * language: what was decided, the role of the AI system in the deployer's procedure (how its
 * output is used, who decides, what weight it has), the main elements, and the person's rights.
 * Only where Art. 86 applies; otherwise it says why not. The audit trace is a separate document
 * (`decisionTrace`).
 */
export function buildDecisionExplanation(f: ExplanationFacts, generatedAt: string): DocModel {
  const d = f.decision;
  const id = d.id as string;
  const dep = f.deployer;
  const depId = (d.deploymentId as string | null) ?? "(no deployment recorded)";
  const scope = art86Applies((f.system?.annexIIIArea as string | null) ?? null, f.annexIIIPoint, dep?.legalOrSignificantEffect as boolean | null);
  const c = new Checks();
  const need = (field: string, v: unknown, hint: string) => c.need("DeploymentCompliance", depId, field, text(v), `${hint}; record with recordDeploymentCompliance`);
  const final = [...f.reviews].reverse().find((r) => r.outcome === "OVERRIDDEN");
  const who = text(dep?.deployerName) ?? "the organisation that used the system";
  const outcome = final?.overrideJson ? String(final.overrideJson) : d.outputJson ? String(d.outputJson) : null;
  const reviewText = f.reviews.length
    ? f.reviews.map((r) => `A person (${r.reviewer}) reviewed it on ${r.createdAt} and ${REVIEW_WORDS[r.outcome as string] ?? String(r.outcome).toLowerCase()}${r.note ? `: ${r.note}` : ""}.`).join(" ")
    : "No person reviewed this decision after the system produced its result.";
  const role: [string, string | null][] = [
    ["What was decided", `On ${d.occurredAt}, ${who} reached this result: ${outcome ?? "not recorded"}.`],
    ["The AI system", f.system ? `${f.system.name} ${f.system.version}, made by ${f.system.providerName}` : null],
    ["How its result is used", need("outputUse", dep?.outputUse, "how the system's output is used in the decision procedure, Art. 86(1)")],
    ["Who decides", need("decisionMaker", dep?.decisionMaker, "who takes the decision, Art. 86(1)")],
    ["How much weight the result has", need("outputWeight", dep?.outputWeight, "what weight the output has in the decision, Art. 86(1)")],
    ["Human review", reviewText],
  ];
  const c2 = new Checks();
  const main = c2.need("Decision", id, "explanation", text(d.explanation), "the main elements of the decision, Art. 86(1); record decisions with an explanation");
  const rights = [
    "You have the right to this explanation of the role of the AI system and of the main elements of the decision (Art. 86(1) of Regulation (EU) 2024/1689).",
    `To ask questions or contest the decision, contact ${text(dep?.deployerContact) ?? who}.`,
    "Where the decision is based solely on automated processing of your personal data, you may obtain human intervention, express your point of view and contest it (Art. 22(3) of Regulation (EU) 2016/679).",
    "You may lodge a complaint with the market surveillance authority (Art. 85 of Regulation (EU) 2024/1689) and, about your personal data, with the data protection authority (Art. 77 of Regulation (EU) 2016/679).",
  ];
  const c4 = new Checks();
  c4.need("DeploymentCompliance", depId, "deployerContact", text(dep?.deployerContact), "whom the person contacts, Art. 86(1); record with recordDeploymentCompliance");
  const applies = scope.applies !== false;
  return {
    schema: EXPLANATION_SCHEMA,
    title: `Explanation of a decision about you (Art. 86): ${id}`,
    subject: { type: "Decision", id, label: id },
    generatedAt,
    summary: [["Decision", id], ["Taken on", d.occurredAt as string], ["Taken by", who], ["Art. 86", scope.applies === true ? "applies" : scope.applies === false ? "does not apply" : "not decided by the recorded facts"]],
    findings: [scope.why, "The audit trace of this decision (model version, data, approvals) is a separate document: decisionTrace(decisionId)."],
    sections: applies ? [
      { number: "1", title: "The decision and the role of the AI system", ref: "Art. 86(1)", blocks: [{ kind: "fields", rows: role }], data: { ...Object.fromEntries(role), output: d.outputJson ? JSON.parse(d.outputJson as string) : null, reviews: f.reviews.map((r) => ({ reviewer: r.reviewer, outcome: r.outcome, createdAt: r.createdAt })) }, sources: [id, ...(d.deploymentId ? [d.deploymentId as string] : []), ...(dep ? [dep.id as string] : []), ...f.reviews.map((r) => r.id as string)], checks: c.list },
      { number: "2", title: "The main elements of the decision", ref: "Art. 86(1)", blocks: [{ kind: "text", text: main ?? "not recorded" }], data: { mainElements: main, confidence: d.confidence ?? null }, sources: [id], checks: c2.list },
      { number: "3", title: "Your rights", ref: "Art. 85, 86 AI Act; Art. 22, 77 GDPR", blocks: [{ kind: "list", items: rights }], data: { rights }, sources: dep ? [dep.id as string] : [], checks: c4.list },
    ] : [],
    applicable: applies,
    blockers: scope.applies === null ? [`Art. 86(1): ${scope.why}; record DeploymentCompliance ${depId}: legalOrSignificantEffect with recordDeploymentCompliance`] : [],
  };
}
