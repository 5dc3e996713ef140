import { buildFederatedSchema } from "../../runtime/federation.js";
import { GpuBrowseResolver } from "./browse/resolvers.js";
import type { SubgraphService } from "../../runtime/subgraph-service.js";
import { references } from "./references.js";
import { ComputeAllocationResolver, GpuClusterResolver, SiteResolver } from "./resolvers.js";
import { SiteRecorderResolver } from "./recorder/resolvers.js";
import { handleSiteReport } from "./recorder/route.js";
import { TrainingRunComputeResolver } from "./resolvers-run.js";
import { TrainingRunCompute } from "./types.js";

/** The gpu subgraph: sites (and their recorders' reports), GPU clusters and compute allocations. */
export const schema = () =>
  buildFederatedSchema({ resolvers: [SiteResolver, GpuClusterResolver, ComputeAllocationResolver, TrainingRunComputeResolver, GpuBrowseResolver, SiteRecorderResolver], orphanedTypes: [TrainingRunCompute] }, references);

/** What tools/serve.ts runs as the `gpu` service. */
export const service: SubgraphService = { name: "gpu", schema, routes: { "/sites/": handleSiteReport } };
