import { printSubgraphSchema } from "@apollo/subgraph";
import * as models from "../subgraphs/models/index.js";
import * as gpu from "../subgraphs/gpu/index.js";
const a = await models.schema(); const b = await gpu.schema();
console.log(printSubgraphSchema(a).slice(0, 3000)); console.log(printSubgraphSchema(b).slice(0,600));
