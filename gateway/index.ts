import "reflect-metadata"; // before any decorated (type-graphql) class loads, whatever the import order
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { config } from "../runtime/config.js";
import type { TrustedIssuer } from "../runtime/auth/issuers.js";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import { createCallerVerifier } from "../runtime/auth/verify-caller.js";
import { ping } from "../runtime/db.js";
import { serviceJwks } from "../runtime/keys.js";
import { genericAuth, internalHeaders } from "./auth.js";
import { useBookmarks } from "./bookmarks.js";
import { useMetrics } from "./observability.js";
import { isMetricsRequest, metricsHandler } from "../runtime/metrics.js";
import { handleExport } from "./exports.js";
import { maskError, REQUEST_ID_HEADER, stderrLog, useErrorPolicy, type GatewayLog } from "./errors.js";
import { useQueryLimits, type QueryLimits } from "./limits.js";
import { composeSupergraph, type SubgraphSource } from "./supergraph.js";

export interface RunningGateway {
  url: string;
  port: number;
  /** Re-reads the trusted issuers and drops every cached key set (key rotation, removed keys). */
  reloadKeys(): Promise<void>;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  port: number;
  host: string;
  subgraphs: SubgraphSource[];
  /** Production: no dev issuer, no introspection, no field suggestions (default: NODE_ENV=production). */
  production?: boolean;
  /** Trusted token issuers (default: TRUSTED_ISSUERS / TRUSTED_ISSUERS_FILE). */
  issuers?: TrustedIssuer[];
  /** Overrides of the query limits (defaults: GATEWAY_MAX_* variables, see runtime/config.ts). */
  limits?: Partial<QueryLimits>;
  /** Where log lines go (default: JSON lines on stderr). */
  log?: GatewayLog;
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
 * `/readyz` and `/.well-known/jwks.json`, which need no token. HTTP array batching is off (the
 * runtime's default), CSRF prevention on (a request without a JSON content type needs an
 * `x-graphql-csrf` or `apollo-require-preflight` header), errors masked with a request id.
 */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const production = opts.production ?? config.production;
  const log = opts.log ?? stderrLog;
  const verifier = await createCallerVerifier({ issuers: opts.issuers, production });
  const supergraph = composeSupergraph(opts.subgraphs);
  const gateway = createGatewayRuntime({
    supergraph,
    genericAuth: genericAuth(verifier) as never,
    propagateHeaders: { fromClientToSubgraphs: internalHeaders as never },
    plugins: () => [useQueryLimits(opts.limits), useErrorPolicy({ production, log }), useBookmarks(), useMetrics(opts.subgraphs)] as never,
    landingPage: false,
    graphiql: false,
    logging: process.env.LOG_LEVEL === "debug" ? "debug" : "warn",
    // isDev false: even under NODE_ENV=development no original error or stack reaches a caller.
    maskedErrors: { isDev: false, errorMessage: "Internal server error", maskError },
    disableIntrospection: production ? { disableIf: () => true } : undefined,
    csrfPrevention: { requestHeaders: ["x-graphql-csrf", "apollo-require-preflight"] },
    healthCheckEndpoint: "/__hive_health",
    readinessCheckEndpoint: "/__hive_ready",
  } as never);

  const server = http.createServer(async (req, res) => {
    // The request id is always ours (a client could otherwise reuse another request's id in the
    // logs); the runtime echoes it in the response header and forwards it to subgraphs.
    req.headers[REQUEST_ID_HEADER] = crypto.randomUUID();
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") return json(res, 200, { status: "ok" });
    if (isMetricsRequest(req)) return metricsHandler(req, res);
    if (req.method === "GET" && path === "/readyz") {
      const [db, subs] = await Promise.all([ping(), subgraphsReady(opts.subgraphs)]);
      return json(res, db && subs ? 200 : 503, { status: db && subs ? "ready" : "not ready", neo4j: db, subgraphs: subs });
    }
    if (req.method === "GET" && path === "/.well-known/jwks.json") return json(res, 200, await serviceJwks());
    if (req.method === "GET" && path.startsWith("/exports/")) return handleExport(req, res, (token) => verifier.verify(token));
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
    reloadKeys: () => verifier.reload(),
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
