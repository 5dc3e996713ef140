import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../runtime/db.js";
import type { DriftReportRow } from "../subgraphs/datasets/drift/report.js";
import { DriftStatus } from "../subgraphs/datasets/drift/types.js";
import { deadLetters, deliverDue, enqueueDriftEvent, stopOutboxWorker } from "../subgraphs/datasets/webhook/outbox.js";
import { connectTestDb, cypher, disconnect } from "./support/db.js";
import { uniq } from "./support/uniq.js";

// A receiver answering `answer`; it records every request's event id and body.
let answer = 200;
const received: { eventId: string; attempt: string; body: string }[] = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    received.push({ eventId: String(req.headers["x-drift-event-id"]), attempt: String(req.headers["x-drift-attempt"]), body: Buffer.concat(chunks).toString() });
    res.writeHead(answer).end();
  });
});

beforeAll(async () => {
  connectTestDb();
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  process.env.DRIFT_WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/drift`;
  process.env.DRIFT_WEBHOOK_MAX_ATTEMPTS = "2";
  process.env.DRIFT_WEBHOOK_BACKOFF_MS = "0";
});
afterAll(async () => {
  stopOutboxWorker();
  delete process.env.DRIFT_WEBHOOK_URL;
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await disconnect();
});

const report = (): DriftReportRow => ({
  id: uniq("drift"), status: DriftStatus.DRIFT, features: [], windowStart: "2026-01-01T00:00:00.000Z", windowEnd: "2026-01-01T01:00:00.000Z",
  unmeasuredFeatures: [], referenceProfileId: "fp_x", submittedBy: "test", createdAt: "2026-01-01T01:00:00.000Z",
  deploymentId: "dep_x", modelVersionId: "mv_x", referenceDatasetVersionId: "dv_x",
});
/** Queues an event as the report's transaction does; nothing is kept in this process's memory. */
const enqueue = async (r: DriftReportRow) => write({ op: "test enqueue" }, (tx) => enqueueDriftEvent(tx, r));
/** Passes until nothing is due (other tests' leftovers included). */
const drain = async () => {
  let n = 0;
  for (let k; (k = await deliverDue()) > 0; ) n += k;
  return n;
};
const outbox = async (reportId: string) => (await cypher<{ o: Record<string, any> }>("MATCH (o:WebhookOutbox {reportId: $reportId}) RETURN o {.*} AS o", { reportId }))[0]?.o;

describe("drift webhook outbox in Neo4j", () => {
  it("a queued event survives the process that queued it, is delivered once by the next pass, with a stable event id", async () => {
    answer = 200;
    const r = report();
    await enqueue(r);
    await enqueue(r); // the report's transaction retried: still one event
    const queued = await outbox(r.id);
    expect(queued).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(queued.jws.split(".")).toHaveLength(3);

    const before = received.length;
    // What a freshly started datasets service does first: deliver whatever is due.
    expect(await drain()).toBeGreaterThanOrEqual(1);
    const mine = received.slice(before).filter((x) => x.eventId === queued.id);
    expect(mine).toEqual([{ eventId: queued.id, attempt: "1", body: queued.jws }]);
    expect(await outbox(r.id)).toMatchObject({ status: "DELIVERED", attempts: 1, failedAttempts: 0 });
    await drain();
    expect(received.filter((x) => x.eventId === queued.id)).toHaveLength(1);
  });

  it("re-sends an event whose sender died mid-attempt (lease ran out): at least once, same id and bytes", async () => {
    answer = 200;
    const r = report();
    await enqueue(r);
    // A sender claimed it and died before recording the outcome.
    await cypher("MATCH (o:WebhookOutbox {reportId: $id}) SET o.leaseUntil = '2000-01-01T00:00:00.000Z'", { id: r.id });
    await drain();
    const o = await outbox(r.id);
    expect(o.status).toBe("DELIVERED");
    expect(received.filter((x) => x.eventId === o.id).map((x) => x.body)).toEqual([o.jws]);
  });

  it("turns an event into a dead letter after the last attempt, listed with its last error", async () => {
    answer = 503;
    const r = report();
    await enqueue(r);
    // Backoff 0: the retry is due at once, so one drain makes both attempts.
    await drain();
    const o = await outbox(r.id);
    expect(o).toMatchObject({ status: "DEAD", attempts: 2, failedAttempts: 2, lastError: "HTTP 503" });
    expect(o.nextAttemptAt ?? null).toBeNull();
    await drain();
    expect(received.filter((x) => x.eventId === o.id).map((x) => x.attempt)).toEqual(["1", "2"]);
    const dead = await deadLetters(500);
    expect(dead.find((d) => d.reportId === r.id)).toMatchObject({ id: o.id, attempts: 2, lastHttpStatus: 503, lastError: "HTTP 503" });
    answer = 200;
  });
});
