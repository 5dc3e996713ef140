import fsp from "node:fs/promises";
import path from "node:path";

/**
 * Makes a data directory private to this user: directories 0700, files 0600 (the store,
 * transaction logs, debug.log and the password file hold the whole graph and its secrets).
 * Run at start, so a store created by an older version is locked down too.
 */
export async function lockDown(dir: string): Promise<void> {
  await fsp.chmod(dir, 0o700);
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await lockDown(p);
    else if (entry.isFile()) await fsp.chmod(p, 0o600);
  }
}

/**
 * The command that runs `bin args` with umask 077, so every file the JVM creates later (new
 * log segments, rotated debug.log) is private as well. Node cannot set a child's umask itself.
 */
export function privately(bin: string, args: string[]): [string, string[]] {
  return ["/bin/sh", ["-c", 'umask 077 && exec "$0" "$@"', bin, ...args]];
}
