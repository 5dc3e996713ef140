import type { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { GraphQLError } from "graphql";
import { SCOPES, type Caller } from "../runtime/auth/caller.js";
import { internalTokenFor } from "../runtime/auth/internal-token.js";
import { bearer, type CallerVerifier } from "../runtime/auth/verify-caller.js";
import { AppError } from "../runtime/errors.js";

const unauthenticated = (message: string, path?: readonly (string | number)[]) =>
  new GraphQLError(message, { path, extensions: { code: "UNAUTHENTICATED", http: { status: 401, headers: { "www-authenticate": "Bearer" } } } });

type RuntimeConfig = Parameters<typeof createGatewayRuntime>[0];
/** The runtime's genericAuth options, as the runtime types them. */
export type GenericAuthOptions = NonNullable<RuntimeConfig["genericAuth"]>;
type HeadersPayload = Parameters<NonNullable<NonNullable<RuntimeConfig["propagateHeaders"]>["fromClientToSubgraphs"]>>[0];
/** The runtime types the authenticated user as a plain record: it is the Caller resolveUserFn returned. */
const callerOf = (user: unknown): Caller | undefined => (user && typeof user === "object" && "sub" in user ? (user as Caller) : undefined);

/**
 * `useAuth` for the gateway (options of Hive Gateway's `genericAuth`): every GraphQL request
 * needs a valid bearer token (else UNAUTHENTICATED, HTTP 401, before any resolver runs);
 * `@authenticated` and `@requiresScopes` from the supergraph are enforced per field, so a field
 * the caller may not see is null with FORBIDDEN while the rest of the response stands.
 */
export function genericAuth(verifier: CallerVerifier): GenericAuthOptions {
  return {
    mode: "protect-granular" as const,
    rejectUnauthenticated: false,
    async resolveUserFn(context: { request: Request }): Promise<Caller> {
      const token = bearer(context.request.headers.get("authorization"));
      if (!token) throw unauthenticated("a valid bearer token is required");
      try {
        return await verifier.verify(token);
      } catch (err) {
        // Only our own verdicts are shown; anything else (e.g. Neo4j down) is masked and logged.
        if (err instanceof AppError) throw unauthenticated(err.message);
        throw err;
      }
    },
    // The runtime types the user as a plain record: it is the Caller that resolveUserFn returned.
    extractScopes: (user) => callerOf(user)?.scopes ?? [],
    validateUser(params) {
      if (!callerOf(params.user)) return unauthenticated("a valid bearer token is required", params.path);
      for (const required of [params.fieldScopes, params.typeScopes]) {
        if (required && !required.some((alt) => alt.every((s) => params.userScopes.includes(s)))) {
          const needed = required.map((alt) => alt.join(" + ")).join(" or ");
          return new GraphQLError(`${params.field.name} requires the scope ${needed}`, {
            path: params.path,
            extensions: { code: "FORBIDDEN" },
          });
        }
      }
    },
  };
}

/**
 * Adds the gateway's internal token (audience = the subgraph, lifetime INTERNAL_TOKEN_TTL_S,
 * reused per caller and subgraph: internalTokenFor) to every subgraph call, with the request id
 * in x-request-id, so the subgraph's log lines match the gateway's.
 */
export async function internalHeaders(payload: HeadersPayload): Promise<Record<string, string>> {
  const caller = callerOf((payload.context as { currentUser?: unknown }).currentUser);
  if (!caller || !payload.request) return {};
  const requestId = payload.request.headers.get("x-request-id") ?? crypto.randomUUID();
  return { authorization: `Bearer ${await internalTokenFor(caller, payload.subgraphName)}`, "x-request-id": requestId };
}

const BENCHMARK_CALLER: Caller = { sub: "bench-without-auth", scopes: [...SCOPES] };

/** The benchmark's gateway without authentication (its switch: gateway/index.ts): a fixed all-scopes caller's internal token. */
export async function benchmarkHeaders(payload: HeadersPayload): Promise<Record<string, string>> {
  const requestId = payload.request?.headers.get("x-request-id") ?? crypto.randomUUID();
  return { authorization: `Bearer ${await internalTokenFor(BENCHMARK_CALLER, payload.subgraphName)}`, "x-request-id": requestId };
}
