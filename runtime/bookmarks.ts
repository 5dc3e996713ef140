import { AsyncLocalStorage } from "node:async_hooks";
import { badInput } from "./errors.js";

/**
 * Read-your-writes on a Neo4j cluster (causal consistency). A mutation's response carries the
 * bookmarks of the transactions it committed (header `x-neo4j-bookmark`, and
 * `extensions.bookmark` at the gateway); a request presenting them in that header gets sessions
 * that wait until the server they run on has applied those transactions. The value is the
 * driver's bookmark strings, comma-separated: opaque to clients (the gateway seals them, so a
 * client can present only bookmarks it was given: gateway/bookmarks.ts). The wait for them is
 * bounded (BOOKMARK_WAIT_S): a bookmark the database has not reached by then is refused with
 * BAD_USER_INPUT, never marked retryable.
 */
export const BOOKMARK_HEADER = "x-neo4j-bookmark";

/** More than this many, or longer ones, are not bookmarks of ours. */
const MAX_BOOKMARKS = 16;
const BOOKMARK = /^[A-Za-z0-9+/=:_.-]{1,512}$/;

interface BookmarkScope {
  /** What the request presented: every session of the request waits for these. */
  wait: string[];
  /** What the request's write transactions committed. */
  committed: Set<string>;
  /** Settles once the database has reached `wait` (or refused it): checked once per request. */
  reached?: Promise<void>;
}

const scope = new AsyncLocalStorage<BookmarkScope>();

/** Parses a header value; a malformed one is the caller's mistake (BAD_USER_INPUT). */
export function parseBookmarks(header: string | null | undefined): string[] {
  if (!header) return [];
  const list = header.split(",").map((b) => b.trim()).filter(Boolean);
  if (list.length > MAX_BOOKMARKS || !list.every((b) => BOOKMARK.test(b))) {
    throw badInput(BOOKMARK_HEADER, "not a bookmark returned by this API");
  }
  return list;
}

export const formatBookmarks = (list: Iterable<string>): string => [...new Set(list)].join(",");

/** Runs `work` (one request) with the bookmarks it presented; returns what its writes committed. */
export async function withBookmarks<T>(wait: string[], work: () => Promise<T>): Promise<{ result: T; committed: string[] }> {
  const s: BookmarkScope = { wait, committed: new Set() };
  const result = await scope.run(s, work);
  return { result, committed: [...s.committed] };
}

/** The bookmarks a session opened now must wait for (none outside a request). */
export const bookmarksToWaitFor = (): string[] | undefined => {
  const s = scope.getStore();
  return s && s.wait.length ? s.wait : undefined;
};

/**
 * Resolves once the database has reached the bookmarks the request presented, checked once per
 * request with `check` (runtime/db.ts: one bounded wait); at once when none were presented.
 */
export function bookmarksReached(check: (bookmarks: string[]) => Promise<void>): Promise<void> {
  const s = scope.getStore();
  if (!s || !s.wait.length) return Promise.resolve();
  s.reached ??= check(s.wait);
  return s.reached;
}

/** Records the bookmarks of a committed write for the request's response. */
export function recordCommitted(bookmarks: string[]): void {
  const s = scope.getStore();
  if (s) for (const b of bookmarks) s.committed.add(b);
}
