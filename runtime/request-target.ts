/**
 * The one reading of a request target, before any routing, by the gateway and every subgraph:
 * decoded and checked once, so no handler behind it (the explorer, the REST proxy, a service's
 * URL parser) can resolve a path that was not meant to be routed.
 */

/** A request target to route: the decoded path, the path as sent (checked), the query string. */
export interface Target {
  path: string;
  rawPath: string;
  search: string;
}

/** A refused target: 400 (cannot be decoded, not a path) or 404 (a shape no route ever has). */
export interface Refused {
  status: 400 | 404;
  message: string;
}

/** Encoded `\` or NUL: a legitimate route never needs them, a traversal does. */
const ENCODED_SEPARATORS = /%(5c|00)/i;
// Control characters are exactly what the rule refuses here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Decodes a request target once and refuses what routing must never see: a target that is not
 * an origin-form path (400), a malformed `%` sequence (400), dot segments (`.`/`..`, sent as is
 * or encoded, also inside a segment that holds an encoded `/`), empty segments (`//`), encoded
 * backslashes or NUL, backslashes, `#` and control characters (404). An encoded `/` inside a
 * segment is data (Marquez's namespaces are URIs: `/api/v1/namespaces/postgres%3A%2F%2Fdb`):
 * routes match the segments as sent (`rawPath`), and the service decodes each segment itself.
 */
export function parseTarget(raw: string | undefined): Target | Refused {
  const target = raw ?? "/";
  if (!target.startsWith("/")) return { status: 400, message: "the request target must be a path" };
  const q = target.indexOf("?");
  const rawPath = q < 0 ? target : target.slice(0, q);
  const search = q < 0 ? "" : target.slice(q);
  const notFound: Refused = { status: 404, message: "no such route" };
  if (ENCODED_SEPARATORS.test(rawPath) || /[\\#]/.test(rawPath)) return notFound;
  let path: string;
  let decoded: string[];
  try {
    path = decodeURIComponent(rawPath);
    decoded = rawPath.split("/").slice(1).map((s) => decodeURIComponent(s));
  } catch {
    return { status: 400, message: "malformed percent-encoding in the path" };
  }
  if (CONTROL.test(path)) return notFound;
  // An empty segment is allowed only last (a trailing slash); no segment, nor any part of one
  // split at an encoded `/`, is a dot segment.
  const dot = (s: string) => s.split("/").some((part) => part === "." || part === "..");
  if (decoded.some((s, i) => dot(s) || (s === "" && i < decoded.length - 1))) return notFound;
  return { path, rawPath, search };
}

export const isRefused = (t: Target | Refused): t is Refused => "status" in t;
