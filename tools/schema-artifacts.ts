import { composeSupergraph } from "../gateway/supergraph.js";
import { defaultSubgraphUrl, SUBGRAPHS, type SubgraphName } from "../runtime/config.js";
import { SUBGRAPH_SCHEMAS, subgraphSdl } from "../subgraphs/registry.js";

/** The files `npm run schema` writes into schema/: each subgraph's SDL and the composed supergraph. */
export async function schemaArtifacts(): Promise<Record<string, string>> {
  const names = SUBGRAPHS.filter((n) => SUBGRAPH_SCHEMAS[n]) as SubgraphName[];
  const files: Record<string, string> = {};
  const sources = [];
  for (const name of names) {
    const sdl = await subgraphSdl(name);
    files[`${name}.graphql`] = sdl.endsWith("\n") ? sdl : `${sdl}\n`;
    // Default local routing URLs: the gateway substitutes its configured ones (as Apollo Router does with override_subgraph_url).
    sources.push({ name, url: defaultSubgraphUrl(name), sdl });
  }
  files["supergraph.graphql"] = `${composeSupergraph(sources).trim()}\n`;
  return files;
}
