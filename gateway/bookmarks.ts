import { createHmac, timingSafeEqual } from "node:crypto";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { BOOKMARK_HEADER, formatBookmarks, parseBookmarks } from "../runtime/bookmarks.js";

/** Length of a bookmark's tag: 128 bits of HMAC-SHA256, base64url. */
const TAG_CHARS = 22;

/**
 * Bookmarks as clients see them: each Neo4j bookmark followed by `.` and a tag (HMAC with a
 * secret only gateways hold), so a bookmark this API never issued is refused here, before any
 * database waits for it (a forged one used to pin a request for minutes).
 */
export function bookmarkSealer(secret: Buffer) {
  const tag = (bookmark: string) => createHmac("sha256", secret).update(bookmark).digest("base64url").slice(0, TAG_CHARS);
  return {
    seal: (bookmark: string) => `${bookmark}.${tag(bookmark)}`,
    /** The Neo4j bookmark inside a sealed one; undefined when the tag is not ours. */
    open(sealed: string): string | undefined {
      const dot = sealed.lastIndexOf(".");
      if (dot <= 0) return undefined;
      const bookmark = sealed.slice(0, dot);
      const given = Buffer.from(sealed.slice(dot + 1));
      const expected = Buffer.from(tag(bookmark));
      return given.length === expected.length && timingSafeEqual(given, expected) ? bookmark : undefined;
    },
  };
}

/**
 * Read-your-writes through the gateway (see runtime/bookmarks.ts): the client's
 * `x-neo4j-bookmark` is checked (its form, then its tag: not issued here is BAD_USER_INPUT,
 * HTTP 400, never retryable) and its Neo4j bookmarks go to every subgraph call of the request;
 * the bookmarks the subgraphs' writes committed come back sealed as `extensions.bookmark` and the
 * `x-neo4j-bookmark` response header.
 */
export function useBookmarks(secret: Buffer): GatewayPlugin {
  const sealer = bookmarkSealer(secret);
  const presented = new WeakMap<Request, string>();
  const committed = new WeakMap<Request, Set<string>>();
  const badRequest = (message: string) =>
    new Response(JSON.stringify({ errors: [{ message: `${BOOKMARK_HEADER}: ${message}`, extensions: { code: "BAD_USER_INPUT", field: BOOKMARK_HEADER } }] }), {
      status: 400,
      headers: { "content-type": "application/json" },
    });
  const sealed = (set: Set<string>) => formatBookmarks([...set].map(sealer.seal));
  return {
    onRequest({ request, endResponse }) {
      let list: string[];
      try {
        list = parseBookmarks(request.headers.get(BOOKMARK_HEADER));
      } catch (err) {
        return endResponse(badRequest((err as Error).message.replace(`${BOOKMARK_HEADER}: `, "")));
      }
      const opened = list.map(sealer.open);
      if (opened.some((b) => b === undefined)) return endResponse(badRequest("not a bookmark this API issued"));
      if (opened.length) presented.set(request, formatBookmarks(opened as string[]));
    },
    onFetch({ context, options, setOptions }) {
      // Fetches outside a client request (e.g. the supergraph's) carry only a logger as context.
      const request = context && "request" in context ? context.request : undefined;
      if (!request) return;
      const bookmarks = presented.get(request);
      if (bookmarks) setOptions({ ...options, headers: { ...options.headers, [BOOKMARK_HEADER]: bookmarks } });
      return ({ response }) => {
        const got = response.headers.get(BOOKMARK_HEADER);
        if (!got) return;
        let set = committed.get(request);
        if (!set) committed.set(request, (set = new Set()));
        for (const b of got.split(",")) set.add(b);
      };
    },
    onResultProcess({ request, result, setResult }) {
      const set = committed.get(request);
      if (!set || !result || typeof result !== "object" || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const r = result as { extensions?: Record<string, unknown> };
      setResult({ ...r, extensions: { ...r.extensions, bookmark: sealed(set) } });
    },
    onResponse({ request, response }) {
      const set = committed.get(request);
      if (set) response.headers.set(BOOKMARK_HEADER, sealed(set));
    },
  };
}
