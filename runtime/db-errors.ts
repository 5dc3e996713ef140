import { isRetryableError, Neo4jError } from "neo4j-driver";

/**
 * True when `err` (or any error it wraps) says the database was unreachable or briefly unable to
 * answer: a restart, a leader switch, a pool that could not get a connection. Such a request may
 * succeed when sent again; see docs/operations.md for which mutations are safe to resend.
 */
export function isTransientDbError(err: unknown): boolean {
  // A bookmark not reached in time is the request's own: resending it waits again (never retryable).
  if (isInvalidBookmark(err)) return false;
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 8; depth++) {
    if (e instanceof Neo4jError) {
      if (isRetryableError(e)) return true;
      // The pool's own timeout carries no code ("N/A"): the server did not hand out a connection.
      if (e.message.startsWith("Connection acquisition timed out")) return true;
      if (/^Neo\.TransientError\./.test(e.code)) return true;
    }
    const next = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
    if (next === e) break;
    e = next;
  }
  return false;
}

/**
 * True when Neo4j refused a bookmark the request presented: not one of this database's
 * (InvalidBookmark, InvalidBookmarkMixture), or one it did not reach within its own wait
 * (BookmarkTimeout, a TransientError the driver would otherwise retry for as long again).
 */
export function isInvalidBookmark(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 8; depth++) {
    if (e instanceof Neo4jError && /^Neo\.(ClientError\.Transaction\.InvalidBookmark|TransientError\.Transaction\.BookmarkTimeout)/.test(e.code)) return true;
    e = (e as { originalError?: unknown }).originalError;
  }
  return false;
}
