// AI Act second round: release dates of model versions (Annex XI 1(1)(c)).
CREATE CONSTRAINT model_release_id IF NOT EXISTS FOR (n:ModelRelease) REQUIRE n.id IS UNIQUE;
CREATE INDEX model_release_version IF NOT EXISTS FOR (n:ModelRelease) ON (n.modelVersionId);
