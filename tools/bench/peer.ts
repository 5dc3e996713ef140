import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { GraphQLError } from "graphql";
import { jwtVerify } from "jose";
import fs from "node:fs";
import path from "node:path";
import { mintInternalToken } from "../../runtime/auth/internal-token.js";
import { SCOPES, parseScopes, type Caller } from "../../runtime/auth/caller.js";
import { bearer } from "../../runtime/auth/issued-token.js";
import { verificationKeys } from "../../runtime/auth/verification-keys.js";
import { config, DEV_ISSUER } from "../../runtime/config.js";
import { composeSupergraph } from "../../gateway/supergraph.js";

/** @apollo/gateway refuses supergraphs with SECURITY features (it cannot enforce them): drop them. */
const withoutSecurityDirectives = (sdl: string) =>
  sdl
    .split("\n")
    .filter((line) => !/^directive @(authenticated|requiresScopes)\b/.test(line))
    .map((line) => line.replace(/\s@requiresScopes\(scopes: \[[^)]*\]\)/g, "").replace(/\s@authenticated\b/g, ""))
    .join("\n")
    .replace(/, "@authenticated", "@requiresScopes"/, "");

interface PeerContext {
  caller?: Caller;
  requestId?: string;
}

/**
 * The caller's bearer token verified with jose on every request, as an Apollo Server context
 * function does it: the same checks as the gateway's trusted-issuer path (signature, iss, aud,
 * exp, iat, sub, typ; runtime/auth/issued-token.ts), against the dev issuer's public keys.
 */
async function verifiedCaller(authorization: string | undefined): Promise<Caller> {
  const token = bearer(authorization);
  const refuse = () => new GraphQLError("a valid bearer token is required", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
  if (!token) throw refuse();
  const { getKey } = await verificationKeys("dev-issuer");
  try {
    const { payload } = await jwtVerify(token, getKey, {
      issuer: DEV_ISSUER, audience: config.audience, algorithms: ["EdDSA"], typ: "at+jwt",
      requiredClaims: ["exp", "iat", "sub"], clockTolerance: config.clockToleranceS,
    });
    return { sub: payload.sub!, iss: DEV_ISSUER, scopes: parseScopes(payload.scope) };
  } catch {
    throw refuse();
  }
}

/**
 * The peer users know: @apollo/gateway serving the same supergraph over the same subgraph
 * processes, for the benchmark only (tools/bench/serve-peer.ts runs it in a process of its own).
 * It cannot enforce `@authenticated` / `@requiresScopes`, so it serves the supergraph without them.
 * - `auth: false`: no caller token; every subgraph call carries the internal token of a fixed
 *   all-scopes caller, minted once per subgraph and reused (as our gateway without authentication).
 * - `auth: true`: the same security work as our gateway, written the way an Apollo user would:
 *   the caller's JWT verified with jose on every request (context), and an internal token for
 *   the caller signed for every subgraph request (RemoteGraphQLDataSource.willSendRequest), which
 *   the subgraph then verifies. No caches on this side (our gateway has them: that is the point).
 */
export async function startApolloGateway(urls: Record<string, string>, opts: { auth: boolean; port?: number }): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  // The same subgraph SDLs the committed supergraph was composed from (schema/<name>.graphql).
  const sources = Object.entries(urls).map(([name, url]) => ({ name, url, sdl: fs.readFileSync(path.resolve("schema", `${name}.graphql`), "utf8") }));
  const fixed: Caller = { sub: "bench-peer", scopes: [...SCOPES] };
  const fixedTokens = new Map<string, Promise<string>>();
  const fixedToken = (name: string) => {
    let t = fixedTokens.get(name);
    if (!t) fixedTokens.set(name, (t = mintInternalToken(fixed, name, "bench")));
    return t;
  };
  // Internal tokens live INTERNAL_TOKEN_TTL_S (60 s): the fixed ones are minted again every 20 s.
  const refresh = setInterval(() => fixedTokens.clear(), 20_000);
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph(sources.map((s) => ({ ...s, sdl: withoutSecurityDirectives(s.sdl) }))),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<PeerContext>({
        url,
        async willSendRequest({ request, context }) {
          const token = opts.auth ? await mintInternalToken(context.caller!, name, context.requestId) : await fixedToken(name);
          request.http?.headers.set("authorization", `Bearer ${token}`);
        },
      }),
  });
  const server = new ApolloServer<PeerContext>({ gateway, csrfPrevention: false });
  const { url } = await startStandaloneServer(server, {
    listen: { port: opts.port ?? 0, host: "127.0.0.1" },
    context: async ({ req }) => (opts.auth ? { caller: await verifiedCaller(req.headers.authorization), requestId: crypto.randomUUID() } : {}),
  });
  return {
    url,
    port: Number(new URL(url).port),
    async stop() {
      clearInterval(refresh);
      await server.stop();
    },
  };
}
