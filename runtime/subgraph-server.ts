import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { HeaderMap } from "@apollo/server";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { verifyInternalToken } from "./auth/internal-token.js";
import { bearer } from "./auth/verify-caller.js";
import { newContext, type Ctx } from "./context.js";
import { isPublicError, maskError } from "./errors.js";
import { isMetricsRequest, metricsHandler, subgraphMetricsPlugin } from "./metrics.js";
import { BOOKMARK_HEADER, formatBookmarks, parseBookmarks, withBookmarks } from "./bookmarks.js";

export interface RunningService {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves one subgraph over HTTP. Every request, `_service` and `_entities` included, must carry
 * the gateway's internal token for this subgraph; the caller it names becomes the context.
 */
export async function serveSubgraph(name: string, schema: GraphQLSchema, port: number, host: string): Promise<RunningService> {
  const server = new ApolloServer<Ctx>({
    schema,
    introspection: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskError(formatted, error),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      subgraphMetricsPlugin(name),
      {
        async requestDidStart() {
          return {
            async didEncounterErrors({ contextValue, errors }) {
              for (const e of errors) {
                if (!isPublicError(e.extensions?.code)) console.error(`[${name}] request ${contextValue.requestId}:`, e.originalError ?? e);
              }
            },
          };
        },
      },
    ],
  });
  await server.start();
  const context = async (authorization: string | undefined): Promise<Ctx> => {
    try {
      const caller = await verifyInternalToken(bearer(authorization), name);
      return newContext(caller, caller.requestId ?? crypto.randomUUID());
    } catch (err) {
      const message = err instanceof Error ? err.message : "unauthenticated";
      throw new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
    }
  };
  // A plain node:http server (not Apollo's standalone one) so that stop() can close the
  // gateway's keep-alive connections at once instead of waiting for them to go idle.
  const httpServer = http.createServer(async (req, res) => {
    if (isMetricsRequest(req)) return metricsHandler(req, res);
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString("utf8");
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      let body: unknown = raw;
      if ((req.headers["content-type"] ?? "").includes("application/json") && raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: "invalid JSON body", extensions: { code: "BAD_USER_INPUT" } }] }));
          return;
        }
      }
      const url = new URL(req.url ?? "/", "http://subgraph");
      const { result, committed } = await withBookmarks(parseBookmarks(headers.get(BOOKMARK_HEADER)), () =>
        server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? "POST", headers, search: url.search, body },
          context: () => context(req.headers.authorization),
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
    } catch (err) {
      console.error(`[${name}] transport error:`, err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new Error(`subgraph ${name}: port ${port} is already in use (SUBGRAPH_PORT_BASE)`) : err),
    );
    httpServer.listen(port, host, resolve);
  });
  const url = `http://${host}:${(httpServer.address() as AddressInfo).port}/`;
  return {
    name,
    url,
    async stop() {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await server.stop();
    },
  };
}
