// Drift monitoring: reference profiles of dataset versions, drift reports, webhook deliveries.
CREATE CONSTRAINT feature_profile_id IF NOT EXISTS FOR (n:FeatureProfile) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT webhook_delivery_id IF NOT EXISTS FOR (n:WebhookDelivery) REQUIRE n.id IS UNIQUE;
// The latest profile of a dataset version.
CREATE INDEX feature_profile_dataset_version IF NOT EXISTS FOR (n:FeatureProfile) ON (n.datasetVersionId);
// Reports by deployment or model version over time; the decision trace looks up the report whose
// window holds the decision with (deploymentId, windowStart <= occurredAt).
CREATE INDEX drift_report_deployment_window IF NOT EXISTS FOR (n:DriftReport) ON (n.deploymentId, n.windowStart);
CREATE INDEX drift_report_model_version_window IF NOT EXISTS FOR (n:DriftReport) ON (n.modelVersionId, n.windowStart);
CREATE INDEX drift_report_window IF NOT EXISTS FOR (n:DriftReport) ON (n.windowStart);
CREATE INDEX webhook_delivery_report IF NOT EXISTS FOR (n:WebhookDelivery) ON (n.reportId);
