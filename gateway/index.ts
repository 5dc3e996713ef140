import http from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { config, env, gatewaySupergraph, readinessTimeoutMs, subgraphUrls as configuredUrls } from "../runtime/config.js";
import type { TrustedIssuer } from "../runtime/auth/issuers.js";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import { createCallerVerifier } from "../runtime/auth/verify-caller.js";
import { ping } from "../runtime/db.js";
import { verificationKeys } from "../runtime/auth/verification-keys.js";
import { derivedSecret } from "../runtime/keys.js";
import { checkDevIssuerExposure } from "../runtime/startup-checks.js";
import { benchmarkHeaders, genericAuth, internalHeaders } from "./auth.js";
import { graphiql } from "./graphiql.js";
import { createExplorerHandler } from "./explorer.js";
import { metricsHandler } from "../runtime/metrics.js";
import { useBookmarks } from "./bookmarks.js";
import { useMetrics } from "./observability.js";
import { gatewayTracing } from "./tracing.js";
import { inServerSpan } from "../runtime/tracing.js";
import { closeGracefully, listen } from "../runtime/subgraph-server.js";
import { fail, proxyToService } from "./proxy.js";
import { restRoute, underRestPrefix } from "./routes.js";
import { isRefused, parseTarget } from "../runtime/request-target.js";
import { createGuardedServer } from "../runtime/http-guard.js";
import { cachedCheck, READINESS_CACHE_MS } from "../runtime/readiness.js";
import { maskError, REQUEST_ID_HEADER, stderrLog, useErrorPolicy, type GatewayLog } from "./errors.js";
import { useQueryLimits, type QueryLimits } from "./limits.js";
import { useStableDocument } from "./stable-document.js";
import { composeFromServices, loadSupergraph, supergraphSubgraphs } from "./supergraph.js";

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
  /** Subgraph GraphQL URLs by name (default: SUBGRAPH_URL_<NAME>, else the local ports). */
  subgraphs?: Record<string, string>;
  /** The supergraph SDL (default: the committed schema/supergraph.graphql, routed to `subgraphs`). */
  supergraph?: string;
  /** Production: no dev issuer, no introspection, no field suggestions (default: NODE_ENV=production). */
  production?: boolean;
  /** Trusted token issuers (default: TRUSTED_ISSUERS / TRUSTED_ISSUERS_FILE). */
  issuers?: TrustedIssuer[];
  /** Overrides of the query limits (defaults: GATEWAY_MAX_* variables, see runtime/config.ts). */
  limits?: Partial<QueryLimits>;
  /** Where log lines go (default: JSON lines on stderr). */
  log?: GatewayLog;
  /** GraphiQL on GET /graphql with Accept: text/html (default: GRAPHIQL, else on unless production). */
  graphiql?: boolean;
  /**
   * Benchmark only (tools/bench/serve-peer.ts): no caller authentication and no `@authenticated`
   * / `@requiresScopes`; every subgraph call carries the internal token of a fixed all-scopes
   * caller, as the unauthenticated @apollo/gateway peer does. No variable or flag sets it, and
   * it is refused in production (NODE_ENV=production or `production`).
   */
  benchmarkWithoutAuthentication?: boolean;
}

