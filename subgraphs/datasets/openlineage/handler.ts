import { env } from "../../../runtime/config.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import { hasScope, type Caller } from "../../../runtime/auth/caller.js";
import { HttpError, parseJson, readBody } from "./body.js";
import { toMarquez } from "./marquez.js";
import { MARQUEZ_PREFIXES, marquezRoute } from "./marquez-api.js";
import { DEFAULT_MARQUEZ_DEPTH, marquezGraph, MAX_MARQUEZ_DEPTH, rawEvents } from "./read-store.js";
import { aiLineageSchemaText } from "./schemas.js";
import { prepare } from "./prepare.js";
import { ingest, type Outcome, type Prepared } from "./store.js";

export const LINEAGE_PATH = "/api/v1/lineage";
/** The path prefixes this handler serves: OpenLineage's route and Marquez's read API (marquez-api.ts). */
export const OPENLINEAGE_ROUTES = [LINEAGE_PATH, ...MARQUEZ_PREFIXES];
/** Events per write transaction: a larger batch commits in chunks, each whole or not at all. */
const CHUNK = 500;
/** Most events one batch request may carry. */
const MAX_BATCH = env.OPENLINEAGE_MAX_BATCH;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

const fail = (res: ServerResponse, e: HttpError) => send(res, e.status, { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });

function need(caller: Caller, scope: "lineage:read" | "lineage:write") {
  if (!hasScope(caller, scope)) throw new HttpError(403, "FORBIDDEN", `this route requires the scope ${scope}`);
}

/** Ingests in chunks; a chunk the database could not take fails as retriable, the others stand. */
async function ingestAll(caller: Caller, ready: Prepared[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (let i = 0; i < ready.length; i += CHUNK) {
    const chunk = ready.slice(i, i + CHUNK);
    try {
      out.push(...(await ingest(caller, chunk)));
    } catch (err) {
      console.error(JSON.stringify({ level: "error", msg: "OpenLineage ingest failed", sub: caller.sub, error: (err as Error).message }));
      out.push(...chunk.map((p) => ({ index: p.index, ok: false, retriable: true, reason: "server error" })));
    }
  }
  return out;
}

async function postOne(req: IncomingMessage, res: ServerResponse, caller: Caller) {
  need(caller, "lineage:write");
  const event = parseJson(await readBody(req));
  if (Array.isArray(event)) throw new HttpError(400, "BAD_USER_INPUT", `an array of events goes to ${LINEAGE_PATH}/batch`);
  const { ready, refused, warnings } = prepare([event]);
  if (refused.length > 0) {
    const [r] = refused;
    throw new HttpError(400, "BAD_USER_INPUT", "the event does not follow the OpenLineage 2-0-2 schema", { problems: r.problems, problemCount: r.problemCount });
  }
  const [outcome] = await ingest(caller, ready);
  if (!outcome.ok) {
    const [status, code] = outcome.conflict ? [409, "CONFLICT"] : [400, "BAD_USER_INPUT"];
    throw new HttpError(status, code, outcome.problems?.[0]?.message ?? outcome.reason!, { problems: outcome.problems });
  }
  // `format` deviations are accepted and reported (docs/openlineage.md, "Liberal in what it accepts").
  const w = warnings.get(0) ?? { warnings: [], warningCount: 0 };
  send(res, 201, { status: "success", eventId: ready[0].rows.events[0].id, duplicate: outcome.duplicate ?? false, ...w });
}

async function postBatch(req: IncomingMessage, res: ServerResponse, caller: Caller) {
  need(caller, "lineage:write");
  const events = parseJson(await readBody(req));
  if (!Array.isArray(events)) throw new HttpError(400, "BAD_USER_INPUT", "the batch body must be a JSON array of OpenLineage events");
  if (events.length > MAX_BATCH) throw new HttpError(413, "PAYLOAD_TOO_LARGE", `a batch holds at most ${MAX_BATCH} events (OPENLINEAGE_MAX_BATCH)`);
  const { ready, refused, warnings } = prepare(events);
  const outcomes: (Outcome & { problemCount?: number })[] = [...refused, ...(await ingestAll(caller, ready))].sort((a, b) => a.index - b.index);
  const failed = outcomes.filter((o) => !o.ok);
  const retriable = failed.filter((o) => o.retriable).length;
  const warned = outcomes.filter((o) => o.ok && warnings.has(o.index)).map((o) => ({ index: o.index, ...warnings.get(o.index)! }));
  const body = {
    status: failed.length === 0 ? "success" : "partial_success",
    summary: { received: events.length, successful: outcomes.length - failed.length, failed: failed.length, retriable, non_retriable: failed.length - retriable, with_warnings: warned.length },
    failed_events: failed.map((o) => ({ index: o.index, reason: o.reason, retriable: o.retriable, problems: o.problems, ...(o.problemCount !== undefined ? { problemCount: o.problemCount } : {}) })),
    warnings: warned,
  };
  // Nothing stored and the database at fault: a 5xx tells the client's retry logic to try again.
  send(res, failed.length > 0 && failed.length === retriable && events.length > 0 ? 503 : 200, body);
}

async function getLineage(url: URL, res: ServerResponse, caller: Caller) {
  need(caller, "lineage:read");
  const nodeId = url.searchParams.get("nodeId");
  if (!nodeId || !/^(dataset|job):.+:.+$/.test(nodeId)) throw new HttpError(400, "BAD_USER_INPUT", "nodeId: required, as dataset:<namespace>:<name> or job:<namespace>:<name>");
  const depthText = url.searchParams.get("depth");
  const depth = depthText === null ? DEFAULT_MARQUEZ_DEPTH : Number(depthText);
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_MARQUEZ_DEPTH) throw new HttpError(400, "BAD_USER_INPUT", `depth: must be an integer from 0 to ${MAX_MARQUEZ_DEPTH}`);
  const rows = await marquezGraph(nodeId, depth);
  if (!rows.start) throw new HttpError(404, "NOT_FOUND", `no node ${nodeId}`);
  send(res, 200, toMarquez(rows));
}

