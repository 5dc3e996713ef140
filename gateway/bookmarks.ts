import { BOOKMARK_HEADER, formatBookmarks, parseBookmarks } from "../runtime/bookmarks.js";

/**
 * Read-your-writes through the gateway (see runtime/bookmarks.ts): the client's
 * `x-neo4j-bookmark` goes to every subgraph call of the request; the bookmarks the subgraphs'
 * writes committed come back as `extensions.bookmark` and the `x-neo4j-bookmark` response header.
 */
export function useBookmarks() {
  const committed = new WeakMap<Request, Set<string>>();
  const badRequest = (message: string) =>
    new Response(JSON.stringify({ errors: [{ message, extensions: { code: "BAD_USER_INPUT", field: BOOKMARK_HEADER } }] }), {
      status: 400,
      headers: { "content-type": "application/json" },
    });
  return {
    onRequest({ request, endResponse }: { request: Request; endResponse: (r: Response) => void }) {
      try {
        parseBookmarks(request.headers.get(BOOKMARK_HEADER));
      } catch (err) {
        endResponse(badRequest((err as Error).message));
      }
    },
    onFetch({ context, options, setOptions }: { context: { request?: Request }; options: { headers?: Record<string, string> }; setOptions: (o: never) => void }) {
      const request = context?.request;
      if (!request) return;
      const presented = request.headers.get(BOOKMARK_HEADER);
      if (presented) setOptions({ ...options, headers: { ...options.headers, [BOOKMARK_HEADER]: presented } } as never);
      return ({ response }: { response: Response }) => {
        const got = response.headers.get(BOOKMARK_HEADER);
        if (!got) return;
        let set = committed.get(request);
        if (!set) committed.set(request, (set = new Set()));
        for (const b of got.split(",")) set.add(b);
      };
    },
    onResultProcess({ request, result, setResult }: { request: Request; result: unknown; setResult: (r: never) => void }) {
      const set = committed.get(request);
      if (!set || !result || typeof result !== "object" || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const r = result as { extensions?: Record<string, unknown> };
      setResult({ ...r, extensions: { ...r.extensions, bookmark: formatBookmarks(set) } } as never);
    },
    onResponse({ request, response }: { request: Request; response: Response }) {
      const set = committed.get(request);
      if (set) response.headers.set(BOOKMARK_HEADER, formatBookmarks(set));
    },
  };
}
