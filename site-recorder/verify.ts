import fs from "node:fs/promises";
import path from "node:path";
import { chainProblem, GENESIS, parseEntry } from "./chain.js";
import { readCursor } from "./cursor.js";

export interface Verdict {
  /** First and last sequence the log holds (acknowledged segments may have been pruned before). */
  firstSeq: number | null;
  lastSeq: number | null;
  records: number;
  /** Every record that fails the chain, by sequence, with why. */
  problems: { seq: number; problem: string }[];
  /** Bytes after the last complete line (a write cut by a crash; never acknowledged). */
  tornBytes: number;
  acknowledgedSeq: number;
}

/**
 * Checks a site's log offline, reading only: every record's hash, every link to the previous
 * record, sequences without holes across segments. The first record of the oldest segment is
 * taken on trust when earlier segments were pruned (its `prev` cannot be checked).
 */
export async function verifyLog(dir: string): Promise<Verdict> {
  const files = (await fs.readdir(dir)).filter((f) => /^seg-\d{12}\.log$/.test(f)).sort();
  const out: Verdict = { firstSeq: null, lastSeq: null, records: 0, problems: [], tornBytes: 0, acknowledgedSeq: (await readCursor(dir)).seq };
  let prev: string | null = null;
  let seq = 0;
  for (const [i, f] of files.entries()) {
    const first = Number(f.slice(4, 16));
    if (i > 0 && first !== seq + 1) out.problems.push({ seq: seq + 1, problem: `sequences ${seq + 1}-${first - 1} are missing (segment ${f} starts at ${first})` });
    const text = await fs.readFile(path.join(dir, f), "utf8");
    const lines = text.split("\n");
    const tail = lines.pop()!;
    if (i === files.length - 1) out.tornBytes = Buffer.byteLength(tail);
    else if (tail) out.problems.push({ seq: first + lines.length, problem: `segment ${f} ends inside a record` });
    seq = first - 1;
    for (const line of lines) {
      seq++;
      const e = parseEntry(line);
      const problem = e ? chainProblem(e, seq, prev ?? (seq === 1 ? GENESIS : e.prev)) : `sequence ${seq}: the stored line is not a record`;
      if (problem) out.problems.push({ seq, problem });
      prev = e?.hash ?? "unreadable";
      out.firstSeq ??= seq;
      out.lastSeq = seq;
      out.records++;
    }
  }
  return out;
}