/** Which subgraphs answer a query carrying a valid internal token (in parallel, each within READINESS_TIMEOUT_MS, default 5 s). */
async function subgraphHealth(urls: Record<string, string>): Promise<Record<string, boolean>> {
  const probe = { sub: "gateway:readiness", scopes: [] };
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${await mintInternalToken(probe, name, "readyz")}` },
          body: JSON.stringify({ query: "{ __typename }" }),
          signal: AbortSignal.timeout(readinessTimeoutMs),
        });
        return [name, res.ok] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * Starts the gateway: Hive Gateway runtime over the composed supergraph, plus `/healthz`,
 * `/readyz` and `/.well-known/jwks.json`, which need no token. HTTP array batching is off (the
 * runtime's default), CSRF prevention on (a request without a JSON content type needs an
 * `x-graphql-csrf` or `apollo-require-preflight` header), errors masked with a request id.
 */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const production = opts.production ?? config.production;
  if (opts.benchmarkWithoutAuthentication && (production || config.production)) throw new Error("the gateway without authentication is a benchmark switch and does not exist in production");
  checkDevIssuerExposure(opts.host, production, env.ALLOW_DEV_ISSUER_ON_NETWORK === true);
  const log = opts.log ?? stderrLog;
  const verifier = await createCallerVerifier({ issuers: opts.issuers, production });
  const urls: Record<string, string> = opts.subgraphs ?? configuredUrls();
  const supergraph =
    opts.supergraph ??
    (gatewaySupergraph === "compose"
      ? await composeFromServices(urls, (name) => mintInternalToken({ sub: "gateway:compose", scopes: [] }, name, "compose"))
      : loadSupergraph(urls));
  const names = supergraphSubgraphs(supergraph);
  const urlOf = (name: string) => urls[name] ?? supergraph.match(new RegExp(`@join__graph\\(name: "${name}", url: "([^"]*)"`))?.[1] ?? "";
  const routedUrls = Object.fromEntries(names.map((n) => [n, urlOf(n)]));
  const explorer = createExplorerHandler({ production, issuers: opts.issuers });
  const tracing = await gatewayTracing();
  // Bookmarks are tagged with a secret derived from the internal key, which every gateway replica holds.
  const bookmarkSecret = await derivedSecret("internal", "bookmark tag");
  const ui = graphiql(opts.graphiql ?? config.graphiql ?? !production);
  const gateway = createGatewayRuntime({
    supergraph,
    // GATEWAY_QUERY_PLANNER=rust: Hive's Rust query planner instead of the JS one (docs/performance.md measures both).
    // Loaded only then: the planner's module costs about a CPU-second at every start.
    ...(env.GATEWAY_QUERY_PLANNER === "rust" ? { unifiedGraphHandler: (await import("@graphql-hive/router-runtime")).unifiedGraphHandler } : {}),
    ...(opts.benchmarkWithoutAuthentication
      ? { propagateHeaders: { fromClientToSubgraphs: benchmarkHeaders } }
      : { genericAuth: genericAuth(verifier), propagateHeaders: { fromClientToSubgraphs: internalHeaders } }),
    // Tracing first: its HTTP span then covers the other plugins' work.
    plugins: (ctx) => [...tracing(ctx), useQueryLimits(opts.limits), useErrorPolicy({ production, log }), useBookmarks(bookmarkSecret), useMetrics(routedUrls), useStableDocument(), ui.plugin],
    landingPage: false,
    ...ui.options,
    logging: env.LOG_LEVEL === "debug" ? "debug" : "warn",
    // isDev false: even under NODE_ENV=development no original error or stack reaches a caller.
    maskedErrors: { isDev: false, errorMessage: "Internal server error", maskError },
    disableIntrospection: production ? { disableIf: () => true } : undefined,
    csrfPrevention: { requestHeaders: ["x-graphql-csrf", "apollo-require-preflight"] },
    healthCheckEndpoint: "/__hive_health",
    readinessCheckEndpoint: "/__hive_ready",
  });

  // One readiness check (Neo4j and every subgraph) a second at most, whoever asks (runtime/readiness.ts).
  const readiness = cachedCheck(READINESS_CACHE_MS, async () => {
    const [db, subs] = await Promise.all([ping(), subgraphHealth(routedUrls)]);
    const missing = Object.keys(subs).filter((n) => !subs[n]);
    const ready = db && missing.length === 0;
    return { status: ready ? 200 : 503, body: { status: ready ? "ready" : "not ready", neo4j: db, subgraphs: subs, ...(missing.length ? { missing } : {}) } };
  });

  // Whatever a handler throws is answered by the guard (runtime/http-guard.ts): masked, the process stays up.
  const server = createGuardedServer(async (req, res) => {
    // The request id is always ours (a client could otherwise reuse another request's id in the
    // logs); the runtime echoes it in the response header and forwards it to subgraphs.
    req.headers[REQUEST_ID_HEADER] = crypto.randomUUID();
    // The target is decoded and checked once, here, before any route sees it (runtime/request-target.ts).
    const target = parseTarget(req.url);
    if (isRefused(target)) return fail(res, target.status, target.status === 404 ? "NOT_FOUND" : "BAD_REQUEST", target.message);
    const { path } = target;
    if (req.method === "GET" && path === "/healthz") return json(res, 200, { status: "ok" });
    if (req.method === "GET" && path === "/readyz") {
      const { status, body } = await readiness();
      return json(res, status, body);
    }
    if (req.method === "GET" && path === "/metrics") return metricsHandler(req, res);
    if (req.method === "GET" && path === "/.well-known/jwks.json") return json(res, 200, (await verificationKeys("service")).jwks);
    if ((req.method === "GET" || req.method === "HEAD") && (path === "/explorer" || path.startsWith("/explorer/"))) return explorer(req, res);
    if (underRestPrefix(path)) {
      const route = restRoute(target.rawPath);
      if (!route) return fail(res, 404, "NOT_FOUND", "no such route");
      const proxied = { name: route.service, baseUrl: urlOf(route.service), path: target.rawPath + target.search };
      return inServerSpan(req, res, route.pattern, () => proxyToService(req, res, proxied, verifier, log));
    }
    return gateway.handle(req, res);
  });
  await listen(server, opts.port, opts.host);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host}:${port}/graphql`,
    port,
    reloadKeys: () => verifier.reload(),
    async stop() {
      await closeGracefully(server, 10_000);
      await gateway.dispose();
    },
  };
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
