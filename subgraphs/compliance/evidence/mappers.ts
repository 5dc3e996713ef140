import { mapper, oneOf, optOneOf, optText, text } from "../../../runtime/graph/mapper.js";
import { AssessmentOutcome, ConformityProcedure, EvidenceKind, OperatorRole, type ComplianceEvidence } from "./types.js";

/**
 * A stored ComplianceEvidence record as the API and the rules read it (runtime/graph/mapper.ts);
 * the Art. 43 and Art. 17 facts a record of another kind lacks read null.
 */
export const toEvidence = mapper<ComplianceEvidence>({
  id: text, systemId: text, kind: oneOf(EvidenceKind), role: oneOf(OperatorRole), deploymentId: optText, performedAt: text,
  performedBy: text, reference: text, digest: optText, version: optText, procedure: optOneOf(ConformityProcedure), notifiedBody: optText,
  outcome: optOneOf(AssessmentOutcome), certificateRef: optText, recordedBy: text, createdAt: text,
});
