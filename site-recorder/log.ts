import fs from "node:fs/promises";
import path from "node:path";
import { chainProblem, entryLine, GENESIS, hashOf, parseEntry, type Entry, type RecordKind } from "./chain.js";
import { segmentName, SegmentReader, type ReadItem } from "./segment-reader.js";

/** An append refused because it could take the log over its disk quota (answered 507). */
export class QuotaExceeded extends Error {}

const SEGMENT_RE = /^seg-(\d{12})\.log$/;
/** Upper bound of an entry's bytes beyond its body (sequence, time, two hashes, field names). */
const ENTRY_OVERHEAD = 260;

interface Waiting {
  items: { kind: RecordKind; body: unknown }[];
  bytes: number;
  resolve(entries: Entry[]): void;
  reject(err: unknown): void;
}

export interface LogOptions {
  /** Disk quota: appends that would take the log over it are refused (QuotaExceeded). */
  maxBytes: number;
  /** A new segment starts once the active one is this large. */
  segmentBytes?: number;
}

async function syncDir(dir: string) {
  const fh = await fs.open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * The site's durable log: append-only segment files (`seg-<first sequence>.log`, one JSON entry
 * per line) in one directory. Appends are group-committed: every append waiting while a write
 * is on disk goes into the next single write + fdatasync, and an append resolves only after its
 * fdatasync returned. Nothing is rewritten in place; acknowledged segments are deleted whole.
 */
