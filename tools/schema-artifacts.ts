import { transformSupergraphToPublicSchema } from "@theguild/federation-composition";
import { buildASTSchema, parse, printSchema } from "graphql";
import { composeSupergraph } from "../gateway/supergraph.js";
import { defaultSubgraphUrl, SUBGRAPHS, type SubgraphName } from "../runtime/config.js";
import { SUBGRAPH_SCHEMAS, subgraphSdl } from "../subgraphs/registry.js";

/**
 * The client-facing API schema of a supergraph: what the gateway serves (introspection shows
 * the same), with no federation or join directives, for code generators and frontends where
 * introspection is off in production.
 */
export function apiSchema(supergraph: string): string {
  return `${printSchema(buildASTSchema(transformSupergraphToPublicSchema(parse(supergraph)))).trim()}\n`;
}

/**
 * The files `npm run schema` writes into schema/: each subgraph's SDL, the composed supergraph,
 * and the client-facing API schema (api.graphql).
 */
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
  files["api.graphql"] = apiSchema(files["supergraph.graphql"]);
  return files;
}
