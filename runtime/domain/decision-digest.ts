import { variablesDigest } from "../audit.js";

/** A decision as stored: what its `recordDecisions` audit event covers. */
export interface DecisionContent {
  id: string;
  modelVersionId: string;
  deploymentId: string | null;
  occurredAt: string;
  inputDigest: string;
  outputJson: string;
  confidence: number | null;
  explanation: string | null;
}

/** The content of a decision that its audit event covers (all of it but bookkeeping), absent facts as null. */
export const decisionContent = (d: Partial<DecisionContent> & { id: string }): DecisionContent => ({
  id: d.id,
  modelVersionId: d.modelVersionId!,
  deploymentId: d.deploymentId ?? null,
  occurredAt: d.occurredAt!,
  inputDigest: d.inputDigest!,
  outputJson: d.outputJson!,
  confidence: d.confidence ?? null,
  explanation: d.explanation ?? null,
});

/** What a `recordDecisions` audit event records: the content of the decisions that call created, by id. */
export const decisionsAudited = (rows: (Partial<DecisionContent> & { id: string })[]) => ({
  decisions: [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(decisionContent),
});

/**
 * The digest a `recordDecisions` audit event carries. Each decision it created keeps it
 * (`auditDigest`), so auditIntegrity recomputes it from the stored decisions and names the event
 * whose decisions were edited or deleted afterwards.
 */
export const decisionsDigest = (rows: (Partial<DecisionContent> & { id: string })[]): string => variablesDigest(decisionsAudited(rows));

/** The migration from which on every `recordDecisions` event covers its decisions' content. */
export const DECISION_DIGEST_MIGRATION = "0060_decision_audit_digest";
