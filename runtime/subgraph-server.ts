import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { verifyInternalToken } from "./auth/internal-token.js";
import { bearer } from "./auth/verify-caller.js";
import { newContext, type Ctx } from "./context.js";
import { isPublicError, maskError } from "./errors.js";

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
    formatError: (formatted) => maskError(formatted),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
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
  const { url } = await startStandaloneServer(server, {
    listen: { port, host },
    context: async ({ req }) => {
      try {
        const caller = await verifyInternalToken(bearer(req.headers.authorization), name);
        return newContext(caller, caller.requestId ?? crypto.randomUUID());
      } catch (err) {
        const message = err instanceof Error ? err.message : "unauthenticated";
        throw new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
      }
    },
  });
  return { name, url, stop: () => server.stop() };
}
