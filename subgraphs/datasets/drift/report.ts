import type { Props } from "../../../runtime/mutation.js";
import type { FeatureDriftResult } from "./evaluate.js";
import type { DriftStatus } from "./types.js";

/** A drift report as the resolvers use it (features parsed from their JSON text). */
export interface DriftReportRow {
  id: string;
  status: DriftStatus;
  features: FeatureDriftResult[];
  windowStart: string;
  windowEnd: string;
  unmeasuredFeatures: string[];
  referenceProfileId: string;
  submittedBy: string;
  createdAt: string;
  deploymentId: string;
  modelVersionId: string;
  referenceDatasetVersionId: string;
}

/** A DriftReport node's properties as a report row (features parsed from their JSON text). */
export const toReport = (n: Props): DriftReportRow => ({
  id: n.id as string,
  status: n.status as DriftStatus,
  features: JSON.parse(n.features as string) as FeatureDriftResult[],
  windowStart: n.windowStart as string,
  windowEnd: n.windowEnd as string,
  unmeasuredFeatures: (n.unmeasuredFeatures as string[] | null) ?? [],
  referenceProfileId: n.referenceProfileId as string,
  submittedBy: n.submittedBy as string,
  createdAt: n.createdAt as string,
  deploymentId: n.deploymentId as string,
  modelVersionId: n.modelVersionId as string,
  referenceDatasetVersionId: n.referenceDatasetVersionId as string,
});
