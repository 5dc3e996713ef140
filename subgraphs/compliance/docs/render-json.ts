import type { DocModel, Scores } from "./model.js";

/** The JSON form: `schema` names the document kind and version (docs/annex-iv-schema.md). */
export function renderJson(doc: DocModel, scores: Scores): string {
  const body = {
    schema: doc.schema,
    title: doc.title,
    subject: doc.subject,
    generatedAt: doc.generatedAt,
    status: scores.status,
    blockers: scores.blockers,
    completeness: scores.completeness,
    facts: { needed: scores.facts, present: scores.present },
    summary: Object.fromEntries(doc.summary.map(([k, v]) => [k, v ?? null])),
    findings: doc.findings,
    sections: doc.sections.map((s, i) => ({
      number: s.number,
      title: s.title,
      ref: s.ref,
      completeness: scores.sections[i].completeness,
      facts: scores.sections[i].facts,
      missing: scores.sections[i].missing,
      sources: s.sources,
      data: s.data,
    })),
    missing: scores.missing,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
