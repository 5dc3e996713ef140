// OpenLineage ingestion (subgraphs/datasets/openlineage): jobs, runs, dataset fields and raw events.
CREATE CONSTRAINT job_id IF NOT EXISTS FOR (n:Job) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT run_id IF NOT EXISTS FOR (n:Run) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_field_id IF NOT EXISTS FOR (n:DatasetField) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT openlineage_event_id IF NOT EXISTS FOR (n:OpenLineageEvent) REQUIRE n.id IS UNIQUE;
// Marquez node ids (dataset:<ns>:<name>, job:<ns>:<name>) for GET /api/v1/lineage.
CREATE INDEX dataset_node_key IF NOT EXISTS FOR (n:Dataset) ON (n.nodeKey);
CREATE INDEX job_node_key IF NOT EXISTS FOR (n:Job) ON (n.nodeKey);
// The version an input read: the latest of its dataset written at or before the event.
CREATE INDEX dataset_version_written IF NOT EXISTS FOR (n:DatasetVersion) ON (n.datasetId, n.writtenAt);
CREATE INDEX openlineage_event_run IF NOT EXISTS FOR (n:OpenLineageEvent) ON (n.runId);
// aiLineage names a model version by its artifact digest.
CREATE INDEX model_version_artifact_digest IF NOT EXISTS FOR (n:ModelVersion) ON (n.artifactDigest);
