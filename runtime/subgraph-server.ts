import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLError, type DocumentNode, type GraphQLSchema } from "graphql";
import { DocumentCache } from "./document-cache.js";
import type { Caller } from "./auth/caller.js";
import { verifyInternalToken } from "./auth/internal-token.js";
import { bearer } from "./auth/verify-caller.js";
import { newContext, type Ctx } from "./context.js";
import { BodyTooLarge, maxBodyBytes, readBody, refuse } from "./http-body.js";
import { ping } from "./db.js";
import { isPublicError, maskError } from "./errors.js";
import { logger } from "./log.js";
import { createGuardedServer } from "./http-guard.js";
import { cachedCheck, READINESS_CACHE_MS } from "./readiness.js";
import { isRefused, parseTarget } from "./request-target.js";
import { httpRequests, metricsHandler, subgraphMetricsPlugin } from "./metrics.js";
import { BOOKMARK_HEADER, formatBookmarks, parseBookmarks, withBookmarks } from "./bookmarks.js";
import { inServerSpan, tracingPlugin } from "./tracing.js";

/** A caller as the gateway's internal token names it, with the request id it carries. */
export type InternalCaller = Caller & { requestId: string };

/** An HTTP route beside /graphql, reached through the gateway with the same internal token. */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, caller: InternalCaller) => Promise<void>;

export interface SubgraphServerOptions {
  name: string;
  schema: GraphQLSchema;
  port: number;
  host: string;
  /** Routes by path prefix (e.g. "/exports/"), each behind the internal token. */
  routes?: Record<string, RouteHandler>;
  /** How long stop() lets in-flight requests finish before closing their connections (default 10 s). */
  graceMs?: number;
}

export interface RunningService {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** The gateway's request id: the token's own (rid), else the x-request-id the gateway sent beside a reused token (valid only with a valid token). */
const requestIdOf = (header: string | string[] | undefined) => (typeof header === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(header) ? header : undefined);

async function callerOf(req: http.IncomingMessage, name: string): Promise<InternalCaller> {
  const caller = await verifyInternalToken(bearer(req.headers.authorization), name);
  return { ...caller, requestId: caller.requestId ?? requestIdOf(req.headers["x-request-id"]) ?? crypto.randomUUID() };
}

/**
 * Serves one subgraph over HTTP: GraphQL at /graphql, where every request (`_service` and
 * `_entities` included) must carry the gateway's internal token for this subgraph; extra routes
 * behind the same token; and, with no token, GET /healthz (the process is up), /readyz (Neo4j
 * answers) and /metrics (Prometheus). stop() is graceful: no new connections, in-flight requests
 * finish (up to `graceMs`), then the rest are closed.
 */
export async function serveSubgraph(opts: SubgraphServerOptions): Promise<RunningService> {
  const { name } = opts;
  const server = new ApolloServer<Ctx>({
    schema: opts.schema,
    introspection: false,
    csrfPrevention: true,
    // Signals are the service's (tools/serve.ts): a graceful stop, then the driver closes.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    // Documents that parsed and validated, by text: bounded (DOCUMENT_CACHE_SIZE) and counted.
    documentStore: new DocumentCache<DocumentNode>("subgraph"),
    formatError: (formatted, error) => maskError(formatted, error),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      subgraphMetricsPlugin(name),
      tracingPlugin,
      {
        async requestDidStart() {
          return {
            async didEncounterErrors({ contextValue, errors }) {
              for (const e of errors) {
                if (!isPublicError(e.extensions?.code)) logger.error({ requestId: contextValue.requestId, err: e.originalError ?? e }, "request failed");
              }
            },
          };
        },
      },
    ],
  });
  await server.start();
  const context = async (req: http.IncomingMessage): Promise<Ctx> => {
    try {
      const caller = await callerOf(req, name);
      return newContext(caller, caller.requestId);
    } catch (err) {
      throw unauthenticated(err instanceof Error ? err.message : "unauthenticated");
    }
  };

