import fs from "node:fs";
import path from "node:path";

/** Names a piece of Cypher uses: node labels, relationship types, and properties read as `alias.prop`. */
export interface CypherNames {
  labels: Set<string>;
  relationships: Set<string>;
  properties: Set<string>;
}

const CYPHER = /\b(MATCH|MERGE|CREATE|UNWIND|RETURN|SET)\b/;

/** The string and template literals of a TypeScript source that look like Cypher. */
export function cypherLiterals(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/`((?:[^`\\]|\\.)*)`|"((?:[^"\\\n]|\\.)*)"/g)) {
    const text = (m[1] ?? m[2] ?? "").replace(/\$\{[^}]*\}/g, " ");
    if (CYPHER.test(text) && /[()[\]]/.test(text)) out.push(text);
  }
  return out;
}

/** Labels, relationship types and `alias.property` reads in Cypher text (comments and strings inside it ignored). */
export function namesIn(cypher: string): CypherNames {
  const text = cypher.replace(/\/\/.*$/gm, "").replace(/'(?:[^'\\]|\\.)*'/g, "''");
  const labels = new Set<string>();
  const relationships = new Set<string>();
  const properties = new Set<string>();
  // Labels: `(n:Label:Other`, `WHERE n:Label`, `n:Label|Other`; PascalCase by convention.
  for (const m of text.matchAll(/(?<![$\w])(?:\w+)?((?::[A-Z][A-Za-z0-9]*(?:\|[A-Z][A-Za-z0-9]*)*)+)/g)) {
    for (const l of m[1].split(/[:|]/).filter(Boolean)) if (/[a-z]/.test(l)) labels.add(l);
  }
  // Relationship types: `[:TYPE]`, `[r:TYPE|OTHER*1..5]`, UPPER_SNAKE.
  for (const m of text.matchAll(/\[\s*\w*\s*:\s*([A-Z_|]+)/g)) for (const t of m[1].split("|").filter(Boolean)) relationships.add(t);
  // Properties read through an alias (not parameters: `$p.x`), e.g. `a.decidedAt`.
  for (const m of text.matchAll(/(?<![$\w.])[a-z]\w*\.([a-z][A-Za-z0-9]*)\b/g)) properties.add(m[1]);
  return { labels, relationships, properties };
}

/** Every .ts file under `dir`, recursively. */
export function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/**
 * Lines of a source that spell out "the approval in force at t" instead of using the one
 * fragment (runtime/graph/vocabulary.ts approvalInForce): picking the latest decision by
 * `decidedAt ... DESC`, or filtering decisions "at or before" a time with `decidedAt <=`
 * (in Cypher or in TypeScript).
 */
export function approvalRuleCopies(source: string): string[] {
  const rule = [/\bdecidedAt\s+DESC\b/, /\bdecidedAt(?:\s+as\s+string)?\)?\s*<=/, /<=\s*\(?[\w.]*\bdecidedAt\b/];
  return source.split("\n").filter((line) => rule.some((r) => r.test(line))).map((l) => l.trim());
}
