// Drift webhook outbox: one node per event (id = the stable event id receivers deduplicate by),
// written in the drift report's transaction; the datasets service delivers what is due.
CREATE CONSTRAINT webhook_outbox_id IF NOT EXISTS FOR (n:WebhookOutbox) REQUIRE n.id IS UNIQUE;
CREATE INDEX webhook_outbox_due IF NOT EXISTS FOR (n:WebhookOutbox) ON (n.status, n.nextAttemptAt);