  const maxBody = maxBodyBytes();
  const graphql = async (req: http.IncomingMessage, res: http.ServerResponse, search: string) => {
    // The token first, then a capped body: a caller without one gets 401 before a byte is read.
    const ctx = await context(req).catch(() => undefined);
    if (!ctx) return refuse(res, 401, "UNAUTHENTICATED", "subgraphs answer only the gateway");
    // A GET carries its operation in the query string: a body it declares is not waited for.
    const bodiless = req.method === "GET" || req.method === "HEAD";
    const raw = bodiless ? "" : await readBody(req, maxBody).catch((err) => (err instanceof BodyTooLarge ? undefined : Promise.reject(err)));
    if (raw === undefined) return refuse(res, 413, "BAD_USER_INPUT", `request body larger than ${maxBody} bytes`);
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    let body: unknown = raw;
    if ((req.headers["content-type"] ?? "").includes("application/json") && raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return json(res, 400, { errors: [{ message: "invalid JSON body", extensions: { code: "BAD_USER_INPUT" } }] });
      }
    }
    const { result, committed } = await withBookmarks(parseBookmarks(headers.get(BOOKMARK_HEADER)), () =>
      server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? "POST", headers, search, body },
        context: async () => ctx,
      }),
    );
    if (committed.length) res.setHeader(BOOKMARK_HEADER, formatBookmarks(committed));
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") res.end(result.body.string);
    else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse, handler: RouteHandler) => {
    let caller: InternalCaller;
    try {
      caller = await callerOf(req, name);
    } catch {
      return json(res, 401, { error: { code: "UNAUTHENTICATED", message: "subgraphs answer only the gateway" } });
    }
    await handler(req, res, caller);
  };

  const prefixes = Object.keys(opts.routes ?? {});
  /** A bounded metrics label: a known route, else "other" (a client's paths never become series). */
  const routeLabel = (path: string) =>
    path === "/graphql" || path === "/" ? "/graphql" : ["/healthz", "/readyz", "/metrics"].includes(path) ? path : (prefixes.find((p) => path.startsWith(p)) ?? "other");
  const ready = cachedCheck(READINESS_CACHE_MS, async () => {
    const db = await ping();
    return { status: db ? 200 : 503, body: { status: db ? "ready" : "not ready", service: name, neo4j: db } };
  });

  // Whatever a handler throws is answered by the guard (runtime/http-guard.ts): masked, the process stays up.
  const httpServer = createGuardedServer(async (req, res) => {
    // Decoded and checked once, as at the gateway, before any route or handler sees it.
    const target = parseTarget(req.url);
    if (isRefused(target)) return json(res, target.status, { error: { code: target.status === 404 ? "NOT_FOUND" : "BAD_REQUEST", message: target.message } });
    const url = new URL(req.url ?? "/", "http://subgraph");
    const path = url.pathname;
    const end = httpRequests.startTimer({ route: routeLabel(path) });
    res.on("finish", () => end({ status: String(res.statusCode) }));
    if (req.method === "GET" && path === "/healthz") return json(res, 200, { status: "ok", service: name });
    if (req.method === "GET" && path === "/readyz") {
      const { status, body } = await ready();
      return json(res, status, body);
    }
    if (req.method === "GET" && path === "/metrics") return await metricsHandler(req, res);
    if (path === "/graphql" || path === "/") return await inServerSpan(req, res, "/graphql", () => graphql(req, res, url.search));
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (prefix) return await inServerSpan(req, res, prefix, () => route(req, res, opts.routes![prefix]));
    return json(res, 404, { error: { code: "NOT_FOUND", message: "no such route" } });
  });
  await listen(httpServer, opts.port, opts.host);
  const port = (httpServer.address() as AddressInfo).port;
  return {
    name,
    port,
    url: `http://${opts.host}:${port}/graphql`,
    async stop() {
      await closeGracefully(httpServer, opts.graceMs ?? 10_000);
      await server.stop();
    },
  };
}

/** Listens, turning "address in use" into one line naming the port (the caller names the service). */
/**
 * How long an idle keep-alive connection stays open, ms (Node's default is 5 s). A client reuses
 * an idle connection until the server's advertised timeout less its own margin (1 s for Node's
 * agent and undici); while this process's event loop is busy (a burst on a fresh start) the
 * server's timer fires before it reads a request already sent on that connection, and closes it
 * without an answer. A long timeout makes that edge one that bursts do not reach (the gateway's
 * own pooled calls to subgraphs included); idle connections still close at once on stop.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function listen(server: http.Server, port: number, host: string): Promise<void> {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Above the keep-alive timeout, so an idle connection is never cut by the headers timer first.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  return new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new Error(`port ${port} on ${host} is already in use (set PORT to a free port)`) : err),
    );
    server.listen(port, host, resolve);
  });
}

/**
 * Stops accepting connections, closes idle keep-alive ones at once, lets requests in flight
 * finish for up to `graceMs`, then closes whatever is left.
 */
export async function closeGracefully(server: http.Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
}
