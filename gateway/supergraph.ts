import { composeServices } from "@theguild/federation-composition";
import { parse } from "graphql";

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** Composes subgraph SDLs into a Federation v2 supergraph (also valid for Apollo Router). */
export function composeSupergraph(sources: SubgraphSource[]): string {
  const result = composeServices(sources.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  }
  return result.supergraphSdl;
}
