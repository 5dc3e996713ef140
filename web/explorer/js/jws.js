import { base64url } from "./auth.js";

let jwks;
const text = (bytes) => new TextDecoder().decode(bytes);

/**
 * Checks a compact JWS (EdDSA) with this service's public keys (/.well-known/jwks.json) using
 * WebCrypto, then that the signed payload says what the page shows (`expected` fields).
 */
export async function verifyJws(compact, expected) {
  try {
    const [h64, p64, s64] = compact.split(".");
    const header = JSON.parse(text(base64url(h64)));
    if (header.alg !== "EdDSA") return { ok: false, reason: `unexpected algorithm ${header.alg}` };
    jwks ??= fetch("/.well-known/jwks.json").then((r) => r.json());
    const jwk = (await jwks).keys.find((k) => k.kid === header.kid);
    if (!jwk) return { ok: false, reason: `key ${header.kid} is not in /.well-known/jwks.json` };
    const key = await crypto.subtle.importKey("jwk", { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
    const valid = await crypto.subtle.verify({ name: "Ed25519" }, key, base64url(s64), new TextEncoder().encode(`${h64}.${p64}`));
    if (!valid) return { ok: false, reason: "the signature does not verify" };
    const payload = JSON.parse(text(base64url(p64)));
    const differ = Object.keys(expected).filter((k) => payload[k] !== expected[k]);
    return differ.length ? { ok: false, reason: `signed ${differ.join(", ")} differ from what is shown` } : { ok: true, kid: header.kid };
  } catch (err) {
    return { ok: false, reason: `cannot check: ${err.message}` };
  }
}
