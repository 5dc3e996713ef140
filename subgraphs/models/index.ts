import { buildFederatedSchema } from "../../runtime/federation.js";
import { serveSubgraph } from "../../runtime/subgraph-server.js";
import { BrowseResolver } from "./browse/resolvers.js";
import { references } from "./references.js";
import { AISystemResolver, ModelResolver, ModelVersionResolver } from "./resolvers.js";
import { DecisionResolver, DeploymentResolver, TrainingRunResolver } from "./resolvers-lineage.js";
import { DecisionEvidenceResolver, ModelVersionEvidenceResolver } from "./resolvers-evidence.js";

/** The models subgraph: AI systems, models, versions, training runs, deployments, decisions. */
export const schema = () =>
  buildFederatedSchema({ resolvers: [AISystemResolver, ModelResolver, ModelVersionResolver, TrainingRunResolver, DeploymentResolver, DecisionResolver, ModelVersionEvidenceResolver, DecisionEvidenceResolver, BrowseResolver] }, references);

export const start = async ({ port, host = "127.0.0.1" }: { port: number; host?: string }) =>
  serveSubgraph("models", await schema(), port, host);
