import type http from "node:http";
import { hasScope } from "../../runtime/auth/caller.js";
import { newContext } from "../../runtime/context.js";
import { AppError, badInput } from "../../runtime/errors.js";
import { BadEncoding, BodyTooLarge, readBody as readRequestBody, UnsupportedEncoding } from "../../runtime/http-body.js";
import { parseDateTime } from "../../runtime/scalars.js";
import type { InternalCaller } from "../../runtime/subgraph-server.js";
import { decisionRows, MAX_DECISIONS_PER_CALL, recordDecisions, type DecisionIn } from "./decisions.js";

/** Largest NDJSON body taken (a full batch of 16 KiB outputs would not fit; real decisions are far smaller). */
export const MAX_INGEST_BYTES = 32 * 1024 * 1024;

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

const str = (v: unknown): v is string => typeof v === "string";
const optional = <T>(v: unknown, ok: (x: unknown) => x is T): v is T | null | undefined => v === undefined || v === null || ok(v);

/** One NDJSON line as a decision; the same shape GraphQL's DecisionInput enforces by its types. */
function parseLine(line: string, where: string): DecisionIn {
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(line);
  } catch {
    throw badInput(where, "is not valid JSON");
  }
  if (typeof d !== "object" || d === null || Array.isArray(d)) throw badInput(where, "must be a JSON object");
  for (const f of ["id", "modelVersionId", "inputDigest"]) if (!str(d[f])) throw badInput(`${where}.${f}`, "required string");
  if (!optional(d.deploymentId, str)) throw badInput(`${where}.deploymentId`, "must be a string or null");
  if (!optional(d.explanation, str)) throw badInput(`${where}.explanation`, "must be a string or null");
  if (!optional(d.confidence, (x): x is number => typeof x === "number")) throw badInput(`${where}.confidence`, "must be a number or null");
  if (!("output" in d)) throw badInput(`${where}.output`, "required");
  let occurredAt: string;
  try {
    occurredAt = parseDateTime(d.occurredAt);
  } catch (err) {
    throw badInput(`${where}.occurredAt`, (err as Error).message);
  }
  return { ...(d as unknown as DecisionIn), occurredAt };
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
    const decisions: DecisionIn[] = [];
    const lineOf: number[] = [];
    for (const [i, line] of body.split("\n").entries()) {
      if (!line.trim()) continue;
      if (decisions.length === MAX_DECISIONS_PER_CALL) return fail(res, 413, "PAYLOAD_TOO_LARGE", `at most ${MAX_DECISIONS_PER_CALL} decisions per request`);
      decisions.push(parseLine(line, `line ${i + 1}`));
      lineOf.push(i + 1);
    }
    if (decisions.length === 0) return fail(res, 400, "BAD_USER_INPUT", "the body holds no decisions (NDJSON, one per line)");
    const rows = decisionRows(decisions, (i) => `line ${lineOf[i]}`);
    const result = await recordDecisions(newContext(caller, caller.requestId), rows);
    reply(res, 200, { accepted: result.accepted, duplicates: result.duplicates + decisions.length - rows.length });
  } catch (err) {
    const code = err instanceof AppError ? String(err.extensions.code) : "";
    if (!STATUS[code]) throw err;
    fail(res, STATUS[code], code, (err as AppError).message);
  }
}
