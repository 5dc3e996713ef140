import type http from "node:http";
import { hasScope } from "../../../runtime/auth/caller.js";
import { newContext } from "../../../runtime/context.js";
import { AppError } from "../../../runtime/errors.js";
import type { InternalCaller } from "../../../runtime/subgraph-server.js";
import { parseReport } from "./report.js";
import { recordReport } from "./store.js";

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, FORBIDDEN: 403, NOT_FOUND: 404 };
const MAX_BYTES = 4 * 1024 * 1024;

function reply(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
const fail = (res: http.ServerResponse, status: number, code: string, message: string) => reply(res, status, { error: { code, message } });

/**
 * `POST /sites/<siteId>/recorder`: a site recorder's report on a batch it forwarded (sequences,
 * hashes, outcome per record, backlog, its clock), from the site's integration client with
 * lineage:write. Answers 200 {receivedAt, lastSequence, chainBreaks}; 400 naming the field; 403;
 * 404 for an unknown site. Behind the gateway, which verified the client's assertion.
 */
export async function handleSiteReport(req: http.IncomingMessage, res: http.ServerResponse, caller: InternalCaller): Promise<void> {
  res.setHeader("x-request-id", caller.requestId);
  const m = /^\/sites\/([^/]{1,200})\/recorder$/.exec(new URL(req.url ?? "/", "http://gpu").pathname);
  if (!m) return fail(res, 404, "NOT_FOUND", "unknown route: see POST /sites/<siteId>/recorder");
  if (req.method !== "POST") return fail(res, 405, "METHOD_NOT_ALLOWED", "use POST");
  if (!hasScope(caller, "lineage:write") || !caller.clientId) return fail(res, 403, "FORBIDDEN", "site reports come from the site's integration client, with the scope lineage:write");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) if ((size += chunk.length) <= MAX_BYTES) chunks.push(chunk);
  if (size > MAX_BYTES) return fail(res, 413, "PAYLOAD_TOO_LARGE", `the body must be at most ${MAX_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return fail(res, 400, "BAD_USER_INPUT", "the body is not JSON");
  }
  try {
    reply(res, 200, await recordReport(newContext(caller, caller.requestId), decodeURIComponent(m[1]), parseReport(body)));
  } catch (err) {
    const code = err instanceof AppError ? String(err.extensions.code) : "";
    if (!STATUS[code]) throw err;
    fail(res, STATUS[code], code, (err as AppError).message);
  }
}
