import { CompactSign } from "jose";
import { canonicalJson } from "../../runtime/canonical.js";
import { loadKey } from "../../runtime/keys.js";

/** `typ` of the protected header of an approval signature. */
export const APPROVAL_JWS_TYP = "approval+jws";

/** The fields an approval signature covers; its JWS payload is `canonicalJson` of this. */
export interface ApprovalRecord {
  id: string;
  subjectId: string;
  subjectType: string;
  decision: string;
  approver: string;
  rationale: string;
  conditions: string[];
  decidedAt: string;
  supersedesId: string | null;
  /**
   * `sha256:<hex>` of the canonical JSON of what was decided on: the subject's facts and its
   * inputs (runtime/graph/frozen.ts `subjectFacts`). Absent from approvals decided before it was
   * signed, so their signatures still verify.
   */
  subjectDigest?: string;
}

/**
 * The signed record of an approval, from a stored node or an API response (`supersedes.id`
 * stands in for `supersedesId`). A verifier compares `canonicalJson(approvalRecord(a))` with
 * the JWS payload.
 */
export function approvalRecord(a: Omit<ApprovalRecord, "supersedesId" | "conditions" | "subjectDigest"> & {
  conditions?: string[] | null;
  subjectDigest?: string | null;
  supersedesId?: string | null;
  supersedes?: { id: string } | null;
}): ApprovalRecord {
  return {
    id: a.id,
    subjectId: a.subjectId,
    subjectType: a.subjectType,
    decision: a.decision,
    approver: a.approver,
    rationale: a.rationale,
    conditions: [...(a.conditions ?? [])],
    decidedAt: a.decidedAt,
    supersedesId: a.supersedesId ?? a.supersedes?.id ?? null,
    ...(a.subjectDigest ? { subjectDigest: a.subjectDigest } : {}),
  };
}

/** Signs an approval record with the service key (EdDSA, deterministic): a compact JWS. */
export async function signApproval(record: ApprovalRecord): Promise<string> {
  const key = await loadKey("service");
  return new CompactSign(new TextEncoder().encode(canonicalJson(record)))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: APPROVAL_JWS_TYP })
    .sign(key.privateKey);
}
