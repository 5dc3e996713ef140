// Marquez's read API (subgraphs/datasets/openlineage/marquez-api.ts): lists by namespace, the
// events window, and tags by name.
CREATE INDEX dataset_namespace_name IF NOT EXISTS FOR (n:Dataset) ON (n.namespace, n.name);
CREATE INDEX job_namespace_name IF NOT EXISTS FOR (n:Job) ON (n.namespace, n.name);
CREATE INDEX openlineage_event_time IF NOT EXISTS FOR (n:OpenLineageEvent) ON (n.eventTime);
CREATE CONSTRAINT tag_name IF NOT EXISTS FOR (n:Tag) REQUIRE n.name IS UNIQUE;
