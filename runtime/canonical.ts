import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** A stable id for a natural key: `<prefix>_<24 hex of sha256>`. Same key, same id, on any node. */
export const stableId = (prefix: string, ...naturalKey: (string | number | null | undefined)[]): string =>
  `${prefix}_${sha256Hex(canonicalJson(naturalKey)).slice(0, 24)}`;
