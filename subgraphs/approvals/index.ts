import { buildFederatedSchema } from "../../runtime/federation.js";
import type { SubgraphService } from "../../runtime/subgraph-service.js";
import { references } from "./references.js";
import { ApprovalResolver, RiskAssessmentResolver } from "./resolvers.js";
import { AISystemRisksResolver, DatasetVersionApprovalsResolver, DeploymentApprovalsResolver, ModelVersionApprovalsResolver } from "./resolvers-subjects.js";
import { AISystemRisks, DatasetVersionApprovals, DeploymentApprovals, ModelVersionApprovals } from "./types.js";

export { approvalRecord, type ApprovalRecord } from "./signature.js";

/**
 * The approvals subgraph: signed approvals (four-eyes, superseding chain) and risk assessments;
 * extends ModelVersion, DatasetVersion, Deployment and AISystem with them.
 */
export const schema = () =>
  buildFederatedSchema(
    {
      resolvers: [
        ApprovalResolver, RiskAssessmentResolver,
        ModelVersionApprovalsResolver, DatasetVersionApprovalsResolver, DeploymentApprovalsResolver, AISystemRisksResolver,
      ],
      // No field of this subgraph returns the extended entities: they enter only as entities.
      orphanedTypes: [ModelVersionApprovals, DatasetVersionApprovals, DeploymentApprovals, AISystemRisks],
    },
    references,
  );

/** What tools/serve.ts runs as the `approvals` service. */
export const service: SubgraphService = { name: "approvals", schema };
