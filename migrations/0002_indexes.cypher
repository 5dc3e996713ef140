// Indexes the queries need: parent lookups for nested lists, decisions by model version and time.
CREATE INDEX model_system IF NOT EXISTS FOR (n:Model) ON (n.systemId);
CREATE INDEX model_version_model IF NOT EXISTS FOR (n:ModelVersion) ON (n.modelId);
CREATE INDEX training_run_model_version IF NOT EXISTS FOR (n:TrainingRun) ON (n.modelVersionId);
CREATE INDEX deployment_model_version IF NOT EXISTS FOR (n:Deployment) ON (n.modelVersionId);
CREATE INDEX decision_model_version_time IF NOT EXISTS FOR (n:Decision) ON (n.modelVersionId, n.occurredAt);
CREATE INDEX decision_deployment_time IF NOT EXISTS FOR (n:Decision) ON (n.deploymentId, n.occurredAt);
CREATE INDEX metric_model_version IF NOT EXISTS FOR (n:Metric) ON (n.modelVersionId);
CREATE INDEX decision_review_decision IF NOT EXISTS FOR (n:DecisionReview) ON (n.decisionId);
CREATE INDEX dataset_version_dataset IF NOT EXISTS FOR (n:DatasetVersion) ON (n.datasetId);
CREATE INDEX gpu_cluster_site IF NOT EXISTS FOR (n:GpuCluster) ON (n.siteId);
CREATE INDEX compute_allocation_cluster IF NOT EXISTS FOR (n:ComputeAllocation) ON (n.clusterId);
CREATE INDEX audit_event_actor IF NOT EXISTS FOR (n:AuditEvent) ON (n.actor);
CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);
