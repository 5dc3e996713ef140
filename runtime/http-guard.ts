import http from "node:http";
import { Counter } from "prom-client";
import { logger } from "./log.js";
import { registry } from "./metrics.js";

/** A node:http handler that may throw or reject. */
export type AsyncHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** Errors that escaped a handler (`handler`) or every handler (`uncaughtException`, `unhandledRejection`). */
export const escapedErrors = new Counter({
  name: "lineage_escaped_errors_total",
  help: "Errors no code path answered: caught by the HTTP guard (kind=handler) or the process guard",
  labelNames: ["kind"] as const,
  registers: [registry],
});

/** At most this much of a request target goes into a log line. */
const LOGGED_PATH = 200;

/** A request target that cannot be decoded (`decodeURIComponent`) or parsed (`new URL`): the client's fault. */
const malformedTarget = (err: unknown) => err instanceof URIError || (err as { code?: unknown } | null)?.code === "ERR_INVALID_URL";

/**
 * Answers a request whose handler threw. A malformed request target (a bad `%` sequence, a URL
 * that does not parse) is the client's fault: 400. Anything else is ours: a
 * masked 500, logged with its stack. Once the answer has started, the connection is cut so the
 * client sees a broken transfer, never a silently short one.
 */
/** The client went away mid-request (its body cut short, the connection reset): nobody to answer, nothing of ours failed. */
const clientGone = (req: http.IncomingMessage, err: unknown) =>
  req.destroyed || ["ECONNRESET", "ERR_STREAM_PREMATURE_CLOSE"].includes(String((err as { code?: unknown } | null)?.code));

function answerThrown(req: http.IncomingMessage, res: http.ServerResponse, err: unknown): void {
  if (clientGone(req, err)) {
    logger.info({ method: req.method, url: (req.url ?? "").slice(0, LOGGED_PATH) }, "client went away mid-request");
    return void res.destroy();
  }
  const clientFault = malformedTarget(err);
  if (!clientFault) escapedErrors.inc({ kind: "handler" });
  logger[clientFault ? "info" : "error"]({ err, method: req.method, url: (req.url ?? "").slice(0, LOGGED_PATH) }, clientFault ? "malformed request" : "request handler failed");
  if (res.headersSent || res.writableEnded) return void res.destroy();
  const [status, code, message] = clientFault ? [400, "BAD_REQUEST", "malformed request target (URL)"] : [500, "INTERNAL_SERVER_ERROR", "Internal server error"];
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(JSON.stringify({ error: { code, message } }));
}

/**
 * The one way a service of this project serves HTTP (the gateway and every subgraph): whatever
 * the handler throws or rejects with becomes an answer (400 or a masked 500) and the process
 * stays up. Malformed HTTP below the handler (bad request line or headers) gets Node's 400/431.
 */
export function createGuardedServer(handler: AsyncHandler): http.Server {
  return http.createServer((req, res) => {
    try {
      const done = handler(req, res);
      if (done instanceof Promise) done.catch((err: unknown) => answerThrown(req, res, err));
    } catch (err) {
      answerThrown(req, res, err);
    }
  });
}

let installed = false;

/**
 * Process-level guard, for what escapes every handler (an error thrown in a stream or timer
 * callback, a promise nobody awaited). Decision: log it (pino, level fatal, with the stack),
 * count it (`lineage_escaped_errors_total`, for an alert), and keep serving. Every service
 * keeps its state in Neo4j, whose transactions roll back on their own, so one failed request
 * leaves nothing half-done in the process; exiting would let one request stop a service (and,
 * under `npm start`, the whole stack).
 */
export function installProcessGuard(): void {
  if (installed) return;
  installed = true;
  process.on("uncaughtException", (err, origin) => {
    escapedErrors.inc({ kind: origin });
    logger.fatal({ err, origin }, "error escaped every handler; the process keeps serving");
  });
  process.on("unhandledRejection", (reason) => {
    escapedErrors.inc({ kind: "unhandledRejection" });
    logger.fatal({ err: reason }, "promise rejected with nobody to handle it; the process keeps serving");
  });
}
