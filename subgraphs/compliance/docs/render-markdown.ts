import type { Block, Cell, DocModel, Scores } from "./model.js";

const NOT_RECORDED = "_not recorded_";

/** Escapes text so that graph values can never turn into Markdown structure or raw HTML. */
export function mdEscape(text: string): string {
  // "_" is left alone: ids are full of it and CommonMark never emphasises inside a word.
  return text.replace(/[\\`*[\]<>|#!]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

const cell = (v: Cell): string => (v === null || v === undefined || v === "" ? NOT_RECORDED : mdEscape(String(v)));
const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

function table(columns: string[], rows: Cell[][]): string[] {
  return [`| ${columns.map(mdEscape).join(" | ")} |`, `| ${columns.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

function block(b: Block): string[] {
  const out = b.heading ? [`**${mdEscape(b.heading)}**`, ""] : [];
  switch (b.kind) {
    case "fields":
      out.push(...table(["Fact", "Value"], b.rows.map(([k, v]) => [k, v])));
      break;
    case "table":
      out.push(...(b.rows.length ? table(b.columns, b.rows) : ["_none recorded_"]));
      break;
    case "text":
      out.push(mdEscape(b.text));
      break;
    case "list":
      out.push(...(b.items.length ? b.items.map((x) => `- ${mdEscape(x)}`) : ["_none recorded_"]));
      break;
  }
  return [...out, ""];
}

/** The Markdown form: one heading per section, tables for facts, sources and gaps under each. */
export function renderMarkdown(doc: DocModel, scores: Scores): string {
  const lines = [
    `# ${mdEscape(doc.title)}`,
    "",
    `Generated from the lineage graph at ${doc.generatedAt} (schema ${doc.schema}). Completeness ${pct(scores.completeness)}: ${scores.present} of ${scores.facts} facts recorded.`,
    "",
    `**Status: ${scores.status}**${scores.status === "DRAFT" ? ": not to be issued while these stand:" : scores.status === "NOT_APPLICABLE" ? ": the law does not call for this document here (see Findings)." : ""}`,
    "",
    ...(scores.status === "DRAFT" ? [...scores.blockers.map((b) => `- ${mdEscape(b)}`), ""] : []),
    ...table(["", ""], doc.summary.map(([k, v]) => [k, v])),
    "",
    "## Findings",
    "",
    ...(doc.findings.length ? doc.findings.map((f) => `- ${mdEscape(f)}`) : ["_none_"]),
    "",
  ];
  doc.sections.forEach((s, i) => {
    const sc = scores.sections[i];
    lines.push(`## ${s.number}. ${mdEscape(s.title)}`, "", `_${mdEscape(s.ref)}. Completeness ${pct(sc.completeness)} (${sc.facts} facts)._`, "");
    for (const b of s.blocks) lines.push(...block(b));
    lines.push(`Sources: ${s.sources.length ? s.sources.map((id) => `\`${id.replace(/`/g, "")}\``).join(", ") : "_none_"}`, "");
    if (sc.missing.length) lines.push("Missing in this section:", "", ...sc.missing.map((m) => `- ${mdEscape(m)}`), "");
  });
  lines.push(
    "## Completeness report",
    "",
    ...table(["Section", "Completeness", "Facts", "Missing"], scores.sections.map((s) => [`${s.number}. ${s.title}`, pct(s.completeness), s.facts, s.missing.length])),
    "",
    `Overall: ${pct(scores.completeness)} (${scores.present} of ${scores.facts} facts).`,
    "",
    "### Missing facts",
    "",
    ...(scores.missing.length ? scores.missing.map((m) => `- [${m.section}] ${mdEscape(m.text)}`) : ["_none: every fact this document needs is in the graph_"]),
    "",
  );
  return lines.join("\n");
}
