import { logger } from "../runtime/log.js";
import type { ClientKey } from "./assertion.js";
import type { Entry } from "./chain.js";
import { writeCursor, type Cursor } from "./cursor.js";
import type { SiteLog } from "./log.js";
import { chainBreaks, forwarded, forwardFailures } from "./metrics.js";
import type { ReadItem } from "./segment-reader.js";
import { deliver, post, Transient, type Verdicts } from "./upstream.js";

export interface ForwarderOptions {
  log: SiteLog;
  dir: string;
  cursor: Cursor;
  upstream: string;
  siteId: string;
  key: ClientKey;
  batchSize: number;
  /** Records sent before their report goes (RECORDER_REPORT_RECORDS): one report covers several batches. */
  reportRecords: number;
  backoffMs: number;
  backoffMaxMs: number;
  retentionMs: number;
  /** With nothing to send, a report of the recorder's state this often (RECORDER_HEARTBEAT_S); 0: never. */
  heartbeatMs: number;
}

/** Full jitter (a random delay up to the exponential bound): many sites coming back at once spread out. */
export const backoff = (attempt: number, baseMs: number, maxMs: number): number => Math.random() * Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));

/** The records of one request: a run of one kind from the front of `items` (broken records go along, to be reported). */
function run(items: ReadItem[]): ReadItem[] {
  const kind = items.find((i) => i.entry && !i.problem)?.entry!.kind;
  const end = items.findIndex((i) => i.entry && !i.problem && i.entry.kind !== kind);
  return end < 0 ? items : items.slice(0, end);
}

/** A batch the centre has stored, whose report is on its way: the error it failed with, or null. */
type Reporting = Promise<Error | null>;

/** What became of a record: stored by the centre, refused for its content, or not sent (it fails the site's chain). */
type Outcome = "stored" | "rejected" | "broken";

/**
 * A report in the centre's columnar format (docs/sites.md): the first sequence and its link, each
 * record's hash and site time, and only the exceptions by sequence. The links inside the range
 * need no sending: the site's chain check makes any record that does not chain to the one before
 * it a broken one.
 */
export function columns(items: ReadItem[], outcomes: Outcome[]) {
  const exceptions = (o: Outcome) => items.filter((_, i) => outcomes[i] === o).map((i) => i.seq);
  return {
    from: items[0].seq,
    prev: items[0].entry?.prev ?? null,
    hashes: items.map((i) => i.entry?.hash ?? null),
    ats: items.map((i) => i.entry?.at ?? null),
    broken: exceptions("broken"),
    rejected: exceptions("rejected"),
  };
}

/** Batches the centre has stored whose report has not left yet (contiguous sequences). */
interface Unreported {
  items: ReadItem[];
  outcomes: Outcome[];
  /** When the first of them was stored (ms). */
  since: number;
}

/** Most records one report names (the centre's limit, subgraphs/gpu/recorder/report.ts MAX_REPORT_RECORDS). */
const MAX_REPORT_RECORDS = 10_000;
/** A report leaves at the latest this long after the first batch it covers was stored, so the centre's view lags by seconds under a steady stream. */
const REPORT_MAX_AGE_MS = 5_000;

const siteTime = (items: ReadItem[] | undefined): number | null => (items?.[0]?.entry ? Date.parse(items[0].entry.at) : null);

/**
 * Store and forward: reads the log in sequence order after the cursor, sends each run of
 * records to the centre, reports their sequences and hashes (POST /sites/<id>/recorder, which
 * the centre uses for gaps and chain breaks), and only then moves the cursor, durably. A crash
 * anywhere resends from the cursor: the centre stores a record once (ids are fixed at the site).
 * A record failing the chain is never sent; its sequence is reported as broken.
 *
 * One report covers the batches stored since the last one: it leaves once they hold
 * `reportRecords` records (or the next batch would take it past the centre's 10,000), 5 s after
 * the first of them was stored, or when the log is drained. Each report is an audited write at
 * the centre; per batch it cost as much as the ingest (docs/performance.md, site recorder).
 * Pipelined: a report travels while the next batch is being ingested, and the batch after it is
 * read from the log (and chain-checked) while one is being ingested. Ingests stay one at a time
 * in sequence order, reports too (a report leaves only once the one before was answered, so the
 * centre always judges its first link against the range before it), and the cursor still moves
 * only after a report's answer: a crash resends what was stored but not reported (the centre
 * stores a record once). A failure anywhere waits for the report in flight, then starts again
 * from the cursor.
 *
 * With nothing to send, a heartbeat (a report without records: last sequence, backlog, site
 * clock) every `heartbeatMs`, so the centre tells a quiet site from a silent one.
 */
