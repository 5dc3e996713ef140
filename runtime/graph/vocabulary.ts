/**
 * The graph's vocabulary: every node label, relationship type and property name the stores of
 * all subgraphs use in Cypher, in one place. Subgraphs share one Neo4j graph, and some reads
 * cross owners on purpose (a trace is one traversal), so a renamed property must break loudly:
 * test/vocabulary.test.ts reads the Cypher in every store and fails on any name missing here.
 * Each label's owner (the only subgraph that creates or changes such nodes) is noted.
 */
export const LABELS = {
  // models
  AISystem: "AISystem", Model: "Model", ModelVersion: "ModelVersion", TrainingRun: "TrainingRun",
  Deployment: "Deployment", Decision: "Decision", DecisionReview: "DecisionReview", Metric: "Metric",
  // datasets
  Dataset: "Dataset", DatasetVersion: "DatasetVersion", FeatureProfile: "FeatureProfile", DriftReport: "DriftReport",
  WebhookDelivery: "WebhookDelivery", WebhookOutbox: "WebhookOutbox",
  // datasets: OpenLineage (subgraphs/datasets/openlineage)
  Job: "Job", Run: "Run", DatasetField: "DatasetField", DatasetSchema: "DatasetSchema", OpenLineageEvent: "OpenLineageEvent",
  // datasets: Marquez tags (subgraphs/datasets/openlineage/marquez-tags.ts)
  Tag: "Tag",
  // approvals
  Approval: "Approval", RiskAssessment: "RiskAssessment",
  // gpu
  Site: "Site", GpuCluster: "GpuCluster", ComputeAllocation: "ComputeAllocation",
  // gpu: site recorders' reports (subgraphs/gpu/recorder)
  SiteRecorder: "SiteRecorder", SiteRecordBatch: "SiteRecordBatch",
  // compliance
  ComplianceProfile: "ComplianceProfile", Incident: "Incident", IncidentUpdate: "IncidentUpdate", DeploymentCompliance: "DeploymentCompliance",
  IntegrationClient: "IntegrationClient", UsedAssertion: "UsedAssertion", ModelRelease: "ModelRelease", ComplianceEvidence: "ComplianceEvidence", IssuedDocument: "IssuedDocument", PerformanceObservation: "PerformanceObservation",
  // runtime (shared): every node's id constraint, the audit chain, the migration ledger
  Entity: "Entity", AuditEvent: "AuditEvent", AuditHead: "AuditHead", Migration: "Migration",
} as const;
export type Label = keyof typeof LABELS;

