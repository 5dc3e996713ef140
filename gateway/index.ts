import http from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { config } from "../runtime/config.js";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import { ping } from "../runtime/db.js";
import { serviceJwks } from "../runtime/keys.js";
import { genericAuth, internalHeaders } from "./auth.js";
import { composeSupergraph, type SubgraphSource } from "./supergraph.js";

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** True when every subgraph answers a query carrying a valid internal token. */
async function subgraphsReady(sources: SubgraphSource[]): Promise<boolean> {
  const probe = { sub: "gateway:readiness", scopes: [] };
  const results = await Promise.all(
    sources.map(async (s) => {
      try {
        const res = await fetch(s.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${await mintInternalToken(probe, s.name, "readyz")}` },
          body: JSON.stringify({ query: "{ __typename }" }),
          signal: AbortSignal.timeout(2000),
        });
        return res.ok;
      } catch {
        return false;
      }
    }),
  );
  return results.every(Boolean);
}

/**
 * Starts the gateway: Hive Gateway runtime over the composed supergraph, plus `/healthz`,
 * `/readyz` and `/.well-known/jwks.json`, which need no token.
 */
export async function startGateway(opts: { port: number; host: string; subgraphs: SubgraphSource[] }): Promise<RunningGateway> {
  const supergraph = composeSupergraph(opts.subgraphs);
  const gateway = createGatewayRuntime({
    supergraph,
    genericAuth: genericAuth as never,
    propagateHeaders: { fromClientToSubgraphs: internalHeaders as never },
    landingPage: false,
    graphiql: false,
    logging: process.env.LOG_LEVEL === "debug" ? "debug" : "warn",
    maskedErrors: true,
    disableIntrospection: config.production ? { disableIf: () => true } : undefined,
    csrfPrevention: { requestHeaders: ["x-graphql-csrf", "apollo-require-preflight"] },
    healthCheckEndpoint: "/__hive_health",
    readinessCheckEndpoint: "/__hive_ready",
  } as never);

  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") return json(res, 200, { status: "ok" });
    if (req.method === "GET" && path === "/readyz") {
      const [db, subs] = await Promise.all([ping(), subgraphsReady(opts.subgraphs)]);
      return json(res, db && subs ? 200 : 503, { status: db && subs ? "ready" : "not ready", neo4j: db, subgraphs: subs });
    }
    if (req.method === "GET" && path === "/.well-known/jwks.json") return json(res, 200, await serviceJwks());
    return (gateway as unknown as http.RequestListener)(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new Error(`port ${opts.port} is already in use: set PORT to a free port`) : err),
    );
    server.listen(opts.port, opts.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host}:${port}/graphql`,
    port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
