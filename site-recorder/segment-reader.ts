import fs from "node:fs/promises";
import path from "node:path";
import { parseEntry, type Entry } from "./chain.js";

/** One record read back: its sequence (by position), the entry when the line parses, and what is wrong with it. */
export interface ReadItem {
  seq: number;
  entry: Entry | null;
  problem: string | null;
}

const CHUNK = 1024 * 1024;
export const segmentName = (first: number) => `seg-${String(first).padStart(12, "0")}.log`;

/**
 * Reads a log's segments forward by sequence (the i-th line of `seg-<first>.log` is sequence
 * first + i). It remembers where it stopped, so the forwarder's next read continues from that
 * byte instead of scanning the segment again. Only durable bytes are read.
 */
export class SegmentReader {
  private at: { seq: number; first: number; offset: number } | null = null;

  constructor(
    private readonly dir: string,
    private readonly segments: () => number[],
    private readonly active: () => { first: number; size: number },
  ) {}

  async read(afterSeq: number, max: number, lastSeq: number): Promise<ReadItem[]> {
    const out: ReadItem[] = [];
    let seq = afterSeq + 1;
    if (this.at?.seq !== seq) this.at = await this.locate(seq);
    if (!this.at) return out;
    let { first, offset } = this.at;
    while (out.length < max && seq <= lastSeq) {
      const active = this.active();
      const file = path.join(this.dir, segmentName(first));
      const end = first === active.first ? active.size : (await fs.stat(file)).size;
      if (offset >= end) {
        const next = this.segments().find((s) => s > first);
        if (next === undefined) break;
        if (next !== seq) out.push(...missing(seq, next - 1, first));
        seq = next;
        first = next;
        offset = 0;
        continue;
      }
      const fh = await fs.open(file, "r");
      try {
        let size = CHUNK;
        for (;;) {
          const buf = Buffer.alloc(Math.min(size, end - offset));
          const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
          const text = buf.subarray(0, bytesRead);
          const last = text.lastIndexOf(0x0a);
          if (last < 0) {
            if (offset + bytesRead >= end) throw new Error(`${file}: no line end before byte ${end}`);
            size *= 2; // a record longer than the chunk
            continue;
          }
          let start = 0;
          while (start <= last && out.length < max && seq <= lastSeq) {
            const nl = text.indexOf(0x0a, start);
            const entry = parseEntry(text.subarray(start, nl).toString("utf8"));
            out.push({ seq, entry, problem: entry ? null : `sequence ${seq}: the stored line is not a record` });
            seq++;
            start = nl + 1;
          }
          offset += start;
          break;
        }
      } finally {
        await fh.close();
      }
    }
    this.at = { seq, first, offset };
    return out;
  }

  /** Where sequence `seq` starts: its segment and byte offset (null when no segment holds it). */
  private async locate(seq: number): Promise<{ seq: number; first: number; offset: number } | null> {
    const first = this.segments().filter((s) => s <= seq).at(-1);
    if (first === undefined) return null;
    const text = await fs.readFile(path.join(this.dir, segmentName(first)));
    let offset = 0;
    for (let s = first; s < seq; s++) {
      const nl = text.indexOf(0x0a, offset);
      if (nl < 0) return null;
      offset = nl + 1;
    }
    return { seq, first, offset };
  }
}

/** Sequences a deleted or emptied segment should have held: reported, never skipped silently. */
function missing(from: number, to: number, first: number): ReadItem[] {
  const out: ReadItem[] = [];
  for (let s = from; s <= to && out.length < 10_000; s++) out.push({ seq: s, entry: null, problem: `sequence ${s}: missing from the log (segment ${first} ends early)` });
  return out;
}
