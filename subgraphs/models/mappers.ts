import {
  bool, jsonIn, mapper, num, oneOf, optBool, optNum, optOneOf, optText, optTexts, refIn, text,
} from "../../runtime/graph/mapper.js";
import {
  AnnexIIIArea, ReviewOutcome, RiskCategory, TrainingPrecision,
  type AISystem, type Decision, type DecisionReview, type Deployment, type Metric, type Model, type ModelVersion, type TrainingRun,
} from "./types.js";

/** Node properties to the models subgraph's classes (runtime/graph/mapper.ts). */

export const toSystem = mapper<AISystem>({
  id: text, name: text, version: text, intendedPurpose: text, providerName: text, riskCategory: oneOf(RiskCategory),
  annexIIIArea: optOneOf(AnnexIIIArea), providerContact: optText, previousVersionId: optText, registeredBy: text, createdAt: text,
});

export const toModel = mapper<Model>({ id: text, name: text, systemId: text });

export const toModelVersion = mapper<ModelVersion>({
  id: text, version: text, artifactDigest: text, registeredBy: text, architecture: optText, designRationale: optText,
  parameterCount: optNum, optimisationObjective: optText, modalities: optTexts, licence: optText, baseModel: optText,
  createdAt: text, modelId: text,
});

/** `parameters` is stored as JSON text in `parametersJson`. */
export const toTrainingRun = mapper<TrainingRun>({
  id: text, startedAt: text, endedAt: optText, codeRevision: optText, parameters: jsonIn("parametersJson"), methodology: optText,
  precision: optOneOf(TrainingPrecision), modelVersionId: text,
});

export const toDeployment = mapper<Deployment>({
  id: text, environment: text, startedAt: text, endedAt: optText, referenceDatabase: optText, modelVersionId: text, siteId: text,
});

/** `output` is stored as JSON text in `outputJson`. */
export const toDecision = mapper<Decision>({
  id: text, occurredAt: text, inputDigest: text, output: jsonIn("outputJson"), confidence: optNum, explanation: optText,
  modelVersionId: text, deploymentId: optText,
});

/** `dataset` is the version whose id is stored in `datasetVersionId`. */
export const toMetric = mapper<Metric>({
  id: text, name: text, value: num, threshold: optNum, passed: optBool, lowerIsBetter: bool, dataset: refIn("datasetVersionId"),
  subgroup: optText, recordedBy: text, createdAt: text,
});

/** `overrideOutput` is stored as JSON text in `overrideJson`. */
export const toReview = mapper<DecisionReview>({
  id: text, outcome: oneOf(ReviewOutcome), reviewer: text, note: text, overrideOutput: jsonIn("overrideJson"), createdAt: text,
});
