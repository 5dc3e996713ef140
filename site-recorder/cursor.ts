import fs from "node:fs/promises";
import path from "node:path";
import { GENESIS } from "./chain.js";

/** How far the centre has acknowledged this site's log: the forwarder resumes after `seq`. */
export interface Cursor {
  seq: number;
  /** Hash of record `seq` (the next record must chain to it). */
  hash: string;
  /** The centre's receipt time of record `seq`, once known. */
  centralAt: string | null;
}

const FILE = "cursor.json";

export async function readCursor(dir: string): Promise<Cursor> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, FILE), "utf8")) as Cursor;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { seq: 0, hash: GENESIS, centralAt: null };
    throw new Error(`${path.join(dir, FILE)} is unreadable: ${(err as Error).message}`);
  }
}

/** Replaces the cursor atomically: a temporary file, fsync'd, renamed over the old one, the directory fsync'd. */
export async function writeCursor(dir: string, cursor: Cursor): Promise<void> {
  const tmp = path.join(dir, `${FILE}.tmp`);
  const fh = await fs.open(tmp, "w");
  try {
    await fh.writeFile(JSON.stringify(cursor));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, path.join(dir, FILE));
  const d = await fs.open(dir, "r");
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
