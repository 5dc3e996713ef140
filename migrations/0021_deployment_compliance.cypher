// AI Act second round: deployer facts per deployment (Art. 26, 27), append-only, latest per deployment wins.
CREATE CONSTRAINT deployment_compliance_id IF NOT EXISTS FOR (n:DeploymentCompliance) REQUIRE n.id IS UNIQUE;
CREATE INDEX deployment_compliance_deployment IF NOT EXISTS FOR (n:DeploymentCompliance) ON (n.deploymentId);
