import type { Caller } from "../../runtime/auth/caller.js";
import { isRegistrant } from "../../runtime/auth/identity.js";
import { badInput, forbidden } from "../../runtime/errors.js";
import type { Label } from "../../runtime/graph/vocabulary.js";
import { ApprovalDecision, ApprovalSubjectType, RiskSubjectType } from "./types.js";

/** The label of each kind of subject: the closed set Cypher takes labels from. */
export const APPROVAL_SUBJECT_LABELS: Record<ApprovalSubjectType, Label> = {
  [ApprovalSubjectType.MODEL_VERSION]: "ModelVersion",
  [ApprovalSubjectType.DATASET_VERSION]: "DatasetVersion",
  [ApprovalSubjectType.DEPLOYMENT]: "Deployment",
};

export const RISK_SUBJECT_LABELS: Record<RiskSubjectType, Label> = {
  [RiskSubjectType.AI_SYSTEM]: "AISystem",
  [RiskSubjectType.MODEL_VERSION]: "ModelVersion",
};

/** A decision as asked for, validated: the approver is always the caller. */
export interface DecisionRequest {
  subjectId: string;
  subjectType: ApprovalSubjectType;
  decision: ApprovalDecision;
  rationale: string;
  conditions: string[];
}

/** The subject's latest approval, as stored. */
export interface StoredApproval {
  id: string;
  decision: string;
  approver: string;
  rationale: string;
  conditions?: string[] | null;
  decidedAt: string;
  seq: number;
}

/**
 * Four-eyes: nobody decides on what they registered. People are compared by identity (issuer
 * + normalised subject, runtime/auth/identity.ts `isRegistrant`), so `Alice`, `"alice "`, `ALİCE`
 * or `alice` plus any invisible character cannot approve alice's work.
 */
export function checkFourEyes(registered: { registeredBy?: unknown; registeredByIdentity?: unknown } | undefined, approver: Caller): void {
  if (isRegistrant(registered, approver)) throw forbidden("four-eyes principle: the approver registered this subject, so another person must decide on it");
}

/** True when `request` by `approver` repeats the latest decision exactly: the replay returns it and writes nothing. */
export function isReplay(latest: StoredApproval | undefined, request: DecisionRequest, approver: string): boolean {
  if (!latest) return false;
  const conditions = latest.conditions ?? [];
  return (
    latest.approver === approver &&
    latest.decision === request.decision &&
    latest.rationale === request.rationale &&
    conditions.length === request.conditions.length &&
    conditions.every((c, i) => c === request.conditions[i])
  );
}

/** Only an approval in force can be revoked. */
export function checkTransition(latest: StoredApproval | undefined, decision: ApprovalDecision): void {
  if (decision === ApprovalDecision.REVOKED && latest?.decision !== ApprovalDecision.APPROVED) {
    throw badInput("input.decision", `REVOKED needs an APPROVED decision in force; the subject's current decision is ${latest?.decision ?? "none"}`);
  }
}

/**
 * The time of a new decision: now, but never before the decision it supersedes (clocks of
 * several replicas may disagree), so decidedAt order and seq order agree.
 */
export const decisionTime = (now: string, latest: StoredApproval | undefined): string =>
  latest && latest.decidedAt > now ? latest.decidedAt : now;
