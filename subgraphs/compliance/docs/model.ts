/**
 * The document model every AI Act document is built as: sections of display blocks, the
 * structured data the JSON form carries, the graph ids each section came from, and the fact
 * checks that make the completeness report. Renderers (Markdown, HTML, JSON) only read it.
 */

/** One fact a document needs: present in the graph or not. */
export interface FactCheck {
  entity: string;
  id: string;
  field: string;
  present: boolean;
  /** What the fact is, the article asking for it, and how to record it. */
  hint: string;
}

export type Cell = string | number | boolean | null | undefined;

export type Block =
  | { kind: "fields"; heading?: string; rows: [label: string, value: Cell][] }
  | { kind: "table"; heading?: string; columns: string[]; rows: Cell[][] }
  | { kind: "text"; heading?: string; text: string }
  | { kind: "list"; heading?: string; items: string[] };

export interface Section {
  number: string;
  title: string;
  /** The provision it answers, e.g. "Annex IV(2)". */
  ref: string;
  blocks: Block[];
  /** Structured facts of the section (the JSON form's `data`). */
  data: Record<string, unknown>;
  /** Ids of the graph nodes the section was built from. */
  sources: string[];
  checks: FactCheck[];
}

export interface DocModel {
  /** Versioned schema name of the JSON form, e.g. "annex-iv/1". */
  schema: string;
  title: string;
  subject: { type: string; id: string; label: string };
  generatedAt: string;
  /** Key facts shown under the title. */
  summary: [string, Cell][];
  /** Findings the graph makes visible (e.g. data-sovereignty breaches, contradictions). */
  findings: string[];
  sections: Section[];
  /** NOT_APPLICABLE when the law does not call for the document for this subject. */
  applicable?: boolean;
  /** Why it may not be issued beyond its missing facts, each naming the article (e.g. an obligation UNMET). */
  blockers?: string[];
}

export type DocStatus = "ISSUABLE" | "DRAFT" | "NOT_APPLICABLE";

export interface MissingFact {
  section: string;
  entity: string;
  id: string;
  field: string;
  hint: string;
  text: string;
}

export interface SectionScore {
  number: string;
  title: string;
  completeness: number;
  facts: number;
  missing: string[];
  sources: string[];
}

export interface Scores {
  /** ISSUABLE only with no blocker and no missing fact. */
  status: DocStatus;
  /** The document's blockers, then each missing fact. */
  blockers: string[];
  completeness: number;
  facts: number;
  present: number;
  missing: MissingFact[];
  sections: SectionScore[];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** `<Entity> <id>: <field> missing (<hint>)` - names what to fill in, and where. */
export const missingText = (c: FactCheck): string => `${c.entity} ${c.id}: ${c.field} missing (${c.hint})`;

/** Completeness per section and overall: present facts over needed facts (1 when none are needed). */
export function score(doc: DocModel): Scores {
  let facts = 0;
  let present = 0;
  const missing: MissingFact[] = [];
  const sections = doc.sections.map((s) => {
    const have = s.checks.filter((c) => c.present).length;
    facts += s.checks.length;
    present += have;
    const lacking = s.checks.filter((c) => !c.present);
    for (const c of lacking) missing.push({ section: s.number, entity: c.entity, id: c.id, field: c.field, hint: c.hint, text: missingText(c) });
    return {
      number: s.number,
      title: s.title,
      completeness: s.checks.length ? round(have / s.checks.length) : 1,
      facts: s.checks.length,
      missing: lacking.map(missingText),
      sources: s.sources,
    };
  });
  const blockers = [...(doc.blockers ?? []), ...missing.map((m) => m.text)];
  const status: DocStatus = doc.applicable === false ? "NOT_APPLICABLE" : blockers.length ? "DRAFT" : "ISSUABLE";
  return { status, blockers, completeness: facts ? round(present / facts) : 1, facts, present, missing, sections };
}

/** True when a fact counts as present: not null, not blank, not an empty list. */
export const isPresent = (v: unknown): boolean =>
  v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "") && !(Array.isArray(v) && v.length === 0);

/**
 * Collects fact checks for one section: `need` records whether a fact is present and returns
 * the value unchanged, so a builder checks and displays in one expression.
 */
export class Checks {
  readonly list: FactCheck[] = [];
  need<T>(entity: string, id: string, field: string, value: T, hint: string): T {
    this.list.push({ entity, id, field, present: isPresent(value), hint });
    return value;
  }
}

/** Display form of a list value. */
export const joined = (xs: readonly unknown[] | null | undefined): string | null => (xs && xs.length ? xs.join(", ") : null);
