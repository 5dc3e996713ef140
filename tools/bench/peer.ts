import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { mintInternalToken } from "../../runtime/auth/internal-token.js";
import { SCOPES } from "../../runtime/auth/caller.js";
import fs from "node:fs";
import path from "node:path";
import { composeSupergraph } from "../../gateway/supergraph.js";

/** @apollo/gateway refuses supergraphs with SECURITY features (it cannot enforce them): drop them. */
const withoutSecurityDirectives = (sdl: string) =>
  sdl
    .split("\n")
    .filter((line) => !/^directive @(authenticated|requiresScopes)\b/.test(line))
    .map((line) => line.replace(/\s@requiresScopes\(scopes: \[[^)]*\]\)/g, "").replace(/\s@authenticated\b/g, ""))
    .join("\n")
    .replace(/, "@authenticated", "@requiresScopes"/, "");

/**
 * The peer users know: @apollo/gateway serving the same supergraph, for the benchmark only.
 * It enforces no scopes, so it gets the internal tokens of a fixed all-scopes caller.
 */
export async function startApolloGateway(urls: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  // The same subgraph SDLs the committed supergraph was composed from (schema/<name>.graphql).
  const sources = Object.entries(urls).map(([name, url]) => ({ name, url, sdl: fs.readFileSync(path.resolve("schema", `${name}.graphql`), "utf8") }));
  const caller = { sub: "bench-peer", scopes: [...SCOPES] };
  const tokens = new Map<string, { token: Promise<string>; at: number }>();
  const tokenFor = (name: string) => {
    const cached = tokens.get(name);
    if (cached && Date.now() - cached.at < 20_000) return cached.token;
    const fresh = { token: mintInternalToken(caller, name, "bench"), at: Date.now() };
    tokens.set(name, fresh);
    return fresh.token;
  };
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph(sources.map((s) => ({ ...s, sdl: withoutSecurityDirectives(s.sdl) }))),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url,
        async willSendRequest({ request }) {
          request.http?.headers.set("authorization", `Bearer ${await tokenFor(name)}`);
        },
      }),
  });
  const server = new ApolloServer({ gateway, csrfPrevention: false });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  return { url, stop: () => server.stop() };
}
