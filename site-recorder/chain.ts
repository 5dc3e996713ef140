import { canonicalJson, sha256Hex } from "../runtime/canonical.js";

/** What a site records: a decision (as POST /ingest/decisions takes it) or an OpenLineage event. */
export type RecordKind = "decision" | "openlineage";

/** One record of a site's log: its sequence, the site's wall-clock time, and the hash chain. */
export interface Entry {
  seq: number;
  kind: RecordKind;
  /** The site's clock when the record was made durable (ISO 8601). */
  at: string;
  /** Hash of the previous record (GENESIS before sequence 1). */
  prev: string;
  hash: string;
  body: unknown;
}

/** The `prev` of sequence 1. */
export const GENESIS = "0".repeat(64);

/** sha256 over the canonical JSON of everything but the hash itself: editing any field changes it. */
export const hashOf = (e: Omit<Entry, "hash">): string => sha256Hex(canonicalJson([e.seq, e.kind, e.at, e.prev, e.body]));

export const entryLine = (e: Entry): string => JSON.stringify({ seq: e.seq, kind: e.kind, at: e.at, prev: e.prev, hash: e.hash, body: e.body }) + "\n";

/** A line of the log as an entry, or null when it is not one (not JSON, fields missing). */
export function parseEntry(line: string): Entry | null {
  let e: Partial<Entry>;
  try {
    e = JSON.parse(line);
  } catch {
    return null;
  }
  const ok =
    !!e && typeof e === "object" && Number.isInteger(e.seq) && (e.kind === "decision" || e.kind === "openlineage") &&
    typeof e.at === "string" && typeof e.prev === "string" && typeof e.hash === "string" && "body" in e;
  return ok ? (e as Entry) : null;
}

/**
 * What is wrong with `e` as the record after (`seq`, `prevHash`): null when it chains. A record
 * whose content was edited fails its own hash; one whose hash was recomputed breaks the link
 * to the next record, so the first changed sequence is always named.
 */
export function chainProblem(e: Entry, seq: number, prevHash: string): string | null {
  if (e.seq !== seq) return `sequence ${e.seq} found where ${seq} was expected`;
  if (e.hash !== hashOf(e)) return `sequence ${seq}: content does not match its hash`;
  if (e.prev !== prevHash) return `sequence ${seq}: does not chain to sequence ${seq - 1}`;
  return null;
}
