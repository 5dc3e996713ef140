import unhomoglyph from "unhomoglyph";
import { caseFold } from "unicode-case-folding";
import type { Caller } from "./caller.js";

/**
 * Characters that show nothing, from the Unicode Character Database through V8's property
 * escapes (Node's ICU): every Default_Ignorable_Code_Point (zero-width characters, variation
 * selectors, tags, U+3164 HANGUL FILLER, U+034F, U+180E...) and every Bidi_Control (U+200E,
 * U+202A...).
 */
const IGNORABLE = /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/gu;
/** A combining dot above on a soft-dotted letter (i, j...) shows nothing more: the letter has its dot (`ALİCE` case-folds to i + U+0307). */
const DOT_ON_SOFT_DOTTED = /(\p{Soft_Dotted})\u0307/gu;
/**
 * Outside the identifier profile: anything that is neither an identifier character
 * (XID_Continue: letters, marks, digits, `_`) nor ASCII punctuation (`@ . - | : + /`... of emails,
 * URLs, `provider|id` subjects). Spaces, U+2800 BRAILLE PATTERN BLANK, emoji and other symbols go.
 */
const OUTSIDE_PROFILE = /[^\p{XID_Continue}!-\/:-@\[-`{-~]/gu;

/** NFD with everything that shows nothing removed (above). */
const visible = (s: string) => s.normalize("NFD").replace(IGNORABLE, "").replace(DOT_ON_SOFT_DOTTED, "$1").replace(OUTSIDE_PROFILE, "");
/** The UTS #39 confusable skeleton: confusables.txt prototypes (`unhomoglyph`), in NFD. */
const skeleton = (s: string) => unhomoglyph(s).normalize("NFD");
/** Full Unicode case folding (CaseFolding.txt, `unicode-case-folding`). */
const fold = (s: string) => caseFold(s).normalize("NFD");

/**
 * A subject as compared, never shown: NFKC, case folded, everything that shows nothing removed,
 * then the UTS #39 skeleton (`1` and `l`, Cyrillic `а` and Latin `a`, `rn` and `m` are one),
 * folded again since some prototypes are capitals (`0` becomes `O`, so `b0b` is `bob`).
 */
export function normaliseSubject(sub: string): string {
  return fold(skeleton(visible(fold(sub.normalize("NFKC")))));
}

/**
 * The skeleton of the subject as written, before folding: skeletons are case-sensitive (capital
 * `I` looks like `l`, small `i` does not), so `aIice` matches `alice` here and not above.
 */
const asWritten = (sub: string) => fold(skeleton(visible(sub.normalize("NFKC"))));

/**
 * True when a reader could not tell the two subjects apart: equal after normaliseSubject, or
 * equal skeletons as written. Errs towards "the same": a false match only means another person
 * must approve; a false difference would let someone approve their own work.
 */
export const samePerson = (a: string, b: string): boolean => normaliseSubject(a) === normaliseSubject(b) || asWritten(a) === asWritten(b);

const issuerOf = (caller: Pick<Caller, "iss">) => caller.iss ?? "unknown-issuer";

/**
 * Who a caller is, for rules that compare people (four-eyes, `registeredByIdentity`): the
 * token's issuer plus the normalised subject. `Alice`, `"alice "`, `alice` + U+200E and `ALİCE`
 * from one issuer are one person; the same subject from two issuers is two.
 */
export function identityOf(caller: Pick<Caller, "sub" | "iss">): string {
  return `${issuerOf(caller)}\n${normaliseSubject(caller.sub)}`;
}

/** Who registered a record: the subject as given (shown) and the identity (compared). */
export const registrant = (caller: Caller) => ({ registeredBy: caller.sub, registeredByIdentity: identityOf(caller) });

/**
 * True when `caller` is the person who registered a record. The subject is normalised now, from
 * `registeredBy` as sent, so records stored under an earlier normalisation compare by today's;
 * the issuer comes from `registeredByIdentity`. A record with only `registeredBy` (written before
 * identities were stored) compares its subject whatever the issuer; one with neither was
 * registered by nobody.
 */
export function isRegistrant(registered: { registeredBy?: unknown; registeredByIdentity?: unknown } | undefined, caller: Pick<Caller, "sub" | "iss">): boolean {
  const identity = registered?.registeredByIdentity;
  const cut = typeof identity === "string" ? identity.indexOf("\n") : -1;
  const sub = typeof registered?.registeredBy === "string" ? registered.registeredBy : cut >= 0 ? (identity as string).slice(cut + 1) : null;
  if (sub === null) return false;
  if (cut >= 0 && (identity as string).slice(0, cut) !== issuerOf(caller)) return false;
  return samePerson(sub, caller.sub);
}
