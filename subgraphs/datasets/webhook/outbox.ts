import { env } from "../../../runtime/config.js";
import { write, query, type Tx } from "../../../runtime/db.js";
import type { DriftReportRow } from "../drift/report.js";
import { recordDelivery } from "./deliveries.js";
import { driftEvent, signDriftEvent } from "./sign.js";
import { post, webhookSettings, type WebhookSettings } from "./delivery.js";

/**
 * The drift webhook outbox, kept in Neo4j so pending deliveries survive a restart of the
 * datasets service. At-least-once: an event is written in the same transaction as its report,
 * then sent until a receiver answers 2xx; every attempt carries the same signed bytes and the
 * same `x-drift-event-id`, which receivers deduplicate by. After the last attempt it becomes a
 * dead letter (status DEAD), listed by the `webhookDeadLetters` query.
 */
export interface OutboxEntry {
  lastAttemptAt?: string | null;
  id: string;
  reportId: string;
  status: "PENDING" | "DELIVERED" | "DEAD";
  attempts: number;
  failedAttempts: number;
  lastError: string | null;
  lastHttpStatus: number | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** Queues a DRIFT report's event inside the report's transaction (no-op without DRIFT_WEBHOOK_URL). */
export async function enqueueDriftEvent(tx: Tx, report: DriftReportRow): Promise<void> {
  if (report.status !== "DRIFT" || !webhookSettings()) return;
  const event = driftEvent(report);
  const jws = await signDriftEvent(event);
  const now = new Date().toISOString();
  await tx.run({
    cypher: `MERGE (o:WebhookOutbox {id: $id})
             ON CREATE SET o.reportId = $reportId, o.jws = $jws, o.status = 'PENDING', o.attempts = 0, o.failedAttempts = 0,
                           o.createdAt = $now, o.nextAttemptAt = $now`,
    params: { id: event.id, reportId: report.id, jws, now },
  });
}

/** Claims up to `limit` due events with a lease, so two replicas never send one at the same time. */
async function claimDue(s: WebhookSettings, limit: number): Promise<{ id: string; reportId: string; jws: string; attempts: number }[]> {
  const now = Date.now();
  const lease = new Date(now + s.timeoutMs + 30_000).toISOString();
  return write({ op: "webhookOutboxClaim" }, (tx) =>
    tx.run<{ id: string; reportId: string; jws: string; attempts: number }>({
      cypher: `MATCH (o:WebhookOutbox {status: 'PENDING'}) WHERE o.nextAttemptAt <= $now AND (o.leaseUntil IS NULL OR o.leaseUntil < $now)
               WITH o ORDER BY o.nextAttemptAt LIMIT $limit
               // Lock, then look again: a concurrent claimer may have taken it since the MATCH.
               SET o._claim = true REMOVE o._claim
               WITH o WHERE o.status = 'PENDING' AND (o.leaseUntil IS NULL OR o.leaseUntil < $now)
               SET o.leaseUntil = $lease
               RETURN o.id AS id, o.reportId AS reportId, o.jws AS jws, o.attempts AS attempts`,
      params: { now: new Date(now).toISOString(), lease, limit },
    }),
  );
}

/** Sends one claimed event once and records the outcome on the outbox and as a WebhookDelivery. */
async function attempt(s: WebhookSettings, e: { id: string; reportId: string; jws: string; attempts: number }): Promise<void> {
  const n = e.attempts + 1;
  const { httpStatus, error } = await post(s, e.jws, e.id, n);
  const delivered = error === null;
  const last = n >= s.maxAttempts;
  const now = new Date();
  const next = delivered || last ? null : new Date(now.getTime() + s.backoffMs * 2 ** (n - 1)).toISOString();
  await write({ op: "webhookOutboxAttempt" }, (tx) =>
    tx.run({
      cypher: `MATCH (o:WebhookOutbox {id: $id})
               SET o.attempts = $n, o.status = $status, o.nextAttemptAt = $next, o.leaseUntil = null,
                   o.lastError = $error, o.lastHttpStatus = $httpStatus, o.lastAttemptAt = $now,
                   o.failedAttempts = o.failedAttempts + CASE WHEN $delivered THEN 0 ELSE 1 END,
                   o.deliveredAt = CASE WHEN $delivered THEN $now ELSE null END`,
      params: { id: e.id, n, status: delivered ? "DELIVERED" : last ? "DEAD" : "PENDING", next, error, httpStatus, delivered, now: now.toISOString() },
    }),
  );
  await recordDelivery({ reportId: e.reportId, attempt: n, status: delivered ? "DELIVERED" : last ? "FAILED" : "RETRYING", httpStatus, error });
  // In-process fast path for the retry; the poll picks it up too (e.g. after a restart).
  if (next) setTimeout(() => void tick(), s.backoffMs * 2 ** (n - 1)).unref();
}

/**
 * One pass: sends every due event once. Returns how many were attempted. A new process's first
 * pass picks up whatever an earlier one left pending (or held under a lease that ran out).
 */
export async function deliverDue(s = webhookSettings()): Promise<number> {
  if (!s) return 0;
  const due = await claimDue(s, 20);
  await Promise.all(due.map((e) => attempt(s, e)));
  return due.length;
}

/** Dead letters: events whose every attempt failed, newest first. */
export async function deadLetters(first: number): Promise<OutboxEntry[]> {
  const rows = await query<{ o: OutboxEntry }>({ op: "webhookDeadLetters" }, {
    cypher: `MATCH (o:WebhookOutbox {status: 'DEAD'})
             RETURN o {.id, .reportId, .status, .attempts, .failedAttempts, .lastError, .lastHttpStatus, .createdAt, .nextAttemptAt, .deliveredAt, .lastAttemptAt} AS o
             ORDER BY o.lastAttemptAt DESC, o.id LIMIT $first`,
    params: { first },
  });
  return rows.map((r) => r.o);
}

let timer: NodeJS.Timeout | undefined;
let running = false;

async function tick(): Promise<void> {
  if (running) return;
  running = true;
  try {
    while ((await deliverDue()) > 0);
  } catch (err) {
    // Not connected (a tool that only builds the schema) or Neo4j away: the next poll tries again.
    if (!(err instanceof Error && err.message.startsWith("database not connected"))) {
      console.warn("[datasets] webhook outbox:", err instanceof Error ? err.message : err);
    }
  } finally {
    running = false;
  }
}

/**
 * Starts polling the outbox every DRIFT_WEBHOOK_POLL_MS (default 1000) in this process; a no-op
 * when already started. The timer never keeps the process alive.
 */
export function startOutboxWorker(): void {
  if (timer) return;
  timer = setInterval(() => void tick(), env.DRIFT_WEBHOOK_POLL_MS).unref();
}

export function stopOutboxWorker(): void {
  clearInterval(timer);
  timer = undefined;
}

/** After a drift report committed: deliver its queued event now rather than at the next poll. */
export function notifyDrift(report: DriftReportRow): void {
  if (report.status !== "DRIFT") return;
  startOutboxWorker();
  void tick();
}
