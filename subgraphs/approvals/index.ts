import { buildFederatedSchema } from "../../runtime/federation.js";
import { serveSubgraph } from "../../runtime/subgraph-server.js";
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

export const start = async ({ port, host = "127.0.0.1" }: { port: number; host?: string }) =>
  serveSubgraph("approvals", await schema(), port, host);