export class Forwarder {
  cursor: Cursor;
  /** Site time of the oldest record not yet acknowledged (ms), null when none. */
  oldestUnsentAt: number | null = null;
  private stopping = false;
  private wake: () => void = () => undefined;
  private loop: Promise<void> | null = null;
  private unsubscribe: () => void = () => undefined;
  /** When the centre last answered a report or heartbeat (ms); 0: not since start. */
  private lastReportAt = 0;
  /** A record was appended since the last read began: the idle wait must not start (its wake-up came before it). */
  private appended = false;

  constructor(private readonly o: ForwarderOptions) {
    this.cursor = o.cursor;
  }

  start() {
    this.unsubscribe = this.o.log.onAppend(() => ((this.appended = true), this.wake()));
    this.loop = this.runLoop();
  }

  /** Finishes the batch in flight (if any), then stops. */
  async stop() {
    this.stopping = true;
    this.wake();
    this.unsubscribe();
    await this.loop;
  }

  /** Waits `ms`, or until a record is appended or the forwarder stops; `idle`: not at all when a record came since the last read. */
  private pause(ms: number, idle = false) {
    return new Promise<void>((resolve) => {
      if (this.stopping || (idle && this.appended)) return resolve();
      const t = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(t), resolve());
    });
  }

  private async runLoop() {
    let attempt = 0;
    // Read position: after the last batch sent, else the cursor.
    let ahead = { seq: this.cursor.seq, hash: this.cursor.hash };
    let reporting: Reporting | null = null;
    let reportingFirstAt: number | null = null;
    let unreported: Unreported | null = null;
    // The next batch, read while the one before is being ingested (one read at a time, as the
    // log's reader keeps its place); dropped after a failure, which reads again from the cursor.
    let prefetch: { after: number; items: Promise<ReadItem[]> } | null = null;
    const readFrom = (from: { seq: number; hash: string }) => {
      this.appended = false;
      return this.o.log.read(from.seq, from.hash, this.o.batchSize);
    };
    const drop = async () => {
      const p = prefetch;
      prefetch = null;
      await p?.items.catch(() => undefined);
    };
    // The prefetched batch when it follows `ahead` and holds records (topped up with records
    // appended since it was read); else a fresh read, so that a record appended after an empty
    // prefetch is found now, not after the idle wait.
    const next = async (): Promise<ReadItem[]> => {
      const p = prefetch;
      prefetch = null;
      const items = p?.after === ahead.seq ? await p.items : (await p?.items.catch(() => undefined), null);
      if (!items?.length) return readFrom(ahead);
      if (items.length >= this.o.batchSize || !this.appended) return items;
      const end = items.at(-1)!;
      this.appended = false;
      return [...items, ...(await this.o.log.read(end.seq, end.entry?.hash ?? "unreadable", this.o.batchSize - items.length))];
    };
    const settle = async () => {
      const err = reporting ? await reporting : null;
      reporting = null;
      reportingFirstAt = null;
      if (err) throw err;
    };
    // The stored batches' report leaves once the one before it was answered.
    const flush = async () => {
      if (!unreported) return;
      await settle();
      const { items, outcomes } = unreported;
      unreported = null;
      reporting = this.report(items, outcomes).then(() => null, (err: Error) => err);
      reportingFirstAt = siteTime(items);
    };
    while (!this.stopping) {
      try {
        const items = await next();
        this.oldestUnsentAt = reportingFirstAt ?? siteTime(unreported?.items) ?? siteTime(items);
        if (items.length === 0) {
          await flush();
          await settle();
          this.oldestUnsentAt = null;
          await this.o.log.prune(this.cursor.seq, this.o.retentionMs);
          await this.idle();
          continue;
        }
        const batch = run(items);
        const last = batch.at(-1)!;
        const following = { seq: last.seq, hash: last.entry?.hash ?? "unreadable" };
        prefetch = { after: following.seq, items: readFrom(following) };
        prefetch.items.catch(() => undefined); // its failure is met when it is taken
        const outcomes = await this.send(batch);
        unreported = unreported
          ? { items: [...unreported.items, ...batch], outcomes: [...unreported.outcomes, ...outcomes], since: unreported.since }
          : { items: batch, outcomes, since: Date.now() };
        ahead = following;
        attempt = 0;
        const n = unreported.items.length;
        if (n >= this.o.reportRecords || n + this.o.batchSize > MAX_REPORT_RECORDS || Date.now() - unreported.since >= REPORT_MAX_AGE_MS) await flush();
      } catch (err) {
        await drop();
        await settle().catch(() => undefined);
        unreported = null;
        ahead = { seq: this.cursor.seq, hash: this.cursor.hash };
        forwardFailures.inc();
        const delay = backoff(attempt++, this.o.backoffMs, this.o.backoffMaxMs);
        logger.warn({ err: (err as Error).message, attempt, retryInMs: Math.round(delay) }, "forwarding failed; will retry");
        if (!(err instanceof Transient)) logger.error({ err }, "forwarding error");
        await this.pause(delay);
      }
    }
    // Stopping: what was stored is reported, and the report in flight finishes (or its records are sent again after restart).
    await drop();
    await flush()
      .then(settle)
      .catch((err) => logger.warn({ err: (err as Error).message }, "the last report failed; its records are sent again after restart"));
  }

  /** Nothing to send: a heartbeat when one is due, then wait for a new record or the next heartbeat. */
  private async idle() {
    const hb = this.o.heartbeatMs;
    if (hb > 0 && Date.now() - this.lastReportAt >= hb) await this.heartbeat();
    await this.pause(hb > 0 ? Math.max(0, Math.min(5000, this.lastReportAt + hb - Date.now())) : 5000, true);
  }

  /** A report without records: the last sequence the centre acknowledged and what is left (backlog 0 when idle, with the site's clock). */
  private async heartbeat() {
    const backlog = this.o.log.lastSeq + this.o.log.flushingCount - this.cursor.seq;
    const body = { records: [], lastSequence: this.cursor.seq, backlog, sentAt: new Date().toISOString() };
    await post(this.o.upstream, this.o.key, `/sites/${encodeURIComponent(this.o.siteId)}/recorder`, JSON.stringify(body), "application/json");
    this.lastReportAt = Date.now();
  }

  /** Sends a batch's sound records to the centre; what to report of each record. */
  private async send(items: ReadItem[]): Promise<Outcome[]> {
    const broken = items.filter((i) => i.problem);
    for (const b of broken) logger.error({ seq: b.seq, problem: b.problem }, "site log record fails the hash chain: reported, not forwarded");
    const sound = items.filter((i) => !i.problem).map((i) => i.entry!) as Entry[];
    const verdicts: Verdicts = sound.length ? await deliver(this.o.upstream, this.o.key, sound) : new Map();
    return items.map((i) => {
      if (i.problem) return "broken";
      const v = verdicts.get(i.seq);
      if (v?.stored) return "stored";
      logger.error({ seq: i.seq, reason: v?.reason }, "the centre refused a site record; it stays in the site log");
      return "rejected";
    });
  }

  /** Reports the batches the centre stored (columnar: sequences, hashes, site times, exceptions; backlog, site clock), then moves the cursor durably. */
  private async report(items: ReadItem[], outcomes: Outcome[]) {
    const last = items.at(-1)!;
    // Records already timed but still being written count as backlog: with backlog 0, every record
    // timed before sentAt is in this or an earlier report (the centre's reportedThrough).
    const body = { ...columns(items, outcomes), backlog: this.o.log.lastSeq + this.o.log.flushingCount - last.seq, sentAt: new Date().toISOString() };
    const { json } = await post(this.o.upstream, this.o.key, `/sites/${encodeURIComponent(this.o.siteId)}/recorder`, JSON.stringify(body), "application/json");
    this.cursor = { seq: last.seq, hash: last.entry?.hash ?? "unreadable", centralAt: typeof json?.receivedAt === "string" ? json.receivedAt : null };
    this.lastReportAt = Date.now();
    await writeCursor(this.o.dir, this.cursor);
    for (const o of outcomes) forwarded.inc({ outcome: o });
    if (body.broken.length) chainBreaks.inc(body.broken.length);
  }
}
