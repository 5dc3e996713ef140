// AI Act documents: compliance profiles (append-only, latest per system wins), incident updates,
// and the lookups the documents, the overdue listing and the log extract make.
CREATE CONSTRAINT compliance_profile_id IF NOT EXISTS FOR (n:ComplianceProfile) REQUIRE n.id IS UNIQUE;
CREATE INDEX compliance_profile_system IF NOT EXISTS FOR (n:ComplianceProfile) ON (n.systemId);
CREATE CONSTRAINT incident_update_id IF NOT EXISTS FOR (n:IncidentUpdate) REQUIRE n.id IS UNIQUE;
CREATE INDEX incident_update_incident IF NOT EXISTS FOR (n:IncidentUpdate) ON (n.incidentId);
CREATE INDEX incident_system IF NOT EXISTS FOR (n:Incident) ON (n.systemId);
CREATE INDEX incident_due_by IF NOT EXISTS FOR (n:Incident) ON (n.dueBy);
