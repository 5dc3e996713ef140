import { HttpError } from "./body.js";
import type { Page } from "./marquez-read.js";

const bad = (message: string) => new HttpError(400, "BAD_USER_INPUT", message);

/** Most items one page of a Marquez list holds, and the deepest offset. */
export const MAX_LIMIT = 1000;
export const MAX_OFFSET = 100_000;

function int(url: URL, name: string, fallback: number, max: number): number {
  const text = url.searchParams.get(name);
  if (text === null || text === "") return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) throw bad(`${name}: must be an integer from 0 to ${max}`);
  return n;
}

/** Marquez's `limit` (default 100, or `fallback`) and `offset` (default 0). */
export const page = (url: URL, fallback = 100): Page => ({ limit: int(url, "limit", fallback, MAX_LIMIT), offset: int(url, "offset", 0, MAX_OFFSET) });

export const depth = (url: URL, fallback: number, max: number) => int(url, "depth", fallback, max);

/** A path segment, percent-decoded (Marquez clients encode `/` in names as %2F). */
export function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw bad(`"${raw.slice(0, 80)}" is not a valid percent-encoded path segment`);
  }
}

/** An ISO-8601 date-time query parameter, normalised to UTC (as events' eventTime is stored); `fallback` when absent. */
export function instant(url: URL, name: string, fallback: string): string {
  const text = url.searchParams.get(name);
  if (text === null || text === "") return fallback;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw bad(`${name}: must be an ISO-8601 date-time, e.g. 2026-03-01T00:00:00Z`);
  return new Date(t).toISOString();
}

/** One of `allowed` (case-insensitive), or `fallback` when absent. */
export function oneOf<T extends string>(url: URL, name: string, allowed: readonly T[], fallback: T | null): T | null {
  const text = url.searchParams.get(name);
  if (text === null || text === "") return fallback;
  const hit = allowed.find((a) => a.toLowerCase() === text.toLowerCase());
  if (!hit) throw bad(`${name}: must be one of ${allowed.join(", ")}`);
  return hit;
}

export const RUN_STATES = ["NEW", "RUNNING", "COMPLETED", "FAILED", "ABORTED"] as const;

/** `lastRunStates`, repeated or comma-separated; null when absent. */
export function runStates(url: URL): string[] | null {
  const given = url.searchParams.getAll("lastRunStates").flatMap((s) => s.split(",")).map((s) => s.trim().toUpperCase()).filter(Boolean);
  if (given.length === 0) return null;
  for (const s of given) if (!(RUN_STATES as readonly string[]).includes(s)) throw bad(`lastRunStates: "${s.slice(0, 40)}" is not one of ${RUN_STATES.join(", ")}`);
  return given;
}

/**
 * Marquez's search pattern (SQL ILIKE, matched anywhere in the name: `%` any run of characters,
 * `_` any one character) as a Java regex for Cypher's `=~`: case-insensitive, every other
 * character literal.
 */
export function likeRegex(q: string): string {
  const body = [...q].map((c) => (c === "%" ? ".*" : c === "_" ? "." : /[A-Za-z0-9]/.test(c) || c.codePointAt(0)! > 127 ? c : `\\${c}`)).join("");
  return `(?is).*${body}.*`;
}
