// Site recorders at the centre: one (:SiteRecorder) per site, one (:SiteRecordBatch) per forwarded batch.
CREATE CONSTRAINT site_recorder_site IF NOT EXISTS FOR (n:SiteRecorder) REQUIRE n.siteId IS UNIQUE;
CREATE CONSTRAINT site_record_batch_key IF NOT EXISTS FOR (n:SiteRecordBatch) REQUIRE n.key IS UNIQUE;
CREATE INDEX site_record_batch_range IF NOT EXISTS FOR (n:SiteRecordBatch) ON (n.siteId, n.from);
