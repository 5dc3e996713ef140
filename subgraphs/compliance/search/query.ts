import { badInput } from "../../../runtime/errors.js";

/** Longest search text, in characters, and most words in it. */
export const MAX_SEARCH_TEXT = 200;
export const MAX_SEARCH_WORDS = 10;
/** Shortest word matched anywhere inside an identifier (`*word*`); shorter words match whole words and prefixes only. */
export const MIN_INNER_WORD = 3;
/** Shortest word also matched fuzzily (one edit away). */
export const MIN_FUZZY_WORD = 4;

/**
 * The kinds search finds (the labels in the full-text index, migration 0040), named as
 * LineageNode.kind names them. Job and Run are OpenLineage nodes.
 */
export const SEARCH_KINDS = ["AISystem", "Model", "ModelVersion", "Dataset", "DatasetVersion", "Site", "GpuCluster", "Job", "Run"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

// Every character the classic Lucene query parser gives a meaning to (and whitespace).
const SPECIAL = /[\\+\-!():^[\]"{}~*?|&/\s]/g;
const escape = (word: string) => word.replace(SPECIAL, (c) => `\\${c}`);
// Inside a quoted phrase only the quote and the backslash mean something.
const phrase = (word: string) => `"${word.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** The words of a search text, lowercased and deduplicated; empty, over-long or too many is BAD_USER_INPUT. */
export function searchWords(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw badInput("text", "must not be empty");
  if (trimmed.length > MAX_SEARCH_TEXT) throw badInput("text", `must be at most ${MAX_SEARCH_TEXT} characters`);
  const words = [...new Set(trimmed.toLowerCase().split(/\s+/))];
  if (words.length > MAX_SEARCH_WORDS) throw badInput("text", `must be at most ${MAX_SEARCH_WORDS} words`);
  return words;
}

/**
 * One word as Lucene clauses. The index's standard analyzer keeps a dotted or underscored
 * identifier (`shop.raw_orders_x`) as one lowercased token but splits at `/ : -` and spaces, so a
 * word matches as: the analysed phrase (a whole token, or `s3://bucket/path` as adjacent tokens),
 * a prefix of a token, or every part of it (split at non-alphanumerics) inside some token
 * (`*orders*`: any part of an identifier, camelCase humps included since tokens are lowercased;
 * a one-part word needs MIN_INNER_WORD characters), and, for longer words, one edit away.
 */
function wordClauses(w: string): string {
  const e = escape(w);
  const clauses = [`${phrase(w)}^4`, `${e}*^2`];
  const parts = w.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (parts.length > 1) clauses.push(`(${parts.map((p) => `*${escape(p)}*`).join(" AND ")})`);
  else if (w.length >= MIN_INNER_WORD) clauses.push(`*${e}*`);
  if (w.length >= MIN_FUZZY_WORD) clauses.push(`${e}~1`);
  return `(${clauses.join(" OR ")})`;
}

/**
 * Turns what a person typed into a Lucene query that cannot fail to parse: each word is
 * lowercased (so AND / OR / NOT are words, not operators), every special character escaped;
 * every word must match (wordClauses). Over-long text is BAD_USER_INPUT, so no query-syntax or
 * too-many-clauses error can reach the caller.
 */
export function luceneQuery(text: string): string {
  return searchWords(text).map(wordClauses).join(" AND ");
}

// A regex for Java (Cypher's =~) and JavaScript alike: letters as [xX] classes (case-insensitive
// without flags), ASCII punctuation backslash-escaped (legal in both), anything else literal.
const literal = (t: string) =>
  [...t].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e ]/.test(c) ? `\\${c}` : c)).join("");
const ANY = "[\\s\\S]*";
const SEGMENT = "[./:]";
// Where a part of an identifier starts: after any non-alphanumeric character, or at a camelCase hump.
const PART_START = "(?:[^A-Za-z0-9]|(?<=[a-z0-9])(?=[A-Z]))";

/**
 * The name tiers of the ranking, as whole-string regexes over a hit's name (Cypher's =~, run on
 * the original case so camelCase humps are seen): 0 exact (the name, or one of its segments
 * between `. / :`, equals the text), 1 prefix (the name or a segment starts with it), 2 part (it
 * starts at a part boundary: `_ - . / :`, a space, a camelCase hump). Anything else the index
 * found (other properties, inside a word, one edit away) is tier 3.
 */
export type NameTiers = { exact: string; prefix: string; part: string };

export function nameTiers(text: string): NameTiers {
  const t = literal(searchWords(text).join(" "));
  return {
    exact: `(?:${ANY}${SEGMENT})?${t}(?:${SEGMENT}${ANY})?`,
    prefix: `(?:${ANY}${SEGMENT})?${t}${ANY}`,
    part: `(?:${ANY}${PART_START})?${t}${ANY}`,
  };
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
