import { env } from "../../../runtime/config.js";
import type http from "node:http";
import { hasScope, type Caller } from "../../../runtime/auth/caller.js";
import { AppError } from "../../../runtime/errors.js";
import { parseDateTime } from "../../../runtime/scalars.js";
import { logger } from "../../../runtime/log.js";
import type { InternalCaller } from "../../../runtime/subgraph-server.js";
import { exportDecisions, logScope, type LogScope } from "./log-extract.js";
import { csvHeader, csvLine, jsonLine, type LogRecord } from "./log-format.js";


const FORMATS: Record<string, { contentType: string; header: () => string; line: (r: LogRecord) => string }> = {
  jsonl: { contentType: "application/x-ndjson; charset=utf-8", header: () => "", line: jsonLine },
  csv: { contentType: "text/csv; charset=utf-8", header: csvHeader, line: csvLine },
};
/** Lines are written in chunks of about this many bytes (fewer, larger writes). */
const FLUSH_BYTES = 64 * 1024;
/** Exports running at once in this compliance process (EXPORT_MAX_CONCURRENT, default 4); each holds database sessions while it runs. Per replica: N compliance replicas run at most N × this many. */
const MAX_CONCURRENT = env.EXPORT_MAX_CONCURRENT;
let running = 0;

function fail(res: http.ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...extra });
  res.end(JSON.stringify({ error: { code, message } }));
}

/** Resolves when the response can take more data, or the client went away. */
function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    // Gone already: its "close" has fired and will not fire again.
    if (res.destroyed) return resolve();
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

interface ExportRequest {
  scope: LogScope;
  from: string;
  to: string;
  format: string;
}

/** Reads and checks the query string; null after answering 400 / 404. */
async function exportRequest(url: URL, res: http.ServerResponse): Promise<ExportRequest | null> {
  const reject = (status: number, code: string, message: string) => {
    fail(res, status, code, message);
    return null;
  };
  const q = url.searchParams;
  const systemId = q.get("systemId");
  if (!systemId) return reject(400, "BAD_USER_INPUT", "systemId: required");
  const times: Record<string, string> = {};
  for (const field of ["from", "to"]) {
    try {
      times[field] = parseDateTime(q.get(field) ?? undefined);
    } catch (err) {
      return reject(400, "BAD_USER_INPUT", `${field}: ${(err as Error).message}`);
    }
  }
  if (times.to <= times.from) return reject(400, "BAD_USER_INPUT", "to: must be after from");
  let asOf: string | null = null;
  try {
    asOf = q.has("asOf") ? parseDateTime(q.get("asOf") ?? undefined) : null;
  } catch (err) {
    return reject(400, "BAD_USER_INPUT", `asOf: ${(err as Error).message}`);
  }
  const format = q.get("format") ?? "jsonl";
  if (!FORMATS[format]) return reject(400, "BAD_USER_INPUT", "format: must be jsonl or csv");
  try {
    return { scope: await logScope(null, systemId, asOf), from: times.from, to: times.to, format };
  } catch (err) {
    if (err instanceof AppError && err.extensions.code === "NOT_FOUND") return reject(404, "NOT_FOUND", err.message);
    throw err;
  }
}

/**
 * `GET /exports/decisions?systemId=&from=&to=&format=jsonl|csv[&asOf=]`: a system's log extract
 * (Art. 12, 19, 26(6)) streamed from Neo4j as JSON Lines or CSV; with asOf, as the graph stood
 * then (log-extract.ts logScope: 404 for a system recorded later). Memory stays flat whatever
 * the size: rows are pulled from the driver only as fast as the client reads (the response's
 * write/drain backpressure), and a client that goes away stops the queries. Served by the
 * compliance service behind the gateway, which has verified the caller's token (401 there);
 * here: 403 without reports:read.
 */
export async function handleExport(req: http.IncomingMessage, res: http.ServerResponse, caller: InternalCaller): Promise<void> {
  const requestId = caller.requestId;
  res.setHeader("x-request-id", requestId);
  const url = new URL(req.url ?? "/", "http://compliance");
  if (url.pathname !== "/exports/decisions") return fail(res, 404, "NOT_FOUND", "unknown export: see /exports/decisions");
  if (!hasScope(caller, "reports:read")) return fail(res, 403, "FORBIDDEN", "exports require the scope reports:read");
  if (running >= MAX_CONCURRENT) return fail(res, 429, "TOO_MANY_REQUESTS", "too many exports running: retry later", { "retry-after": "10" });
  running++;
  try {
    await stream(req, res, url, caller);
  } catch (err) {
    logger.error({ requestId, err }, "export failed");
    if (!res.headersSent) fail(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
    // Mid-stream: break the connection so the client sees a failed transfer, never a silently short file.
    else res.destroy();
  } finally {
    running--;
  }
}

async function stream(req: http.IncomingMessage, res: http.ServerResponse, url: URL, caller: Caller) {
  const r = await exportRequest(url, res);
  if (!r) return;
  const fmt = FORMATS[r.format];
  // The client may have gone while the request was read: then "close" has already fired.
  let closed = res.destroyed;
  res.on("close", () => (closed = true));
  const name = `decisions-${r.scope.systemId.replace(/[^A-Za-z0-9_-]/g, "_")}-${r.from.slice(0, 10)}-${r.to.slice(0, 10)}.${r.format}`;
  res.writeHead(200, {
    "content-type": fmt.contentType,
    "content-disposition": `attachment; filename="${name}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-retention-months": String(r.scope.retentionMonths),
    trailer: "x-export-records",
  });
  let buffer = fmt.header();
  let count = 0;
  // Leaving this loop early (client gone) returns the generator, which cancels the queries.
  for await (const record of exportDecisions(r.scope, r.from, r.to)) {
    if (closed) break;
    buffer += fmt.line(record);
    count++;
    if (buffer.length >= FLUSH_BYTES) {
      const more = res.write(buffer);
      buffer = "";
      if (!more) await drained(res);
      if (closed) break;
    }
  }
  if (closed) {
    logger.info({ requestId: (caller as InternalCaller).requestId, sub: caller.sub, records: count }, "export abandoned by the client");
    return;
  }
  res.addTrailers({ "x-export-records": String(count) });
  res.end(buffer);
}
