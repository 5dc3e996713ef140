// `npm run schema`: writes each subgraph's SDL, the composed supergraph and the client-facing API schema (api.graphql) into schema/.
import fs from "node:fs/promises";
import path from "node:path";
import { schemaArtifacts } from "./schema-artifacts.js";

const dir = path.resolve("schema");
await fs.mkdir(dir, { recursive: true });
for (const [file, text] of Object.entries(await schemaArtifacts())) {
  await fs.writeFile(path.join(dir, file), text);
  console.log(`wrote schema/${file}`);
}
