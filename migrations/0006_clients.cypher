// Integration clients are looked up by client id on every assertion; used assertion ids must be
// unique (a second CREATE is a replay) and are swept by expiry.
CREATE CONSTRAINT integration_client_id IF NOT EXISTS FOR (n:IntegrationClient) REQUIRE n.clientId IS UNIQUE;
CREATE CONSTRAINT used_assertion_key IF NOT EXISTS FOR (n:UsedAssertion) REQUIRE n.key IS UNIQUE;
CREATE INDEX used_assertion_expires IF NOT EXISTS FOR (n:UsedAssertion) ON (n.expiresAt);
