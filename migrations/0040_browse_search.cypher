// Full-text search (Query.search): one Lucene index over the names, versions, purposes,
// descriptions and provenance of the kinds a person looks for. Job and Run are the OpenLineage
// nodes. Incidents stay out: reading them takes reports:read, search takes only lineage:read.
// Not eventually consistent (the default): a node is searchable as soon as its write commits.
CREATE FULLTEXT INDEX lineage_search IF NOT EXISTS
FOR (n:AISystem|Model|ModelVersion|Dataset|DatasetVersion|Site|GpuCluster|Job|Run)
ON EACH [n.name, n.version, n.intendedPurpose, n.providerName, n.description, n.provenance, n.datasetName, n.gpuModel];
// Browse filters without an index yet: deployments by site (by model version exists in 0002).
CREATE INDEX deployment_site IF NOT EXISTS FOR (n:Deployment) ON (n.siteId);
