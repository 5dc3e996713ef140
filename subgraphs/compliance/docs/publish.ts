import { score, type DocModel } from "./model.js";
import { DocumentFormat, DocumentStatus, type ComplianceDocument } from "./doc-types.js";
import { renderHtml } from "./render-html.js";
import { renderJson } from "./render-json.js";
import { renderMarkdown } from "./render-markdown.js";
import { contentDigest, sealDocument } from "./seal.js";

const RENDER = { MARKDOWN: renderMarkdown, HTML: renderHtml, JSON: renderJson } as const;

/** Scores, renders, digests and signs a document model: what every document query returns. */
export async function publish(doc: DocModel, format: DocumentFormat, asOf: string | null = null): Promise<ComplianceDocument> {
  const scores = score(doc);
  const content = RENDER[format](doc, scores);
  const digest = contentDigest(content);
  const signature = await sealDocument({ digest, schema: doc.schema, format, subjectId: doc.subject.id, generatedAt: doc.generatedAt });
  return {
    format,
    content,
    completeness: scores.completeness,
    missing: scores.missing.map((m) => m.text),
    generatedAt: doc.generatedAt,
    digest,
    signature,
    schema: doc.schema,
    subjectId: doc.subject.id,
    sections: scores.sections,
    missingFacts: scores.missing,
    status: scores.status as DocumentStatus,
    blockers: scores.blockers,
    asOf,
  };
}