async function getEvents(url: URL, res: ServerResponse, caller: Caller) {
  need(caller, "lineage:read");
  const id = url.pathname.slice(`${LINEAGE_PATH}/events/`.length);
  if (id) {
    const [event] = await rawEvents({ id: decodeURIComponent(id) });
    if (!event) throw new HttpError(404, "NOT_FOUND", `no OpenLineage event ${id}`);
    return send(res, 200, event);
  }
  const runId = url.searchParams.get("runId");
  if (!runId) throw new HttpError(400, "BAD_USER_INPUT", "runId: required (or GET /api/v1/lineage/events/<eventId>)");
  send(res, 200, { events: await rawEvents({ runId }) });
}

/**
 * The OpenLineage HTTP surface, for a caller the gateway has already verified:
 * POST /api/v1/lineage (one event, 201), POST /api/v1/lineage/batch, GET /api/v1/lineage?nodeId=
 * (Marquez's shape), GET /api/v1/lineage/events?runId= and /events/<id> (raw events as received),
 * GET /api/v1/lineage/facets/aiLineage.json (the custom facet's JSON Schema).
 */
export async function handleOpenLineage(req: IncomingMessage, res: ServerResponse, caller: Caller): Promise<void> {
  const url = new URL(req.url ?? "/", "http://gateway");
  const route = `${req.method} ${url.pathname.replace(/\/+$/, "")}`;
  try {
    if (route === `POST ${LINEAGE_PATH}`) return await postOne(req, res, caller);
    if (route === `POST ${LINEAGE_PATH}/batch`) return await postBatch(req, res, caller);
    if (route === `GET ${LINEAGE_PATH}`) return await getLineage(url, res, caller);
    if (req.method === "GET" && (url.pathname === `${LINEAGE_PATH}/events` || url.pathname.startsWith(`${LINEAGE_PATH}/events/`))) return await getEvents(url, res, caller);
    if (route === `GET ${LINEAGE_PATH}/facets/aiLineage.json`) {
      res.writeHead(200, { "content-type": "application/schema+json", "cache-control": "public, max-age=3600" });
      return void res.end(aiLineageSchemaText);
    }
    const marquez = marquezRoute(req.method, url);
    if (marquez) {
      need(caller, marquez.scope);
      return send(res, 200, await marquez.run({ caller, req }));
    }
    throw new HttpError(404, "NOT_FOUND", `no route ${route}`);
  } catch (err) {
    if (err instanceof HttpError) return fail(res, err);
    console.error(JSON.stringify({ level: "error", msg: "OpenLineage request failed", route, error: (err as Error).message }));
    if (!res.headersSent) send(res, 500, { error: { code: "INTERNAL_SERVER_ERROR", message: "Internal server error" } });
  }
}
