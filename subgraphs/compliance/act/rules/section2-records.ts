/**
 * Chapter III Section 2, the requirements shown by a record of the artefact: Art. 11 (Annex IV
 * drawn up), Art. 12 (automatic logging verified), Art. 13 (instructions issued), Art. 14
 * (oversight measures tested), and the log retention of Art. 19 / 16(e). A measure described in
 * the profile is an intention, not evidence. From the Chapter III date of the system.
 */
import { EvidenceKind, OperatorRole } from "../../evidence/types.js";
import type { DateKey } from "../dates.js";
import { byRecord, type Finding, type RuleFacts } from "./common.js";

const P = OperatorRole.PROVIDER;

/** Art. 11(1): the technical documentation (Annex IV) drawn up before placing on the market. */
export const article11 = (f: RuleFacts, date: DateKey): Finding =>
  byRecord(f, { article: "Art. 11", title: "Technical documentation (Annex IV)", date, kind: EvidenceKind.TECHNICAL_DOCUMENTATION, role: P, need: "the Annex IV documentation drawn up; its digest from technicalDocumentation" });

/** Art. 12(1): the system technically allows the automatic recording of events. */
export const article12 = (f: RuleFacts, date: DateKey): Finding =>
  byRecord(f, { article: "Art. 12", title: "Record-keeping", date, kind: EvidenceKind.RECORD_KEEPING, role: P, need: "automatic logging over the lifetime verified" });

/** Art. 13(1)-(3): instructions for use issued to deployers. */
export const article13 = (f: RuleFacts, date: DateKey): Finding =>
  byRecord(f, { article: "Art. 13", title: "Transparency and instructions for use", date, kind: EvidenceKind.INSTRUCTIONS_FOR_USE, role: P, need: "the instructions for use issued; their digest from instructionsForUse" });

/** Art. 14(1)-(4): human oversight measures built in and tested. */
export const article14 = (f: RuleFacts, date: DateKey): Finding =>
  byRecord(f, { article: "Art. 14", title: "Human oversight", date, kind: EvidenceKind.HUMAN_OVERSIGHT_TEST, role: P, need: "the oversight measures tested" });

/** Art. 16(e), 19(1): logs kept at least six months; the period must be recorded, the minimum is not a record. */
export function article19(f: RuleFacts, date: DateKey): Finding {
  const p = f.profile;
  const months = p?.logRetentionMonths ?? null;
  const base = { article: "Art. 19", title: "Automatically generated logs kept", date };
  if (!p || months === null) return { ...base, status: "UNKNOWN", evidence: [], missing: [`ComplianceProfile ${f.system.id}: logRetentionMonths missing (how long the provider keeps the logs, at least six months, Art. 19(1)); record with recordSystemCompliance`] };
  return { ...base, status: "MET", evidence: [`ComplianceProfile ${p.id}: logs kept ${months} months, recorded by ${p.recordedBy} at ${p.createdAt}`], missing: [] };
}
