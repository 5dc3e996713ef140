// Site record batches by the site's time of their first and last record: the log extract finds a
// period's batches and their neighbours (subgraphs/compliance/docs/log-sites.ts).
CREATE INDEX site_record_batch_first_at IF NOT EXISTS FOR (n:SiteRecordBatch) ON (n.siteId, n.firstAt);
CREATE INDEX site_record_batch_last_at IF NOT EXISTS FOR (n:SiteRecordBatch) ON (n.siteId, n.lastAt);
