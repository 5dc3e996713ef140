import type http from "node:http";
import { hasScope } from "../../runtime/auth/caller.js";
import { newContext } from "../../runtime/context.js";
import { AppError } from "../../runtime/errors.js";
import { BadEncoding, BodyTooLarge, readBody as readRequestBody, UnsupportedEncoding } from "../../runtime/http-body.js";
import type { InternalCaller } from "../../runtime/subgraph-server.js";
import { MAX_INGEST_BYTES, NdjsonRefused, parseDecisionsNdjson } from "./decision-input.js";
import { recordDecisions } from "./decisions.js";

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

function reply(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...extra });
  res.end(JSON.stringify(body));
}
const fail = (res: http.ServerResponse, status: number, code: string, message: string) => reply(res, status, { error: { code, message } });

/**
 * The body as text (gzip decoded when so sent), or the refusal to answer: 413 over
 * MAX_INGEST_BYTES as sent or decoded, 415 another encoding, 400 broken gzip (runtime/http-body.ts).
 */
async function readBody(req: http.IncomingMessage): Promise<string | [status: number, code: string, message: string]> {
  try {
    return await readRequestBody(req, MAX_INGEST_BYTES, { gzip: true });
  } catch (err) {
    if (err instanceof BodyTooLarge) return [413, "PAYLOAD_TOO_LARGE", `the body must be at most ${MAX_INGEST_BYTES} bytes`];
    if (err instanceof UnsupportedEncoding) return [415, "UNSUPPORTED_MEDIA_TYPE", err.message];
    if (err instanceof BadEncoding) return [400, "BAD_USER_INPUT", err.message];
    throw err;
  }
}

/**
 * `POST /ingest/decisions`: a batch of decisions as NDJSON (one JSON object per line, the
 * fields of DecisionInput), for pipelines that send many. It is recordDecisions without
 * GraphQL: the same scope (lineage:write), the same validation (decisionRows), the same store
 * call, so the same idempotency by decision id and one audit event per batch. Answers 200
 * {accepted, duplicates}; 400 naming the bad line; 403 without the scope; 413 over
 * MAX_INGEST_BYTES or MAX_DECISIONS_PER_CALL lines. Behind the gateway, which verified the
 * caller's token (401 there).
 */
export async function handleIngest(req: http.IncomingMessage, res: http.ServerResponse, caller: InternalCaller): Promise<void> {
  res.setHeader("x-request-id", caller.requestId);
  const path = new URL(req.url ?? "/", "http://models").pathname;
  if (path !== "/ingest/decisions") return fail(res, 404, "NOT_FOUND", "unknown ingest route: see /ingest/decisions");
  if (req.method !== "POST") return reply(res, 405, { error: { code: "METHOD_NOT_ALLOWED", message: "use POST" } }, { allow: "POST" });
  if (!hasScope(caller, "lineage:write")) return fail(res, 403, "FORBIDDEN", "ingesting decisions requires the scope lineage:write");
  const body = await readBody(req);
  if (typeof body !== "string") return fail(res, ...body);
  try {
    const { decisions, rows } = parseDecisionsNdjson(body);
    const result = await recordDecisions(newContext(caller, caller.requestId), rows);
    reply(res, 200, { accepted: result.accepted, duplicates: result.duplicates + decisions.length - rows.length });
  } catch (err) {
    if (err instanceof NdjsonRefused) return fail(res, err.status, err.code, err.message);
    const code = err instanceof AppError ? String(err.extensions.code) : "";
    if (!STATUS[code]) throw err;
    fail(res, STATUS[code], code, (err as AppError).message);
  }
}
