import { buildFederatedSchema } from "../../runtime/federation.js";
import type { SubgraphService } from "../../runtime/subgraph-service.js";
import { driftReferences } from "./drift/references.js";
import { DeploymentDriftResolver, DriftReportResolver } from "./drift/resolvers.js";
import { DeploymentDrift } from "./drift/types.js";
import { DatasetVersionProfileResolver } from "./profile/resolvers.js";
import { handleOpenLineage, OPENLINEAGE_ROUTES } from "./openlineage/handler.js";
import { DatasetBrowseResolver } from "./browse/resolvers.js";
import { references } from "./references.js";
import { WebhookDeadLetterResolver } from "./webhook/dead-letters.js";
import { startOutboxWorker } from "./webhook/outbox.js";
import { DatasetResolver, DatasetVersionResolver } from "./resolvers.js";

/** The datasets subgraph: datasets, their versions, derivations and data-governance facts; feature profiles and drift reports. */
export const schema = () =>
  buildFederatedSchema(
    {
      resolvers: [DatasetResolver, DatasetVersionResolver, DatasetVersionProfileResolver, DriftReportResolver, DeploymentDriftResolver, DatasetBrowseResolver, WebhookDeadLetterResolver],
      // Deployment enters this subgraph only as an entity (and through DriftReport.deployment).
      orphanedTypes: [DeploymentDrift],
    },
    { ...references, ...driftReferences },
  );

/** What tools/serve.ts runs as the `datasets` service. */
export const service: SubgraphService = { name: "datasets", schema, routes: Object.fromEntries(OPENLINEAGE_ROUTES.map((p) => [p, handleOpenLineage])), background: startOutboxWorker };
