import { buildFederatedSchema } from "../../runtime/federation.js";
import { serveSubgraph } from "../../runtime/subgraph-server.js";
import { GpuBrowseResolver } from "./browse/resolvers.js";
import { references } from "./references.js";
import { ComputeAllocationResolver, GpuClusterResolver, SiteResolver } from "./resolvers.js";
import { TrainingRunComputeResolver } from "./resolvers-run.js";
import { TrainingRunCompute } from "./types.js";

/** The gpu subgraph: sites, GPU clusters and compute allocations. */
export const schema = () =>
  buildFederatedSchema({ resolvers: [SiteResolver, GpuClusterResolver, ComputeAllocationResolver, TrainingRunComputeResolver, GpuBrowseResolver], orphanedTypes: [TrainingRunCompute] }, references);

export const start = async ({ port, host = "127.0.0.1" }: { port: number; host?: string }) =>
  serveSubgraph("gpu", await schema(), port, host);
