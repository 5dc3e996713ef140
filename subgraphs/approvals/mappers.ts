import { mapper, num, oneOf, optText, text, texts } from "../../runtime/graph/mapper.js";
import { ApprovalDecision, ApprovalSubjectType, RiskSubjectType, type Approval, type RiskAssessment } from "./types.js";

/** Node properties to the approvals subgraph's classes (runtime/graph/mapper.ts). */

export const toApproval = mapper<Approval>({
  id: text, subjectId: text, subjectType: oneOf(ApprovalSubjectType), decision: oneOf(ApprovalDecision), approver: text,
  rationale: text, conditions: texts, decidedAt: text, seq: num, signature: text, subjectDigest: optText, supersedesId: optText,
});

export const toRiskAssessment = mapper<RiskAssessment>({
  id: text, subjectId: text, subjectType: oneOf(RiskSubjectType), hazard: text, affectedPersons: text, foreseeableMisuse: optText,
  estimate: optText, mitigation: text, residualRisk: text, assessedBy: text, createdAt: text,
});
