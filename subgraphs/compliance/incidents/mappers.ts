import { bool, mapper, num, oneOf, optBool, optNum, optOneOf, optText, refsIn, text, texts } from "../../../runtime/graph/mapper.js";
import {
  AwareParty, IncidentCategory, IncidentSubmissionKind,
  type CorrectiveAction, type Incident, type IncidentInvestigation, type IncidentSubmission,
} from "./types.js";

/** Node properties to the incident classes (runtime/graph/mapper.ts). */

/** The fields of an Incident its updates and the clock decide (store.ts incidentFromProps). */
type Derived = "stage" | "personsAffected" | "harm" | "submissions" | "overdue" | "authorities" | "dueSoon" | "hoursToDeadline"
  | "correctiveActions" | "rootCause" | "investigation" | "completedAt" | "cursor";

/** An incident as reported (reportIncident): the system, decisions and model versions are referenced by their stored ids. */
export const toReportedIncident = mapper<Omit<Incident, Derived>>({
  id: text, system: (p) => ({ id: text(p, "systemId") }), category: oneOf(IncidentCategory), occurredAt: text, awareAt: text,
  deathInvolved: bool, widespread: bool, widespreadReason: optText, memberStates: texts, originMemberState: optText,
  awareParty: optOneOf(AwareParty), causalLinkEstablishedAt: optText, description: text, dueBy: text, deadlineDays: num,
  deadlineRule: text, decisions: refsIn("decisionIds"), modelVersions: refsIn("modelVersionIds"), reportedBy: text, createdAt: text,
});

/** An IncidentUpdate of kind CORRECTIVE_ACTION. */
export const toCorrectiveAction = mapper<CorrectiveAction>({ id: text, description: text, takenAt: text, recordedBy: text, createdAt: text });

/** An IncidentUpdate of kind INVESTIGATION; the facts it does not state read null. */
export const toInvestigation = mapper<IncidentInvestigation>({
  id: text, startedAt: text, riskAssessment: optText, systemAltered: optBool, alteredAt: optText, authoritiesInformedAt: optText,
  personsAffected: optNum, harm: optText, recordedBy: text, createdAt: text,
});

/** An IncidentUpdate of kind SUBMISSION: its kind is stored in `submissionKind` (`kind` names the update's kind). */
export const toSubmission = mapper<IncidentSubmission>({
  kind: (p) => oneOf(IncidentSubmissionKind)(p, "submissionKind"), submittedAt: text, authority: text, memberState: optText, recordedBy: text,
});
