import fs from "node:fs";
import path from "node:path";
import { composeServices } from "@theguild/federation-composition";
import { parse } from "graphql";

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** The committed supergraph, written by `npm run schema`. */
export const SUPERGRAPH_FILE = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "../schema/supergraph.graphql");

/** Composes subgraph SDLs into a Federation v2 supergraph (also valid for Apollo Router and Hive Router). */
export function composeSupergraph(sources: SubgraphSource[]): string {
  const result = composeServices(sources.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  }
  return result.supergraphSdl;
}

/** The subgraph names a supergraph routes to, from its `@join__graph` values. */
export function supergraphSubgraphs(supergraph: string): string[] {
  return [...supergraph.matchAll(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g)].map((m) => m[1]);
}

/**
 * The committed supergraph with each subgraph's routing URL replaced by `urls[name]` (as Apollo
 * Router's `override_subgraph_url` does). A subgraph with no URL given is an error naming it.
 */
export function loadSupergraph(urls: Record<string, string>, file = SUPERGRAPH_FILE): string {
  const text = fs.readFileSync(file, "utf8");
  return text.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_m, name: string) => {
    const url = urls[name];
    if (!url) throw new Error(`no URL for subgraph "${name}": set SUBGRAPH_URL_${name.toUpperCase()}`);
    return `@join__graph(name: "${name}", url: ${JSON.stringify(url)})`;
  });
}

/**
 * Development: composes the supergraph from the running subgraphs' own SDL (`_service { sdl }`,
 * asked with an internal token), so a schema change shows without `npm run schema`. Production
 * serves the committed file, which review and CI have seen.
 */
export async function composeFromServices(urls: Record<string, string>, tokenFor: (name: string) => Promise<string>): Promise<string> {
  const sources = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await tokenFor(name)}` },
        body: JSON.stringify({ query: "{ _service { sdl } }" }),
      }).catch((err: Error) => {
        throw new Error(`subgraph ${name} at ${url} did not answer: ${err.message}`);
      });
      const body = (await res.json()) as { data?: { _service?: { sdl?: string } } };
      const sdl = body.data?._service?.sdl;
      if (!sdl) throw new Error(`subgraph ${name} at ${url} gave no SDL (HTTP ${res.status})`);
      return { name, url, sdl };
    }),
  );
  return composeSupergraph(sources);
}
