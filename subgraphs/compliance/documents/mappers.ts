import { list, mapper, oneOf, text } from "../../../runtime/graph/mapper.js";
import { DocumentFormat, DocumentStatus } from "../docs/doc-types.js";
import type { IssuedDocument } from "./archive-types.js";
import { SystemDocumentKind } from "./system-documents.js";

/** A stored IssuedDocument as the API shows it (runtime/graph/mapper.ts); an ISSUABLE document has no blockers: []. */
export const toIssuedDocument = mapper<IssuedDocument>({
  id: text, kind: oneOf(SystemDocumentKind), subjectId: text, format: oneOf(DocumentFormat), schema: text, digest: text,
  signature: text, content: text, status: oneOf(DocumentStatus), blockers: list, issuedAt: text, issuedBy: text, retainUntil: text,
});
