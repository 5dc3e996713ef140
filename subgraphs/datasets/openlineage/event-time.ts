import type { Problem } from "./bounds.js";

/**
 * RFC 3339 date-time, read liberally: `t`/`z` in either case, a space for `T`, any number of
 * fractional digits (kept to milliseconds), an offset with or without its colon, or no offset.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|([+-])(\d{2}):?(\d{2}))?$/;

export type EventTime = { iso: string; warning?: Problem } | { problem: Problem };

/**
 * The instant an `eventTime` names, as a UTC ISO string with milliseconds. A time without an
 * offset (the OpenLineage Python client's tests send `2021-11-03T10:53:52.427343`) is read as
 * UTC and flagged. Refused: a leap second (`23:59:60`), which neither JavaScript's Date nor the
 * graph's timestamps can hold (send `23:59:59.999` or the next second instead), and anything
 * that names no instant at all.
 */
export function readEventTime(text: string, path = "/eventTime"): EventTime {
  const m = DATE_TIME.exec(text);
  const unreadable = { problem: { path, message: "must be a date-time such as 2026-03-01T06:00:00Z (RFC 3339)" } };
  if (!m) return unreadable;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (s === 60) return { problem: { path, message: "a leap second (23:59:60) cannot be stored: send 23:59:59.999 or the next second" } };
  const ms = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  const offset = m[9] ? (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, d);
  const valid = mo >= 1 && mo <= 12 && at.getUTCDate() === d && at.getUTCMonth() === mo - 1 && h <= 23 && mi <= 59 && s <= 59
    && (!m[9] || (Number(m[10]) <= 23 && Number(m[11]) <= 59));
  if (!valid) return unreadable;
  at.setUTCHours(h, mi, s, ms);
  at.setTime(at.getTime() - offset * 60_000);
  if (Number.isNaN(at.getTime())) return unreadable;
  const iso = at.toISOString();
  return m[8] ? { iso } : { iso, warning: { path, message: "has no UTC offset: read as UTC" } };
}
