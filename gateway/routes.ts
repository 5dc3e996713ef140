/**
 * The REST surface of the gateway: which paths it forwards, and to which service. Every request
 * target was decoded and checked first (runtime/request-target.ts).
 */

/**
 * The REST routes the gateway forwards, each to the service that owns it: exact paths, `:name`
 * for one segment. Nothing else reaches a service through the REST proxy, so neither a
 * subgraph's /graphql (its limits are the gateway's) nor its /metrics can be reached this way.
 * A new REST route is added here and in its service.
 */
export const REST_ROUTES: readonly { pattern: string; service: string }[] = [
  { pattern: "/exports/decisions", service: "compliance" },
  { pattern: "/ingest/decisions", service: "models" },
  // OpenLineage HTTP surface (subgraphs/datasets/openlineage/handler.ts).
  { pattern: "/api/v1/lineage", service: "datasets" },
  { pattern: "/api/v1/lineage/batch", service: "datasets" },
  { pattern: "/api/v1/lineage/events", service: "datasets" },
  { pattern: "/api/v1/lineage/events/:eventId", service: "datasets" },
  { pattern: "/api/v1/lineage/facets/aiLineage.json", service: "datasets" },
  // Marquez's read API and tagging (subgraphs/datasets/openlineage/marquez-api.ts).
  ...[
    "/api/v1/namespaces", "/api/v1/namespaces/:ns",
    "/api/v1/namespaces/:ns/datasets", "/api/v1/namespaces/:ns/datasets/:dataset",
    "/api/v1/namespaces/:ns/datasets/:dataset/versions", "/api/v1/namespaces/:ns/datasets/:dataset/versions/:version",
    "/api/v1/namespaces/:ns/datasets/:dataset/tags/:tag", "/api/v1/namespaces/:ns/datasets/:dataset/fields/:field/tags/:tag",
    "/api/v1/jobs", "/api/v1/namespaces/:ns/jobs", "/api/v1/namespaces/:ns/jobs/:job", "/api/v1/namespaces/:ns/jobs/:job/runs",
    "/api/v1/namespaces/:ns/jobs/:job/tags/:tag", "/api/v1/jobs/runs/:runId", "/api/v1/jobs/runs/:runId/facets",
    "/api/v1/column-lineage", "/api/v1/events/lineage", "/api/v1/search", "/api/v1/tags", "/api/v1/tags/:tag",
    "/api/v1/stats/lineage-events", "/api/v1/stats/:kind",
  ].map((pattern) => ({ pattern, service: "datasets" })),
  // Site recorders' reports (subgraphs/gpu/recorder/route.ts).
  { pattern: "/sites/:siteId/recorder", service: "gpu" },
];

/** Path prefixes the REST services own: a path under one that no route matches is a 404 here, never forwarded. */
export const REST_PREFIXES = ["/exports/", "/ingest/", "/api/", "/sites/"];

function matches(pattern: string, path: string): boolean {
  const want = pattern.split("/");
  // One trailing slash is tolerated (the services do); `parseTarget` already refused other empty segments.
  const got = path.length > 1 && path.endsWith("/") ? path.slice(0, -1).split("/") : path.split("/");
  return want.length === got.length && want.every((w, i) => (w.startsWith(":") ? got[i] !== "" : w === got[i]));
}

/** The REST route (pattern and service) of a decoded, checked path; undefined when none matches. */
export function restRoute(path: string): (typeof REST_ROUTES)[number] | undefined {
  return REST_ROUTES.find((r) => matches(r.pattern, path));
}

/** True when the path belongs to the REST surface (matched or not). */
export const underRestPrefix = (path: string) => REST_PREFIXES.some((p) => path === p.slice(0, -1) || path.startsWith(p));
