// recordDecisions audit events cover their decisions' content: each decision keeps its event's digest.
CREATE INDEX decision_audit_digest IF NOT EXISTS FOR (d:Decision) ON (d.auditDigest);
