import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { isInvalidBookmark, isTransientDbError } from "./db-errors.js";

/** The error codes of the public contract (extensions.code). */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INTERNAL_SERVER_ERROR";

const PUBLIC_CODES = new Set<string>(["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "CONFLICT"]);

/** An error whose message is safe to show to the caller. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const badInput = (field: string, problem: string) =>
  new AppError("BAD_USER_INPUT", `${field}: ${problem}`, { field });
/** At most this much of a caller's id is echoed back (ids we mint are shorter). */
const ECHO = 64;
const echo = (id: string) => (id.length > ECHO ? `${id.slice(0, ECHO)}…` : id);
export const notFound = (kind: string, id: string) => new AppError("NOT_FOUND", `${kind} ${echo(id)} does not exist`, { id: echo(id) });
/**
 * A record read "as of" an instant before it was recorded: it did not exist then (documents
 * regenerated with `asOf`). NOT_FOUND, saying when it was recorded.
 */
export const recordedAfter = (kind: string, id: string, createdAt: string, asOf: string) =>
  new AppError("NOT_FOUND", `${kind} ${echo(id)} was recorded at ${createdAt}, after asOf ${asOf}: it did not exist then`, { id: echo(id) });
/** Throws recordedAfter when `asOf` is given and the record (its `createdAt`) is later. */
export function requireRecordedBy(kind: string, id: string, createdAt: unknown, asOf: string | null): void {
  if (asOf !== null && typeof createdAt === "string" && createdAt > asOf) throw recordedAfter(kind, id, createdAt, asOf);
}
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new AppError("CONFLICT", message, extra);
export const forbidden = (message: string) => new AppError("FORBIDDEN", message);
export const unauthenticated = (message = "a valid bearer token is required") =>
  new AppError("UNAUTHENTICATED", message);

/** True for errors whose message is meant for the caller (contract codes, GraphQL validation). */
export function isPublicError(code: unknown): boolean {
  return typeof code === "string" && (PUBLIC_CODES.has(code) || code === "GRAPHQL_VALIDATION_FAILED" || code === "GRAPHQL_PARSE_FAILED");
}

/**
 * Masks anything that is not a deliberate, public error: no stack, no Cypher, no driver text.
 * Whoever calls this logs the original under the request id so operators can find it. A
 * database outage (`error`, the original) adds `extensions.retryable: true`.
 */
export function maskError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  if (isPublicError(formatted.extensions?.code)) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isInvalidBookmark(error)) {
    return { message: "x-neo4j-bookmark: not a bookmark of this database", path: formatted.path, extensions: { code: "BAD_USER_INPUT", field: "x-neo4j-bookmark" } };
  }
  const retryable = isTransientDbError(error) ? { retryable: true } : {};
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR", ...retryable } };
}
