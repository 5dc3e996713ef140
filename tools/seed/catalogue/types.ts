/**
 * The shape of the demo world. Everything is referred to by a short `key` that the world
 * builder maps to the id the API returns; names, dates and digests are fixed so that every
 * run sends the same content and the API answers with the same records.
 */

export interface SiteSpec {
  key: string;
  name: string;
  country: string;
  sovereigntyZone: string | null;
  kind: "ON_PREM" | "CLOUD" | "COLOCATION";
  operator: string;
}

export interface ClusterSpec {
  key: string;
  site: string;
  name: string;
  gpuModel: string;
  gpuCount: number;
}

/** One dataset version; `dataset` is the dataset's name (registered once). */
export interface DatasetVersionSpec {
  key: string;
  dataset: string;
  version: string;
  rowCount: number;
  provenance: string;
  collectionMethod: string;
  legalBasis: string;
  containsPersonalData: boolean;
  jurisdiction: string;
  derivedFrom?: { from: string; transformation: string }[];
  /** Further governance facts (scope, labelling, cleaning, biasExamination, ...), as the API names them. */
  facts?: Record<string, string>;
}

export type DecisionKind = "credit" | "hiring" | "load" | "assistant" | "mail";

export interface DeploymentSpec {
  key: string;
  site: string;
  environment: string;
  startedAt: string;
  /** Share of all decisions this deployment makes (the shares of the world add up to 1). */
  share: number;
}

export interface MetricSpec {
  name: string;
  value: number;
  threshold?: number;
  lowerIsBetter?: boolean;
  /** Key of the dataset version it was measured on. */
  dataset?: string;
  subgroup?: string;
}

export interface AllocationSpec {
  cluster: string;
  gpuCount: number;
  startedAt: string;
  endedAt: string;
  energyKWh: number;
}

export interface RunSpec {
  datasets: { key: string; role: "TRAINING" | "VALIDATION" | "TEST" }[];
  compute: AllocationSpec[];
  startedAt: string;
  endedAt: string;
  codeRevision: string;
  methodology: string;
  parameters: Record<string, unknown>;
}

/** A step of a subject's approval history, decided by `by` (a key of PEOPLE). */
export interface ApprovalStep {
  decision: "APPROVED" | "REJECTED" | "REVOKED";
  by: "approver" | "officer";
  rationale: string;
  conditions?: string[];
}

export interface ModelVersionSpec {
  key: string;
  version: string;
  architecture: string;
  designRationale: string;
  parameterCount: number;
  optimisationObjective: string;
  modalities: string[];
  licence: string;
  baseModel?: string;
  run?: RunSpec;
  metrics?: MetricSpec[];
  approvals: ApprovalStep[];
  deployments?: DeploymentSpec[];
  /** Decisions are only made while the version is approved: for a revoked one, in its approval window. */
  decisions?: DecisionKind;
}

export interface RiskSpec {
  hazard: string;
  affectedPersons: string;
  foreseeableMisuse: string;
  estimate: string;
  mitigation: string;
  residualRisk: string;
}

export interface SystemSpec {
  key: string;
  name: string;
  version: string;
  intendedPurpose: string;
  providerName: string;
  providerContact: string;
  riskCategory: "HIGH" | "LIMITED" | "MINIMAL";
  annexIIIArea?: string;
  /** Key of the system version this one replaces. */
  previous?: string;
  risks?: RiskSpec[];
  models: { name: string; versions: ModelVersionSpec[] }[];
}
