import type http from "node:http";
import { env } from "../runtime/config.js";
import { AppError } from "../runtime/errors.js";
import { MAX_INGEST_BYTES, NdjsonRefused, parseDecisionsNdjson } from "../subgraphs/models/decision-input.js";
import { HttpError, parseJson, readBody } from "../subgraphs/datasets/openlineage/body.js";
import { mapEvent } from "../subgraphs/datasets/openlineage/mapping.js";
import { validateEvent, type Problem } from "../subgraphs/datasets/openlineage/validate.js";
import type { Entry, RecordKind } from "./chain.js";
import { send } from "./http.js";
import { QuotaExceeded, type SiteLog } from "./log.js";
import { ackLatency, recorded, refused } from "./metrics.js";

// What a site's callers post, checked by the centre's own modules (decision-input.ts, the
// OpenLineage validator), so a bad record is refused here with the centre's answer.

async function durable(log: SiteLog, items: { kind: RecordKind; body: unknown }[], started: number): Promise<Entry[]> {
  try {
    const entries = await log.append(items);
    ackLatency.observe((performance.now() - started) / 1000);
    for (const it of items) recorded.inc({ kind: it.kind });
    return entries;
  } catch (err) {
    if (err instanceof QuotaExceeded) {
      refused.inc({ reason: "quota" });
      throw new HttpError(507, "INSUFFICIENT_STORAGE", `${err.message}: nothing of this request was recorded; retry once the backlog has been forwarded`);
    }
    refused.inc({ reason: "write_failed" });
    throw new HttpError(503, "SERVICE_UNAVAILABLE", `the records could not be made durable (${(err as NodeJS.ErrnoException).code ?? "write failed"}): nothing of this request was recorded`);
  }
}

const span = (entries: Entry[]) => ({ firstSequence: entries[0]?.seq ?? null, lastSequence: entries.at(-1)?.seq ?? null });

/** POST /ingest/decisions: NDJSON decisions, all or none, as the central route. */
export async function postDecisions(req: http.IncomingMessage, res: http.ServerResponse, log: SiteLog) {
  const body = await readBody(req, MAX_INGEST_BYTES);
  const started = performance.now();
  let parsed: ReturnType<typeof parseDecisionsNdjson>;
  try {
    parsed = parseDecisionsNdjson(body);
  } catch (err) {
    refused.inc({ reason: "invalid" });
    if (err instanceof NdjsonRefused) throw new HttpError(err.status, err.code, err.message);
    if (err instanceof AppError) throw new HttpError(400, "BAD_USER_INPUT", err.message);
    throw err;
  }
  // Stored as the centre stores them: the normalised row, output back as JSON.
  const items = parsed.rows.map(({ outputJson, ...row }) => ({ kind: "decision" as const, body: { ...row, output: JSON.parse(outputJson) as unknown } }));
  const entries = await durable(log, items, started);
  send(res, 200, { accepted: items.length, duplicates: parsed.decisions.length - items.length, ...span(entries) });
}

const invalid = (problems: Problem[]) => ({ reason: "invalid OpenLineage event", retriable: false, problems });

/** POST /api/v1/lineage: one OpenLineage event, 201 once durable. */
export async function postEvent(req: http.IncomingMessage, res: http.ServerResponse, log: SiteLog) {
  const event = parseJson(await readBody(req));
  const started = performance.now();
  if (Array.isArray(event)) throw new HttpError(400, "BAD_USER_INPUT", "an array of events goes to /api/v1/lineage/batch");
  const problems = validateEvent(event);
  if (problems.length > 0) {
    refused.inc({ reason: "invalid" });
    throw new HttpError(400, "BAD_USER_INPUT", "the event does not follow the OpenLineage 2-0-2 schema", { problems });
  }
  const eventId = mapEvent(event as Record<string, unknown>).events[0]?.id;
  const entries = await durable(log, [{ kind: "openlineage", body: event }], started);
  send(res, 201, { status: "success", eventId, duplicate: false, sequence: entries[0].seq });
}

/** POST /api/v1/lineage/batch: valid events recorded, invalid ones named (the centre's answer shape). */
export async function postBatch(req: http.IncomingMessage, res: http.ServerResponse, log: SiteLog) {
  const events = parseJson(await readBody(req));
  const started = performance.now();
  if (!Array.isArray(events)) throw new HttpError(400, "BAD_USER_INPUT", "the batch body must be a JSON array of OpenLineage events");
  if (events.length > env.OPENLINEAGE_MAX_BATCH) throw new HttpError(413, "PAYLOAD_TOO_LARGE", `a batch holds at most ${env.OPENLINEAGE_MAX_BATCH} events (OPENLINEAGE_MAX_BATCH)`);
  const failed: { index: number; reason: string; retriable: boolean; problems: Problem[] }[] = [];
  const items: { kind: "openlineage"; body: unknown }[] = [];
  events.forEach((event, index) => {
    const problems = validateEvent(event);
    if (problems.length > 0) failed.push({ index, ...invalid(problems) });
    else items.push({ kind: "openlineage", body: event });
  });
  if (failed.length) refused.inc({ reason: "invalid" }, failed.length);
  const entries = items.length ? await durable(log, items, started) : [];
  send(res, 200, {
    status: failed.length === 0 ? "success" : "partial_success",
    summary: { received: events.length, successful: items.length, failed: failed.length, retriable: 0, non_retriable: failed.length },
    failed_events: failed,
    ...span(entries),
  });
}
