import type { Caller } from "./caller.js";

/** Characters that render as nothing and so make two subjects look alike: zero-width space/joiners, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** A subject as compared: Unicode NFKC, invisible characters removed, trimmed, case-folded. */
export function normaliseSubject(sub: string): string {
  return sub.normalize("NFKC").replace(INVISIBLE, "").trim().toLowerCase();
}

/**
 * Who a caller is, for rules that compare people (four-eyes, `registeredByIdentity`): the
 * token's issuer plus the normalised subject. `Alice`, `"alice "` and `alice` + U+200B from
 * one issuer are one person; the same subject from two issuers is two.
 */
export function identityOf(caller: Pick<Caller, "sub" | "iss">): string {
  return `${caller.iss ?? "unknown-issuer"}\n${normaliseSubject(caller.sub)}`;
}

/** Who registered a record: the subject as given (shown) and the identity (compared). */
export const registrant = (caller: Caller) => ({ registeredBy: caller.sub, registeredByIdentity: identityOf(caller) });