export const RELATIONSHIPS = [
  "APPROVES", "ASSESSES", "AT_SITE", "CONCERNS", "DEPLOYS", "DERIVED_FROM", "DESCRIBES", "DRIFT_OF",
  "DRIFT_OF_MODEL", "DRIFT_REFERENCE", "MEASURED_ON", "MEASURES", "ON_CLUSTER", "PART_OF",
  "PREVIOUS_VERSION", "PROFILE_OF", "REVIEWS", "SUPERSEDES", "TRAINED_BY", "UPDATES", "USED",
  "USED_COMPUTE", "VERSION_OF",
  // OpenLineage: jobs, runs, fields
  "FIELD_DERIVED_FROM", "FIELD_OF", "HAS_SCHEMA", "PARENT_RUN", "READ", "READS", "RECORDED_AS", "RUN_OF", "WRITES", "WRITTEN_BY",
  // Marquez tags on datasets, their fields and jobs
  "TAGGED", "FIELD_TAGGED",
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/**
 * Property names read in Cypher as `alias.property` (stored properties, and the fields of rows
 * the stores UNWIND, which carry the same names).
 */
export const PROPERTIES = [
  "actor", "appliedAt", "approver", "at", "attempt", "batch", "checksum", "clientId", "clusterId", "confidence",
  "contentHash", "country", "createdAt", "datasetId", "datasetName", "datasetVersionId", "decidedAt",
  "decision", "decisionId", "decisionIds", "deploymentId", "digest", "dueBy", "expiresAt", "explanation",
  "gpuHours", "gpuModel", "hash", "id", "incidentId", "inputDigest", "key", "kind", "logRetentionMonths", "modelId",
  "modelVersionId", "modelVersionIds", "name", "occurredAt", "outputJson", "registeredBy", "reportId",
  "revokedAt", "revokedBy", "role", "seq", "siteId", "sovereigntyZone", "startedAt", "status", "subgroup",
  "subjectId", "subjectType", "systemId", "to", "transformation", "type", "updatedAt", "version",
  "windowEnd", "windowStart",
  // second round: OpenLineage, webhook outbox, Art. 73 submissions, deployment end, identities
  "artifactDigest", "attempts", "auditDigest", "awareAt", "computeAllocationIds", "containsPersonalData", "deliveredAt", "description", "direction", "endedAt", "endedBy", "endRecordedAt", "errorMessage", "eventTime", "eventType", "facet", "facts", "failedAttempts", "fallbackId", "firstEventAt", "fresh", "index", "inputField", "inputFieldId", "inputId", "inputVersionId", "inputs", "jobId", "json", "jws", "lastAttemptAt", "lastError", "lastHttpStatus", "leaseUntil", "namespace", "nextAttemptAt", "nodeKey", "nominalEndTime", "nominalStartTime", "openLineageRunId", "outputField", "outputFieldId", "outputId", "outputVersionId", "parent", "parentRunId", "props", "provenance", "receivedAt", "receivedBy", "registeredByIdentity", "runId", "schema", "schemaId", "source", "state", "stateAt", "submissionKind", "submittedAt", "versionId", "writtenAt",
  // Art. 12 log records and the recorded training precision (Annex XI 1(2)(d))
  "annexIIIArea", "annexIIIExclusion", "annexIIIPoint", "category", "precision", "referenceDatabase",
  // third round: the digest an approval signs (runtime/graph/frozen.ts)
  "subjectDigest",
  // third round: the archive of issued documents (subgraphs/compliance/documents/archive-store.ts)
  "issuedAt",
  // Art. 73(1): the Member State whose authority a report went to; performance in use (Art. 72)
  "memberState", "memberStates", "metric",

  // site recorders (subgraphs/gpu/recorder): per site, and per forwarded batch (ids: batches reported before 2026-12-08)
  "backlog", "breaks", "clockSkewSeconds", "from", "hashes", "ids", "lastHash", "lastReportAt", "lastSeenAt", "lastSequence", "rejected", "siteSentAt",
  // and the site time of each record of a batch, read by the log extract (subgraphs/compliance/docs/log-sites.ts)
  "ats", "firstAt", "lastAt", "reportedThrough",
  // Marquez tags and column lineage (subgraphs/datasets/openlineage/marquez-*.ts)
  "createdBy", "ds", "field",
  // the Art. 73 report's registration facts (subgraphs/compliance/incidents/registry.ts): when an evidence record's duty was performed, the profile's Art. 49 number
  "performedAt", "euDatabaseRegistrationNumber",
] as const;

/**
 * "The approval in force for a subject at time t", the one rule every store uses: the latest
 * Approval of the subject decided at or before t (same instant: the later in the subject's
 * sequence). Revocations and rejections are decisions too, so the one in force may say REVOKED
 * or REJECTED: the subject is approved at t only when it says APPROVED. A later decision
 * supersedes an earlier one, so "revoked or superseded by t" needs no test of its own; approvals
 * carry no expiry in this model (api-contract: Approval has none).
 *
 * A CALL subquery returning `as` (null when none). `subjectId` is the Cypher expression of the
 * subject's id; `at` the expression of t, omitted for "now" (the latest decision whatever its
 * time, so it agrees with ModelVersion.status even when a replica's clock lags the decision's);
 * `scope` lists the variables both read.
 *
 * @example approvalInForce({ subjectId: "mv.id", at: "d.occurredAt", scope: ["mv", "d"] })
 */
export function approvalInForce(opts: { subjectId: string; at?: string; scope: string[]; as?: string }): string {
  const a = opts.as ?? "a";
  const when = opts.at === undefined ? "" : ` WHERE ${a}.decidedAt <= ${opts.at}`;
  return `CALL (${opts.scope.join(", ")}) {
            OPTIONAL MATCH (${a}:Approval {subjectId: ${opts.subjectId}})${when}
            WITH ${a} ORDER BY ${a}.decidedAt DESC, ${a}.seq DESC LIMIT 1
            RETURN ${a}
          }`;
}

/**
 * "The record in force" of an append-only series (a system's ComplianceProfile, a deployment's
 * DeploymentCompliance, a subject's Approvals by position): the one with the highest `seq`.
 * Every record of such a series states all its facts, so the latest alone is what holds.
 *
 * A CALL subquery returning `as` (null when none): the `label` node whose property `key` equals
 * the Cypher expression `of`, also meeting `where` when given (a condition on `as`, e.g. a time
 * bound); `scope` lists the variables both read.
 *
 * @example latestBySeq({ label: "ComplianceProfile", key: "systemId", of: "s.id", scope: ["s"], as: "p" })
 */
export function latestBySeq(opts: { label: Label; key: string; of: string; scope: string[]; as: string; where?: string }): string {
  const p = opts.as;
  const where = opts.where === undefined ? "" : ` WHERE ${opts.where}`;
  return `CALL (${opts.scope.join(", ")}) {
            OPTIONAL MATCH (${p}:${opts.label} {${opts.key}: ${opts.of}})${where}
            WITH ${p} ORDER BY ${p}.seq DESC LIMIT 1
            RETURN ${p}
          }`;
}
