import { badInput } from "../../../runtime/errors.js";

/** Longest search text, in characters, and most words in it. */
export const MAX_SEARCH_TEXT = 200;
export const MAX_SEARCH_WORDS = 10;

/**
 * The kinds search finds (the labels in the full-text index, migration 0040), named as
 * LineageNode.kind names them. Job and Run are OpenLineage nodes.
 */
export const SEARCH_KINDS = ["AISystem", "Model", "ModelVersion", "Dataset", "DatasetVersion", "Site", "GpuCluster", "Job", "Run"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

// Every character the classic Lucene query parser gives a meaning to (and whitespace).
const SPECIAL = /[\\+\-!():^[\]"{}~*?|&/\s]/g;
const escape = (word: string) => word.replace(SPECIAL, (c) => `\\${c}`);

/**
 * Turns what a person typed into a Lucene query that cannot fail to parse: each word is
 * lowercased (so AND / OR / NOT are words, not operators), every special character escaped,
 * and matched as a word (boosted) or as a prefix; every word must match. Over-long text is
 * BAD_USER_INPUT, so no query-syntax or too-many-clauses error can reach the caller.
 */
export function luceneQuery(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw badInput("text", "must not be empty");
  if (trimmed.length > MAX_SEARCH_TEXT) throw badInput("text", `must be at most ${MAX_SEARCH_TEXT} characters`);
  const words = [...new Set(trimmed.toLowerCase().split(/\s+/))];
  if (words.length > MAX_SEARCH_WORDS) throw badInput("text", `must be at most ${MAX_SEARCH_WORDS} words`);
  return words.map((w) => `(${escape(w)}^2 OR ${escape(w)}*)`).join(" AND ");
}

/** The kinds asked for: null or empty means all; an unknown kind is BAD_USER_INPUT naming the allowed ones. */
export function searchKinds(kinds: readonly string[] | null | undefined): SearchKind[] {
  if (!kinds || kinds.length === 0) return [...SEARCH_KINDS];
  const allowed = new Set<string>(SEARCH_KINDS);
  for (const [i, k] of kinds.entries()) {
    if (!allowed.has(k)) throw badInput(`kinds[${i}]`, `"${k.slice(0, 40)}" is not a kind search finds (one of ${SEARCH_KINDS.join(", ")})`);
  }
  // In SEARCH_KINDS order: a hit's kind is the first of these its node carries.
  return SEARCH_KINDS.filter((k) => kinds.includes(k));
}
