import { GraphQLError } from "graphql";
import type { Caller } from "../runtime/auth/caller.js";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import { bearer, verifyCaller } from "../runtime/auth/verify-caller.js";

const httpError = (code: "UNAUTHENTICATED" | "FORBIDDEN", message: string, status: number, path?: readonly (string | number)[]) =>
  new GraphQLError(message, { path, extensions: { code, http: { status } } });

/** Per-request state, keyed by the incoming Request. */
const internalTokens = new WeakMap<object, Map<string, Promise<string>>>();

/**
 * `useAuth` for the gateway: every GraphQL request needs a valid bearer token (else
 * UNAUTHENTICATED before any resolver runs); `@authenticated` and `@requiresScopes` from the
 * supergraph are enforced per field, so a field the caller may not see is null with FORBIDDEN
 * while the rest of the response stands.
 */
export const genericAuth = {
  mode: "protect-granular" as const,
  rejectUnauthenticated: false,
  async resolveUserFn(context: { request: Request }): Promise<Caller> {
    const token = bearer(context.request.headers.get("authorization"));
    if (!token) throw httpError("UNAUTHENTICATED", "a valid bearer token is required", 401);
    try {
      return await verifyCaller(token);
    } catch (err) {
      throw httpError("UNAUTHENTICATED", err instanceof Error ? err.message : "token rejected", 401);
    }
  },
  extractScopes: (user: Caller | null | undefined) => user?.scopes ?? [],
  validateUser(params: {
    user: Caller | null | undefined;
    fieldScopes?: string[][];
    typeScopes?: string[][];
    userScopes: string[];
    path: ReadonlyArray<string | number>;
    field: { name: string };
  }): GraphQLError | void {
    if (!params.user) return httpError("UNAUTHENTICATED", "a valid bearer token is required", 401, params.path);
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

/** Adds the gateway's internal token (audience = the subgraph) to every subgraph call. */
export async function internalHeaders(payload: { context: Record<string, unknown>; request: Request; subgraphName: string }) {
  const caller = payload.context.currentUser as Caller | undefined;
  if (!caller) return {};
  let perRequest = internalTokens.get(payload.request);
  if (!perRequest) internalTokens.set(payload.request, (perRequest = new Map()));
  let token = perRequest.get(payload.subgraphName);
  if (!token) {
    const requestId = (payload.context.requestId as string | undefined) ?? payload.request.headers.get("x-request-id") ?? crypto.randomUUID();
    token = mintInternalToken(caller, payload.subgraphName, requestId);
    perRequest.set(payload.subgraphName, token);
  }
  return { authorization: `Bearer ${await token}` };
}
