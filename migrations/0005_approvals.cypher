// Approvals and risk assessments are read per subject. Single-property indexes: Neo4j uses a
// composite index only with a predicate on every property, and the per-subject reads (including
// ModelVersion.status in models) filter on subjectId alone.
CREATE INDEX approval_subject_id IF NOT EXISTS FOR (n:Approval) ON (n.subjectId);
CREATE INDEX risk_assessment_subject_id IF NOT EXISTS FOR (n:RiskAssessment) ON (n.subjectId);
