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
  backoffMs: number;
  backoffMaxMs: number;
  retentionMs: number;
}

/** Full jitter (a random delay up to the exponential bound): many sites coming back at once spread out. */
export const backoff = (attempt: number, baseMs: number, maxMs: number): number => Math.random() * Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));

/** The records of one request: a run of one kind from the front of `items` (broken records go along, to be reported). */
function run(items: ReadItem[]): ReadItem[] {
  const kind = items.find((i) => i.entry && !i.problem)?.entry!.kind;
  const end = items.findIndex((i) => i.entry && !i.problem && i.entry.kind !== kind);
  return end < 0 ? items : items.slice(0, end);
}

/**
 * Store and forward: reads the log in sequence order after the cursor, sends each run of
 * records to the centre, reports their sequences and hashes (POST /sites/<id>/recorder, which
 * the centre uses for gaps and chain breaks), and only then moves the cursor, durably. A crash
 * anywhere resends from the cursor: the centre stores a record once (ids are fixed at the site).
 * A record failing the chain is never sent; its sequence is reported as broken.
 */
export class Forwarder {
  cursor: Cursor;
  /** Site time of the oldest record not yet acknowledged (ms), null when none. */
  oldestUnsentAt: number | null = null;
  private stopping = false;
  private wake: () => void = () => undefined;
  private loop: Promise<void> | null = null;
  private unsubscribe: () => void = () => undefined;

  constructor(private readonly o: ForwarderOptions) {
    this.cursor = o.cursor;
  }

  start() {
    this.unsubscribe = this.o.log.onAppend(() => this.wake());
    this.loop = this.runLoop();
  }

  /** Finishes the batch in flight (if any), then stops. */
  async stop() {
    this.stopping = true;
    this.wake();
    this.unsubscribe();
    await this.loop;
  }

  private pause(ms: number) {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(t), resolve());
    });
  }

  private async runLoop() {
    let attempt = 0;
    while (!this.stopping) {
      try {
        const items = await this.o.log.read(this.cursor.seq, this.cursor.hash, this.o.batchSize);
        this.oldestUnsentAt = items[0]?.entry ? Date.parse(items[0].entry.at) : null;
        if (items.length === 0) {
          await this.o.log.prune(this.cursor.seq, this.o.retentionMs);
          await this.pause(5000);
          continue;
        }
        await this.forward(run(items));
        attempt = 0;
      } catch (err) {
        forwardFailures.inc();
        const delay = backoff(attempt++, this.o.backoffMs, this.o.backoffMaxMs);
        logger.warn({ err: (err as Error).message, attempt, retryInMs: Math.round(delay) }, "forwarding failed; will retry");
        if (!(err instanceof Transient)) logger.error({ err }, "forwarding error");
        await this.pause(delay);
      }
    }
  }

  private async forward(items: ReadItem[]) {
    const broken = items.filter((i) => i.problem);
    for (const b of broken) logger.error({ seq: b.seq, problem: b.problem }, "site log record fails the hash chain: reported, not forwarded");
    const sound = items.filter((i) => !i.problem).map((i) => i.entry!) as Entry[];
    const verdicts: Verdicts = sound.length ? await deliver(this.o.upstream, this.o.key, sound) : new Map();
    const records = items.map((i) => {
      const v = verdicts.get(i.seq);
      const status = i.problem ? "broken" : v?.stored ? "stored" : "rejected";
      const body = i.entry?.body as { id?: unknown } | undefined;
      return {
        seq: i.seq,
        kind: i.entry?.kind ?? null,
        id: i.entry?.kind === "decision" && typeof body?.id === "string" ? body.id : null,
        at: i.entry?.at ?? null,
        prev: i.entry?.prev ?? null,
        hash: i.entry?.hash ?? null,
        status,
        ...(i.problem ? { problem: i.problem } : v?.reason ? { problem: v.reason } : {}),
      };
    });
    for (const r of records) if (r.status === "rejected") logger.error({ seq: r.seq, reason: r.problem }, "the centre refused a site record; it stays in the site log");
    const last = items.at(-1)!;
    // Records already timed but still being written count as backlog: with backlog 0, every record
    // timed before sentAt is in this or an earlier report (the centre's reportedThrough).
    const report = { backlog: this.o.log.lastSeq + this.o.log.flushingCount - last.seq, sentAt: new Date().toISOString(), records };
    const { json } = await post(this.o.upstream, this.o.key, `/sites/${encodeURIComponent(this.o.siteId)}/recorder`, JSON.stringify(report), "application/json");
    this.cursor = { seq: last.seq, hash: last.entry?.hash ?? "unreadable", centralAt: typeof json?.receivedAt === "string" ? json.receivedAt : null };
    await writeCursor(this.o.dir, this.cursor);
    for (const r of records) forwarded.inc({ outcome: r.status });
    if (broken.length) chainBreaks.inc(broken.length);
  }
}
