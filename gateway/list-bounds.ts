/**
 * How many items the cost limit counts for each list of objects that has no `first` argument
 * (gateway/limits.ts). A real bound where the write path caps the list (the input's maxItems),
 * else a declared estimate of a large real graph. test/list-bounds.test.ts fails when a list
 * field in the composed schema has neither `first` nor an entry here, so nothing is costed by
 * a guess.
 */
export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  // Real bounds: the input that writes the list is capped.
  "Mutation.recordMetrics": 500, // v.maxItems("metrics", 500)
  "Incident.decisions": 1000, // MAX_DECISIONS
  "Incident.modelVersions": 100,
  "TrainingRun.inputs": 1000,
  "TrainingRun.datasets": 1000,
  "TrainingRun.compute": 1000,
  "DatasetVersion.derivedFrom": 100, // MAX_DERIVED_FROM
  // Connections: a page holds at most `first` edges, and `first` is at most 100 (runtime/connection.ts).
  "AISystemConnection.edges": 100,
  "ModelConnection.edges": 100,
  "DeploymentConnection.edges": 100,
  "DatasetConnection.edges": 100,
  "SiteConnection.edges": 100,
  "GpuClusterConnection.edges": 100,
  "SearchConnection.edges": 100,
  // Estimates: lists that grow with the graph and have no page argument.
  "SiteRecorderStatus.gaps": 100, // none on a healthy site; one per outage that lost records
  "LogExtractPage.siteSequences": 100, // the sites a system was deployed at in the period ("from one pilot to a hundred sites")
  "LogSiteSequence.gaps": 100, // as SiteRecorderStatus.gaps, for one period
  "AISystem.models": 8, // a system holds a handful of models (versions are paged below them)
  "ModelVersion.metrics": 100,
  "DatasetVersion.derivations": 100,
  "Decision.reviews": 10,
  "Incident.correctiveActions": 50,
  "Query.obligations": 60, // the articles of act/obligations.ts, some once per deployment
  "Incident.submissions": 20, // initial, follow-ups and final, per authority
  "Incident.authorities": 27, // one per Member State concerned (Art. 73(1))
  "Query.performanceInUse": 1000, // compliance/monitoring/store.ts MAX_OBSERVATIONS
  "ComplianceDocument.sections": 50,
  "ComplianceDocument.missingFacts": 100,
  "LogExtractPage.records": 1000,
  "LogRecordEntry.driftEvents": 5, // flagged drift windows holding one instant: about one per deployment
  "LogRecordEntry.incidents": 5, // serious incidents open at one instant
  "RiskClassification.reasoning": 20,
  "LineageGraph.nodes": 1000,
  "LineageGraph.edges": 2000,
  "ImpactReport.datasetVersions": 1000,
  "ImpactReport.trainingRuns": 1000,
  "ImpactReport.modelVersions": 1000,
  "ImpactReport.deployments": 1000,
  "ImpactReport.decisionsBySite": 100,
  "ImpactReport.approvals": 1000,
  "DecisionTrace.datasets": 100,
  "DecisionTrace.approvals": 100,
  "DecisionTrace.compute": 100,
  "DecisionTrace.sites": 20,
  "DriftReport.features": 200,
  "DriftReport.deliveries": 20,
  "FeatureProfile.numeric": 200,
  "FeatureProfile.categorical": 200,
};

/** Used only for a list the table lacks (a test keeps the table complete). */
export const UNDECLARED_LIST_SIZE = 1000;
