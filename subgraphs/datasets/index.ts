import { buildFederatedSchema } from "../../runtime/federation.js";
import { serveSubgraph } from "../../runtime/subgraph-server.js";
import { references } from "./references.js";
import { DatasetResolver, DatasetVersionResolver } from "./resolvers.js";

/** The datasets subgraph: datasets, their versions, derivations and data-governance facts. */
export const schema = () => buildFederatedSchema({ resolvers: [DatasetResolver, DatasetVersionResolver] }, references);

export const start = async ({ port, host = "127.0.0.1" }: { port: number; host?: string }) =>
  serveSubgraph("datasets", await schema(), port, host);
