/**
 * The archive of issued documents (Art. 18: kept ten years). An issued document is generated
 * at asOf = issuedAt, stored with its content and signature under an id derived from its
 * digest, and linked to its system; the write and its audit event commit together. Nodes are
 * created once and never changed: no mutation, migration or job deletes an IssuedDocument, and
 * `retainUntil` states the earliest date the organisation may remove it (docs/ai-act.md).
 */
import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { notFound } from "../../../runtime/errors.js";
import { createOnce, mutate, type Props } from "../../../runtime/mutation.js";
import { requireIds } from "../../../runtime/nodes.js";
import type { DocumentFormat } from "../docs/doc-types.js";
import type { IssuedDocument } from "./archive-types.js";
import { toIssuedDocument } from "./mappers.js";
import { generateForIssue, type SystemDocumentKind } from "./system-documents.js";

/** Art. 18(1): documentation kept for ten years after the system is placed on the market. */
export const RETENTION_YEARS = 10;

const retainUntil = (issuedAt: string): string => {
  const d = new Date(issuedAt);
  d.setUTCFullYear(d.getUTCFullYear() + RETENTION_YEARS);
  return d.toISOString();
};

/** Issues one document of a system: generates it as the graph stands now and archives it, audited. */
export async function issueSystemDocument(ctx: Ctx, kind: SystemDocumentKind, systemId: string, subjectId: string | null, format: DocumentFormat): Promise<IssuedDocument> {
  const issuedAt = new Date().toISOString();
  const doc = await generateForIssue(ctx, kind, systemId, subjectId, format, issuedAt);
  const id = `idoc:${doc.digest.slice("sha256:".length)}`;
  const props = {
    kind, subjectId: doc.subjectId, systemId, format, schema: doc.schema, digest: doc.digest, signature: doc.signature, content: doc.content,
    status: doc.status, blockers: doc.blockers, issuedAt, retainUntil: retainUntil(issuedAt),
  };
  return mutate(ctx, "issueDocument", { kind, systemId, subjectId, format, issuedAt, digest: doc.digest }, async (tx) => {
    await requireIds(tx, "AISystem", [systemId]);
    const { node, created } = await createOnce(tx, "IssuedDocument", id, props, issuedAt, { issuedBy: ctx.caller.sub });
    if (created) await tx.run({ cypher: `MATCH (d:IssuedDocument {id: $id}), (s:AISystem {id: $s}) MERGE (d)-[:DESCRIBES]->(s)`, params: { id, s: systemId } });
    return { result: toIssuedDocument(node), changed: created, subjects: [id, systemId, ...(subjectId ? [subjectId] : [])], audited: { kind, systemId, subjectId, format, issuedAt, digest: doc.digest } };
  });
}

/** One archived document by its id or its digest ("sha256:<hex>"). */
export async function issuedDocument(ctx: Pick<Ctx, "stats">, idOrDigest: string): Promise<IssuedDocument> {
  const id = idOrDigest.startsWith("sha256:") ? `idoc:${idOrDigest.slice(7)}` : idOrDigest;
  const rows = await read({ op: "issuedDocument", stats: ctx.stats }, (tx) =>
    tx.run<{ d: Props }>({ cypher: `MATCH (d:IssuedDocument {id: $id}) RETURN d {.*} AS d`, params: { id } }),
  );
  if (!rows.length) throw notFound("IssuedDocument", idOrDigest);
  return toIssuedDocument(rows[0].d);
}

/** The latest `first` documents issued for a system, newest first. */
export async function issuedDocuments(ctx: Pick<Ctx, "stats">, systemId: string, first: number): Promise<IssuedDocument[]> {
  const rows = await read({ op: "issuedDocuments", stats: ctx.stats }, (tx) =>
    tx.run<{ d: Props }>({
      cypher: `MATCH (:AISystem {id: $id})<-[:DESCRIBES]-(d:IssuedDocument) RETURN d {.*} AS d ORDER BY d.issuedAt DESC, d.id DESC LIMIT $first`,
      params: { id: systemId, first },
    }),
  );
  return rows.map((r) => toIssuedDocument(r.d));
}
