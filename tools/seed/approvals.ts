import { ToolError } from "../client.js";
import type { Api } from "./api.js";
import { PEOPLE } from "./catalogue/infra.js";
import type { ApprovalStep } from "./catalogue/types.js";
import { DECIDE, MODEL_VERSION_APPROVALS } from "./operations.js";

export interface Decided {
  id: string;
  decision: string;
  decidedAt: string;
}

type SubjectType = "MODEL_VERSION" | "DATASET_VERSION" | "DEPLOYMENT";

const decide = async (api: Api, subjectId: string, subjectType: SubjectType, step: ApprovalStep): Promise<Decided> =>
  (await api.call<{ decideApproval: Decided }>(PEOPLE[step.by], DECIDE, {
    i: { subjectId, subjectType, decision: step.decision, rationale: step.rationale, conditions: step.conditions ?? [] },
  })).decideApproval;

/**
 * Brings a subject's approval history to `steps`, idempotently. One step: the API returns an
 * identical decision that is still the latest unchanged. Several steps (approve, then revoke):
 * re-sending the approval after the revocation would approve again, so the history is read
 * first and only the missing steps are decided.
 */
export async function applyApprovals(api: Api, subjectId: string, subjectType: SubjectType, steps: ApprovalStep[]): Promise<Decided[]> {
  if (steps.length <= 1) return Promise.all(steps.map((s) => decide(api, subjectId, subjectType, s)));
  if (subjectType !== "MODEL_VERSION") throw new ToolError(`the seed keeps approval histories of model versions only (${subjectId})`);
  const existing = (await api.call<{ modelVersion: { approvals: Decided[] } | null }>(PEOPLE.pipeline, MODEL_VERSION_APPROVALS, { id: subjectId }))
    .modelVersion?.approvals ?? [];
  const prefix = existing.every((a, i) => steps[i]?.decision === a.decision);
  if (!prefix) {
    throw new ToolError(`model version ${subjectId} has approvals the seed did not make (${existing.map((a) => a.decision).join(", ")}): seed a fresh database or use another --prefix`);
  }
  const history = [...existing];
  for (const step of steps.slice(existing.length)) history.push(await decide(api, subjectId, subjectType, step));
  return history;
}
