import http from "node:http";
import type { Caller } from "../runtime/auth/caller.js";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import { bearer, type CallerVerifier } from "../runtime/auth/verify-caller.js";
import { AppError } from "../runtime/errors.js";
import { injectTraceHeaders } from "../runtime/tracing.js";
import { REQUEST_ID_HEADER, type GatewayLog } from "./errors.js";

/** REST routes the gateway forwards to the service that owns them (path prefix -> subgraph). */
export const SERVICE_ROUTES: Record<string, string> = {
  "/exports/": "compliance",
  "/ingest/": "models",
  // OpenLineage HTTP surface (subgraphs/datasets/openlineage/handler.ts).
  "/api/v1/lineage": "datasets",
  // Marquez's read API (subgraphs/datasets/openlineage/marquez-api.ts, MARQUEZ_PREFIXES).
  "/api/v1/namespaces": "datasets",
  "/api/v1/jobs": "datasets",
  "/api/v1/column-lineage": "datasets",
  "/api/v1/events/lineage": "datasets",
  "/api/v1/search": "datasets",
  "/api/v1/tags": "datasets",
  "/api/v1/stats": "datasets",
};

function fail(res: http.ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...extra });
  res.end(JSON.stringify({ error: { code, message } }));
}

/**
 * Forwards a REST request to the owning service: the caller's bearer token is verified here
 * exactly as for GraphQL (401 otherwise), and replaced by the gateway's internal token for that
 * service, so scopes are checked there against the same caller. Bodies and responses stream
 * through (backpressure and trailers kept); a service that does not answer gives 502.
 */
export async function proxyToService(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  target: { name: string; baseUrl: string },
  verifier: CallerVerifier,
  log: GatewayLog,
): Promise<void> {
  const requestId = String(req.headers[REQUEST_ID_HEADER]);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const token = bearer(req.headers.authorization);
  if (!token) return fail(res, 401, "UNAUTHENTICATED", "a valid bearer token is required", { "www-authenticate": "Bearer" });
  let caller: Caller;
  try {
    caller = await verifier.verify(token);
  } catch (err) {
    if (err instanceof AppError) return fail(res, 401, "UNAUTHENTICATED", err.message, { "www-authenticate": "Bearer" });
    throw err;
  }
  const internal = await mintInternalToken(caller, target.name, requestId);
  const url = new URL(req.url ?? "/", target.baseUrl);
  const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${internal}`, [REQUEST_ID_HEADER]: requestId };
  for (const h of ["content-type", "content-encoding", "content-length", "accept", "accept-encoding"]) if (req.headers[h]) headers[h] = req.headers[h];
  // The service continues this request's trace (traceparent), when tracing is on.
  injectTraceHeaders(headers);
  await new Promise<void>((resolve) => {
    const upstream = http.request(url, { method: req.method, headers }, (up) => {
      const out: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && k !== "connection" && k !== "keep-alive") out[k] = v;
      res.writeHead(up.statusCode ?? 502, out);
      up.pipe(res, { end: false });
      up.on("end", () => {
        if (Object.keys(up.trailers).length) res.addTrailers(up.trailers as http.OutgoingHttpHeaders);
        res.end();
        resolve();
      });
      up.on("error", () => {
        res.destroy();
        resolve();
      });
    });
    upstream.on("error", (err) => {
      log({ level: "error", msg: `${target.name} did not answer`, requestId, error: err.message });
      if (!res.headersSent) fail(res, 502, "SERVICE_UNAVAILABLE", `the ${target.name} service is unavailable: retry later`, { "retry-after": "5" });
      else res.destroy();
      resolve();
    });
    // A client that goes away cancels the upstream request, which stops the service's work.
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
}
