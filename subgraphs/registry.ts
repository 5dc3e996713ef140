import { printSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLSchema } from "graphql";
import type { SubgraphName } from "../runtime/config.js";
import * as models from "./models/index.js";
import * as gpu from "./gpu/index.js";
import * as datasets from "./datasets/index.js";
import * as approvals from "./approvals/index.js";
import * as compliance from "./compliance/index.js";
/**
 * Every subgraph by name, with its schema builder: for `npm run schema` (tools/schema-artifacts.ts),
 * which composes all five. A service process never loads this file (tools/serve.ts loads one subgraph).
 */
export const SUBGRAPH_SCHEMAS: Partial<Record<SubgraphName, () => Promise<GraphQLSchema>>> = {
  models: models.schema,
  datasets: datasets.schema,
  approvals: approvals.schema,
  gpu: gpu.schema,
  compliance: compliance.schema,
};

/** The SDL a subgraph publishes (what `_service { sdl }` returns). */
export async function subgraphSdl(name: SubgraphName): Promise<string> {
  return printSubgraphSchema(await SUBGRAPH_SCHEMAS[name]!());
}
