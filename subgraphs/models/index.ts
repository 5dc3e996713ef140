import { buildFederatedSchema } from "../../runtime/federation.js";
import { BrowseResolver } from "./browse/resolvers.js";
import type { SubgraphService } from "../../runtime/subgraph-service.js";
import { handleIngest } from "./ingest-route.js";
import { references } from "./references.js";
import { AISystemResolver, ModelResolver, ModelVersionResolver } from "./resolvers.js";
import { DecisionResolver, DeploymentResolver, TrainingRunResolver } from "./resolvers-lineage.js";
import { DecisionEvidenceResolver, ModelVersionEvidenceResolver } from "./resolvers-evidence.js";

/** The models subgraph: AI systems, models, versions, training runs, deployments, decisions. */
export const schema = () =>
  buildFederatedSchema({ resolvers: [AISystemResolver, ModelResolver, ModelVersionResolver, TrainingRunResolver, DeploymentResolver, DecisionResolver, ModelVersionEvidenceResolver, DecisionEvidenceResolver, BrowseResolver] }, references);

/** What tools/serve.ts runs as the `models` service. */
export const service: SubgraphService = { name: "models", schema, routes: { "/ingest/": handleIngest } };
