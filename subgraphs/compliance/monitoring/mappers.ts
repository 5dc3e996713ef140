import { mapper, num, oneOf, optBool, optNum, optText, text } from "../../../runtime/graph/mapper.js";
import { PerformanceSource, type PerformanceInUse } from "./types.js";

/** A stored PerformanceObservation as the API shows it (runtime/graph/mapper.ts); no threshold declared: threshold and passed null. */
export const toPerformance = mapper<PerformanceInUse>({
  id: text, deploymentId: text, modelVersionId: text, metric: text, subgroup: optText, windowStart: text, windowEnd: text,
  value: num, sampleSize: num, source: oneOf(PerformanceSource), reference: text, digest: optText, declaredMetricId: text,
  threshold: optNum, passed: optBool, recordedBy: text, createdAt: text,
});
