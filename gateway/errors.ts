import { GraphQLError, type ExecutionResult } from "graphql";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { isPublicError } from "../runtime/errors.js";
import { isTransientDbError } from "../runtime/db-errors.js";
import { logger } from "../runtime/log.js";

/** One structured log line of the gateway. */
export type GatewayLog = (entry: Record<string, unknown>) => void;

/** Default log: the process logger (runtime/log.ts), one JSON line per entry, searchable by `requestId`. */
export const stderrLog: GatewayLog = ({ level, msg, ...rest }) => {
  const lvl = level === "error" || level === "warn" || level === "debug" ? level : "info";
  logger[lvl](rest, typeof msg === "string" ? msg : "");
};

/** The header that carries the request id, set by the gateway's HTTP layer on every request. */
export const REQUEST_ID_HEADER = "x-request-id";

const MASKED = "Internal server error";
/** Masked errors' originals, so the log line can say what really happened. */
const originals = new WeakMap<object, unknown>();

type AnyError = GraphQLError | { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> };

/** True for errors meant for the caller: the contract's codes, GraphQL validation, HTTP 4xx from the server itself. */
function isPublic(e: AnyError): boolean {
  const ext = e.extensions ?? {};
  const status = (ext.http as { status?: number } | undefined)?.status;
  return isPublicError(ext.code) || ext.code === "BAD_REQUEST" || (typeof status === "number" && status >= 400 && status < 500);
}

/**
 * Yoga's `maskedErrors.maskError`: errors that are not deliberate GraphQL errors (a thrown
 * Error, a driver failure) become "Internal server error"; the original is kept for the log.
 */
export function maskError(error: unknown, message = MASKED): Error {
  if (error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError)) return error;
  const g = error instanceof GraphQLError ? error : undefined;
  const retryable = isTransientDbError(error) ? { retryable: true } : {};
  const masked = new GraphQLError(message, { nodes: g?.nodes, source: g?.source, positions: g?.positions, path: g?.path, extensions: { code: "INTERNAL_SERVER_ERROR", ...retryable } });
  originals.set(masked, g?.originalError ?? error);
  return masked;
}

/** Strips graphql-js "Did you mean ...?" hints, which spell out the schema when introspection is off. */
const withoutSuggestions = (message: string) => message.replace(/\s*Did you mean [^?]*\?/g, "");

/**
 * `useErrorPolicy`: every error in a response carries `extensions.requestId` (the response's
 * x-request-id); anything not public is masked to "Internal server error" (no stack, no Cypher,
 * no driver text, also when a subgraph forgot to mask) and logged with that request id; in
 * production, field suggestions are removed from messages.
 */
export function useErrorPolicy(opts: { production: boolean; log: GatewayLog }): GatewayPlugin {
  const policy = (e: AnyError, requestId: string | null): AnyError => {
    const ext = e.extensions ?? {};
    if (!isPublic(e)) {
      const original = originals.get(e) ?? (e instanceof GraphQLError ? e.originalError : undefined);
      // A subgraph's error arrives as a GraphQLError made here: its stack is ours, not the cause's.
      const thrown = original instanceof Error && !(original instanceof GraphQLError) ? original : undefined;
      opts.log({
        level: "error",
        requestId,
        path: e.path,
        subgraph: ext.serviceName,
        code: ext.code,
        message: (thrown ?? e).message,
        stack: thrown?.stack,
      });
      // A database outage, told by the subgraph or found here, stays visible: the caller may retry.
      const retryable = ext.retryable === true || isTransientDbError(original) ? { retryable: true } : {};
      return new GraphQLError(MASKED, { path: e.path, extensions: { code: "INTERNAL_SERVER_ERROR", ...retryable, requestId } });
    }
    const message = opts.production ? withoutSuggestions(e.message) : e.message;
    const { stacktrace: _s, exception: _x, originalError: _o, serviceName: _n, ...rest } = ext;
    return e instanceof GraphQLError
      ? new GraphQLError(message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions: { ...rest, requestId } })
      : { ...e, message, extensions: { ...rest, requestId } };
  };
  const apply = (r: ExecutionResult, requestId: string | null): ExecutionResult =>
    r?.errors?.length ? { ...r, errors: r.errors.map((e) => policy(e, requestId) as GraphQLError) } : r;

  return {
    onResultProcess({ request, result, setResult }) {
      const requestId = request.headers.get(REQUEST_ID_HEADER);
      // Streams (defer/subscriptions) are not enabled on this gateway; only plain results come here.
      if (Array.isArray(result)) setResult(result.map((r) => apply(r, requestId)));
      else if (result && typeof result === "object" && !(Symbol.asyncIterator in result)) setResult(apply(result, requestId));
    },
  };
}
