/** The GraphQL operations the seed sends: only the public API, as any integration would. */

export const REGISTER_SITE = `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`;
export const REGISTER_CLUSTER = `mutation($i: RegisterGpuClusterInput!) { registerGpuCluster(input: $i) { id } }`;
export const RECORD_ALLOCATION = `mutation($i: RecordComputeAllocationInput!) { recordComputeAllocation(input: $i) { id } }`;

export const REGISTER_DATASET = `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`;
export const REGISTER_DATASET_VERSION = `mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`;

export const REGISTER_SYSTEM = `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`;
export const REGISTER_MODEL = `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`;
export const REGISTER_MODEL_VERSION = `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`;
export const RECORD_TRAINING_RUN = `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id } }`;
export const RECORD_METRICS = `mutation($mv: ID!, $m: [MetricInput!]!) { recordMetrics(modelVersionId: $mv, metrics: $m) { id } }`;
export const RECORD_RISK = `mutation($i: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $i) { id } }`;
export const RECORD_DEPLOYMENT = `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`;

export const DECIDE = `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id decision decidedAt } }`;
export const MODEL_VERSION_APPROVALS = `query($id: ID!) { modelVersion(id: $id) { approvals(first: 500) { id decision decidedAt } } }`;

export const RECORD_DECISIONS = `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted duplicates } }`;
export const RECORD_REVIEW = `mutation($i: RecordDecisionReviewInput!) { recordDecisionReview(input: $i) { id } }`;
