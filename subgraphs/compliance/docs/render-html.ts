import type { Block, Cell, DocModel, Scores } from "./model.js";

/** Escapes text for HTML element content and attribute values. */
export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const pct = (x: number) => `${Math.round(x * 1000) / 10}&nbsp;%`;
const cell = (v: Cell): string =>
  v === null || v === undefined || v === "" ? `<span class="missing">not recorded</span>` : esc(String(v));
const level = (x: number) => (x >= 0.999 ? "full" : x >= 0.7 ? "partial" : "low");

// A static, script-free page: the CSP forbids everything but inline styles, so no value from
// the graph can run code, and the page prints as it shows.
const STYLE = `
  :root { --ink: #1d2330; --muted: #5b6472; --line: #d6dae1; --ok: #1f7a4d; --warn: #a86400; --bad: #b3261e; }
  * { box-sizing: border-box; }
  body { font: 14px/1.5 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); max-width: 1100px; margin: 2rem auto; padding: 0 1.5rem; }
  h1 { font-size: 1.7rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .4rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
  h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
  .meta, .ref, .sources { color: var(--muted); font-size: .85rem; }
  .sources code { font-size: .78rem; word-break: break-all; }
  table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .88rem; }
  th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  th { background: #f2f4f7; } table.fields th { width: 32%; font-weight: 600; }
  .missing { color: var(--bad); font-style: italic; }
  .badge { display: inline-block; font-size: .8rem; padding: .05rem .5rem; border-radius: 1rem; color: #fff; vertical-align: middle; margin-left: .4rem; }
  .badge.full { background: var(--ok); } .badge.partial { background: var(--warn); } .badge.low { background: var(--bad); }
  .bar { height: .6rem; background: #eceff3; border-radius: .3rem; overflow: hidden; margin: .4rem 0 1rem; }
  .bar > div { height: 100%; background: var(--ok); }
  .findings { border-left: 4px solid var(--warn); background: #fff8ec; padding: .5rem 1rem; }
  ul.gaps li { color: var(--bad); }
  nav ol { columns: 2; font-size: .9rem; }
  @page { size: A4; margin: 16mm; }
  @media print { body { margin: 0; max-width: none; font-size: 11px; } nav { display: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } .bar > div, .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
`;

function table(columns: string[], rows: Cell[][], cls = ""): string {
  if (!rows.length) return `<p class="meta">None recorded.</p>`;
  const head = columns.some(Boolean) ? `<thead><tr>${columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead>` : "";
  return `<table${cls ? ` class="${cls}"` : ""}>${head}<tbody>${rows.map((r) => `<tr>${r.map((v) => `<td>${cell(v)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}

function block(b: Block): string {
  const h = b.heading ? `<h3>${esc(b.heading)}</h3>` : "";
  switch (b.kind) {
    case "fields":
      return `${h}<table class="fields"><tbody>${b.rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${cell(v)}</td></tr>`).join("")}</tbody></table>`;
    case "table":
      return h + table(b.columns, b.rows);
    case "text":
      return `${h}<p>${esc(b.text)}</p>`;
    case "list":
      return `${h}${b.items.length ? `<ul>${b.items.map((x) => `<li>${esc(x)}</li>`).join("")}</ul>` : `<p class="meta">None recorded.</p>`}`;
  }
}

/** The HTML form: a self-contained, printable page. */
export function renderHtml(doc: DocModel, scores: Scores): string {
  const sections = doc.sections.map((s, i) => {
    const sc = scores.sections[i];
    return `<section id="s${esc(s.number)}">
<h2>${esc(s.number)}. ${esc(s.title)}<span class="badge ${level(sc.completeness)}">${pct(sc.completeness)}</span></h2>
<p class="ref">${esc(s.ref)} &middot; ${sc.facts} facts needed</p>
${s.blocks.map(block).join("\n")}
<p class="sources">Sources: ${s.sources.length ? s.sources.map((id) => `<code>${esc(id)}</code>`).join(", ") : "none"}</p>
${sc.missing.length ? `<h3>Missing in this section</h3><ul class="gaps">${sc.missing.map((m) => `<li>${esc(m)}</li>`).join("")}</ul>` : ""}
</section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ai-lineage-graph ${esc(doc.schema)}">
<title>${esc(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(doc.title)}</h1>
<p class="meta">Generated from the lineage graph at ${esc(doc.generatedAt)} &middot; schema ${esc(doc.schema)} &middot; completeness ${pct(scores.completeness)} (${scores.present} of ${scores.facts} facts)</p>
<div class="bar" role="img" aria-label="completeness ${Math.round(scores.completeness * 100)} percent"><div style="width: ${Math.round(scores.completeness * 1000) / 10}%"></div></div>
<p class="status"><strong>Status: ${esc(scores.status)}</strong>${scores.status === "DRAFT" ? ": not to be issued while these stand:" : ""}</p>
${scores.status === "DRAFT" ? `<ul class="blockers">${scores.blockers.map((b) => `<li>${esc(b)}</li>`).join("")}</ul>` : ""}
${table(["", ""], doc.summary.map(([k, v]) => [k, v]), "fields")}
</header>
<nav><h2>Contents</h2><ol>${doc.sections.map((s) => `<li><a href="#s${esc(s.number)}">${esc(s.title)}</a></li>`).join("")}<li><a href="#completeness">Completeness report</a></li></ol></nav>
<h2>Findings</h2>
<div class="findings">${doc.findings.length ? `<ul>${doc.findings.map((f) => `<li>${esc(f)}</li>`).join("")}</ul>` : "<p>None.</p>"}</div>
${sections.join("\n")}
<section id="completeness">
<h2>Completeness report<span class="badge ${level(scores.completeness)}">${pct(scores.completeness)}</span></h2>
${table(["Section", "Completeness", "Facts", "Missing"], scores.sections.map((s) => [`${s.number}. ${s.title}`, `${Math.round(s.completeness * 1000) / 10} %`, s.facts, s.missing.length]))}
<h3>Missing facts</h3>
${scores.missing.length ? `<ul class="gaps">${scores.missing.map((m) => `<li>[${esc(m.section)}] ${esc(m.text)}</li>`).join("")}</ul>` : "<p>None: every fact this document needs is in the graph.</p>"}
</section>
</body>
</html>
`;
}
