// OpenLineage schema facets, stored once by content: (:DatasetVersion)-[:HAS_SCHEMA]->(:DatasetSchema).
CREATE CONSTRAINT dataset_schema_id IF NOT EXISTS FOR (n:DatasetSchema) REQUIRE n.id IS UNIQUE;