export class SiteLog {
  lastSeq = 0;
  lastHash = GENESIS;
  /** Bytes of all segments on disk (durable). */
  bytes = 0;
  /** Records appended since open (durable), and group commits done: the ratio is the group size. */
  commits = 0;
  private waiting: Waiting[] = [];
  private waitingBytes = 0;
  private flushing: Promise<void> | null = null;
  /** Records timed and being written now (not yet in lastSeq): a report's backlog counts them. */
  flushingCount = 0;
  private fh!: fs.FileHandle;
  private activeSize = 0;
  private segments: number[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly reader: SegmentReader;

  private constructor(readonly dir: string, private readonly opts: Required<LogOptions>) {
    this.reader = new SegmentReader(dir, () => this.segments, () => ({ first: this.segments.at(-1)!, size: this.activeSize }));
  }

  static async open(dir: string, opts: LogOptions): Promise<SiteLog> {
    const log = new SiteLog(dir, { segmentBytes: 8 * 1024 * 1024, ...opts });
    await fs.mkdir(dir, { recursive: true });
    await log.recover();
    return log;
  }

  /** Finds the segments, cuts a torn last line (never acknowledged), and takes the last sequence and hash. */
  private async recover() {
    this.segments = (await fs.readdir(this.dir)).map((f) => SEGMENT_RE.exec(f)?.[1]).filter((m): m is string => !!m).map(Number).sort((a, b) => a - b);
    if (this.segments.length === 0) {
      await this.openSegment(1);
      return;
    }
    for (const first of this.segments) this.bytes += (await fs.stat(this.file(first))).size;
    const first = this.segments.at(-1)!;
    let text = await fs.readFile(this.file(first));
    const end = text.lastIndexOf(0x0a) + 1;
    if (end < text.length) {
      await fs.truncate(this.file(first), end);
      this.bytes -= text.length - end;
      text = text.subarray(0, end);
    }
    const lines = text.toString("utf8").split("\n").slice(0, -1);
    if (lines.length > 0) {
      this.lastSeq = first + lines.length - 1;
      this.lastHash = parseEntry(lines.at(-1)!)?.hash ?? "unreadable";
    } else if (this.segments.length > 1) {
      const before = this.segments.at(-2)!;
      const prev = (await fs.readFile(this.file(before), "utf8")).split("\n").slice(0, -1);
      this.lastSeq = first - 1;
      this.lastHash = parseEntry(prev.at(-1) ?? "")?.hash ?? "unreadable";
    } else {
      this.lastSeq = first - 1;
    }
    this.fh = await fs.open(this.file(first), "r+");
    this.activeSize = text.length;
  }

  private file = (first: number) => path.join(this.dir, segmentName(first));

  private async openSegment(first: number) {
    await this.fh?.close();
    this.fh = await fs.open(this.file(first), "wx+");
    await syncDir(this.dir);
    this.segments.push(first);
    this.activeSize = 0;
  }

  /** Bytes the log holds or has been promised: what the quota is checked against. */
  get usedBytes() {
    return this.bytes + this.waitingBytes;
  }

  /**
   * Appends records in order and resolves, with their entries, once they are on disk. Refused
   * at once (QuotaExceeded) when they could take the log over its quota; rejected when the
   * write or fdatasync fails (then none of them is in the log).
   */
  append(items: { kind: RecordKind; body: unknown }[]): Promise<Entry[]> {
    const bytes = items.reduce((n, it) => n + Buffer.byteLength(JSON.stringify(it.body) ?? "null") + ENTRY_OVERHEAD, 0);
    if (this.usedBytes + bytes > this.opts.maxBytes) return Promise.reject(new QuotaExceeded(`the site's disk quota (${this.opts.maxBytes} bytes) is full`));
    this.waitingBytes += bytes;
    return new Promise<Entry[]>((resolve, reject) => {
      this.waiting.push({ items, bytes, resolve, reject });
      this.kick();
    });
  }

  /**
   * Starts a flush unless one runs. When it ends, records that arrived after its last check (a
   * caller resumed by the flush's last answer may append before the flush is marked done) get
   * their own: no append waits for the next one to be written.
   */
  private kick() {
    if (this.flushing || this.waiting.length === 0) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = null;
      this.kick();
    });
  }

  private async flush() {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0);
      const at = new Date().toISOString();
      let seq = this.lastSeq;
      let prev = this.lastHash;
      const out = group.map((w) =>
        w.items.map((it) => {
          const e = { seq: ++seq, kind: it.kind, at, prev, body: it.body };
          prev = hashOf(e);
          return { ...e, hash: prev };
        }),
      );
      this.flushingCount = seq - this.lastSeq;
      const buf = Buffer.from(out.flat().map(entryLine).join(""));
      const promised = group.reduce((n, w) => n + w.bytes, 0);
      try {
        if (this.activeSize > 0 && this.activeSize + buf.length > this.opts.segmentBytes) await this.openSegment(this.lastSeq + 1);
        await this.fh.write(buf, 0, buf.length, this.activeSize);
        await this.fh.datasync();
      } catch (err) {
        await this.fh.truncate(this.activeSize).catch(() => undefined);
        this.flushingCount = 0;
        this.waitingBytes -= promised;
        for (const w of group) w.reject(err);
        continue;
      }
      this.activeSize += buf.length;
      this.bytes += buf.length;
      this.waitingBytes -= promised;
      this.lastSeq = seq;
      this.flushingCount = 0;
      this.lastHash = prev;
      this.commits++;
      group.forEach((w, i) => w.resolve(out[i]));
      for (const l of this.listeners) l();
    }
  }

  /** Calls `fn` after each durable append (the forwarder wakes on it). */
  onAppend(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Up to `max` durable entries after `afterSeq`, each checked against the chain
   * (chainProblem): a record with a problem comes back with it, so that the caller reports
   * it and does not forward it as if it were sound. `prevHash` is the hash of `afterSeq`.
   */
  async read(afterSeq: number, prevHash: string, max: number): Promise<ReadItem[]> {
    const items = await this.reader.read(afterSeq, max, this.lastSeq);
    let prev = prevHash;
    for (const it of items) {
      if (it.entry) it.problem ??= chainProblem(it.entry, it.seq, prev);
      prev = it.entry?.hash ?? "unreadable";
    }
    return items;
  }

  /**
   * Deletes whole segments every record of which the centre acknowledged (sequence up to
   * `ackedSeq`) and that are older than `retainMs`; the active segment stays. Returns bytes freed.
   */
  async prune(ackedSeq: number, retainMs: number): Promise<number> {
    let freed = 0;
    while (this.segments.length > 1 && this.segments[1] - 1 <= ackedSeq) {
      const f = this.file(this.segments[0]);
      const st = await fs.stat(f);
      if (Date.now() - st.mtimeMs < retainMs) break;
      await fs.unlink(f);
      this.segments.shift();
      this.bytes -= st.size;
      freed += st.size;
    }
    if (freed) await syncDir(this.dir);
    return freed;
  }

  /** Waits for appends in progress, then closes the active segment. */
  async close() {
    while (this.flushing) await this.flushing;
    await this.fh.close();
  }
}
