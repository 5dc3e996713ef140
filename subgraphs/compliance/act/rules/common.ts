/**
 * What every rule returns and the helpers they share. A rule is pure (facts in, finding out) and
 * cites its article; the date it applies from comes from ../dates.ts, never from the rule.
 */
import type { EvidenceRecord } from "../../evidence/store.js";
import type { EvidenceKind, OperatorRole } from "../../evidence/types.js";
import type { DateKey } from "../dates.js";
import type { SystemFacts } from "../facts.js";

export type Status = "MET" | "UNMET" | "UNKNOWN" | "NOT_APPLICABLE";

/** One obligation as a rule finds it: MET only with evidence; unrecorded is UNKNOWN. */
export interface Finding {
  article: string;
  title: string;
  status: Status;
  /** The records that show it done: kind, id, date, who, digest. */
  evidence: string[];
  /** What keeps it from MET: the missing record (and how to record it) or the contradicting fact. */
  missing: string[];
  /** Row of the table of dates it applies from. */
  date: DateKey;
}

/** The facts a rule reads: the system facts plus its evidence records, as of one instant. */
export type RuleFacts = SystemFacts;

export const line = (e: EvidenceRecord): string =>
  `${e.kind} ${e.id}: ${e.reference}${e.version ? ` version ${e.version}` : ""}, performed ${e.performedAt} by ${e.performedBy}; recorded by ${e.recordedBy} at ${e.createdAt}${e.digest ? `; ${e.digest}` : ""}`;

/** The records of one kind, for one role (and deployment, where given). */
export const records = (f: RuleFacts, kind: EvidenceKind, role: OperatorRole | null = null, deploymentId: string | null = null): EvidenceRecord[] =>
  f.evidence.filter((e) => e.kind === kind && (!role || e.role === role) && (!deploymentId || e.deploymentId === deploymentId));

/** MET with a record of `kind`, else UNKNOWN naming what to record. */
export function byRecord(f: RuleFacts, o: { article: string; title: string; date: DateKey; kind: EvidenceKind; role: OperatorRole; deploymentId?: string; need: string }): Finding {
  const rs = records(f, o.kind, o.role, o.deploymentId ?? null);
  return {
    article: o.article, title: o.title, date: o.date, status: rs.length ? "MET" : "UNKNOWN", evidence: rs.map(line),
    missing: rs.length ? [] : [`no ${o.kind} record (${o.need}, ${o.article}); record with recordComplianceEvidence(kind: ${o.kind}, role: ${o.role}${o.deploymentId ? `, deploymentId: ${o.deploymentId}` : ""})`],
  };
}

/** Combines parts: UNMET if any is unmet, else UNKNOWN if any is unknown, else MET. */
export function combine(article: string, title: string, date: DateKey, parts: { status: Status; evidence: string[]; missing: string[] }[]): Finding {
  const has = (s: Status) => parts.some((p) => p.status === s);
  const status: Status = has("UNMET") ? "UNMET" : has("UNKNOWN") ? "UNKNOWN" : parts.every((p) => p.status === "NOT_APPLICABLE") && parts.length ? "NOT_APPLICABLE" : "MET";
  return { article, title, date, status, evidence: parts.flatMap((p) => p.evidence), missing: parts.flatMap((p) => p.missing) };
}

export const notApplicable = (article: string, title: string, date: DateKey, why: string): Finding => ({ article, title: `${title} (not applicable: ${why})`, date, status: "NOT_APPLICABLE", evidence: [], missing: [] });
