import type { GraphQLSchema } from "graphql";
import type { SubgraphName } from "./config.js";
import type { RouteHandler } from "./subgraph-server.js";

/** What a subgraph package exports for tools/serve.ts: its name, its schema and any HTTP routes beside /graphql. */
export interface SubgraphService {
  name: SubgraphName;
  schema: () => Promise<GraphQLSchema>;
  /** Routes by path prefix, reached through the gateway with the caller's internal token. */
  routes?: Record<string, RouteHandler>;
  /** Background work its process runs beside the server (the datasets service delivers its webhook outbox). */
  background?: () => void;
}
