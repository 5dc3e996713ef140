import { printSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLSchema } from "graphql";
import type { SubgraphName } from "../runtime/config.js";
import * as models from "./models/index.js";
import * as gpu from "./gpu/index.js";
import * as datasets from "./datasets/index.js";
import * as approvals from "./approvals/index.js";
import * as compliance from "./compliance/index.js";
import { startOutboxWorker } from "./datasets/webhook-outbox.js";
import { registerDomainMetrics } from "./domain-metrics.js";

/** Background work a subgraph's process runs: the datasets service delivers its webhook outbox. */
const BACKGROUND: Partial<Record<SubgraphName, () => void>> = { datasets: startOutboxWorker };

/** A schema builder that also registers the subgraph's domain gauges and starts its background work in this process. */
const withMetrics = (name: SubgraphName, build: () => Promise<GraphQLSchema>) => () => {
  registerDomainMetrics(name);
  BACKGROUND[name]?.();
  return build();
};

/** Every subgraph by name, with its schema builder. */
export const SUBGRAPH_SCHEMAS: Partial<Record<SubgraphName, () => Promise<GraphQLSchema>>> = {
  models: withMetrics("models", models.schema),
  datasets: withMetrics("datasets", datasets.schema),
  approvals: withMetrics("approvals", approvals.schema),
  gpu: withMetrics("gpu", gpu.schema),
  compliance: withMetrics("compliance", compliance.schema),
};

/** The SDL a subgraph publishes (what `_service { sdl }` returns). */
export async function subgraphSdl(name: SubgraphName): Promise<string> {
  return printSubgraphSchema(await SUBGRAPH_SCHEMAS[name]!());
}
