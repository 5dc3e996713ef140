import { CompactSign } from "jose";
import { canonicalJson, sha256Hex } from "../../../runtime/canonical.js";
import { loadKey } from "../../../runtime/keys.js";

/** `typ` of a document signature's protected header. */
export const DOCUMENT_JWS_TYP = "document+jws";

/** What a document signature covers; its JWS payload is `canonicalJson` of this. */
export interface DocumentSeal {
  digest: string;
  schema: string;
  format: string;
  subjectId: string;
  generatedAt: string;
}

/** "sha256:<hex>" of the UTF-8 content. */
export const contentDigest = (content: string): string => `sha256:${sha256Hex(content)}`;

/**
 * Signs a document's digest with the service key (EdDSA): a compact JWS that anyone verifies
 * with /.well-known/jwks.json, then compares `digest` with the sha256 of the content received.
 */
export async function sealDocument(seal: DocumentSeal): Promise<string> {
  const key = await loadKey("service");
  return new CompactSign(new TextEncoder().encode(canonicalJson(seal)))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: DOCUMENT_JWS_TYP })
    .sign(key.privateKey);
}
