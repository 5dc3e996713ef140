import { importJWK, type JWK } from "jose";
import { clientAssertions } from "../config.js";
import { badInput } from "../errors.js";

/** JWK members that only a private (or symmetric) key has: a client registers its public half only. */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;
const MAX_KEYS = 10;

/** An algorithm to test-import a key with when the JWK names none. */
function probeAlg(jwk: JWK): string | undefined {
  if (jwk.alg) return jwk.alg;
  if (jwk.kty === "RSA") return "PS256";
  if (jwk.kty === "OKP") return jwk.crv === "Ed25519" ? "EdDSA" : undefined;
  if (jwk.kty === "EC") return { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" }[jwk.crv ?? ""];
  return undefined;
}

/**
 * Checks a client's key set: 1-10 public RSA (>= 2048 bit), EC or Ed25519 keys, a `kid` on
 * each when there are several, any `alg` on the allow-list. BAD_USER_INPUT names the key.
 */
export async function publicJwks(field: string, value: unknown): Promise<{ keys: JWK[] }> {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!value || typeof value !== "object" || !Array.isArray(keys)) throw badInput(field, 'must be a JWK set: {"keys": [...]}');
  if (keys.length === 0 || keys.length > MAX_KEYS) throw badInput(`${field}.keys`, `must hold 1 to ${MAX_KEYS} keys`);
  const kids = new Set<string>();
  for (const [i, key] of keys.entries()) {
    const at = `${field}.keys[${i}]`;
    if (!key || typeof key !== "object") throw badInput(at, "must be a JWK object");
    const jwk = key as JWK;
    const secret = PRIVATE_MEMBERS.find((m) => m in jwk);
    if (secret) throw badInput(at, `holds the private member "${secret}": register public keys only`);
    if (!["RSA", "EC", "OKP"].includes(jwk.kty ?? "")) throw badInput(`${at}.kty`, "must be RSA, EC or OKP");
    if (jwk.kty === "RSA" && (jwk.n ?? "").length < 342) throw badInput(`${at}.n`, "RSA keys must have at least 2048 bits");
    if (jwk.alg && !clientAssertions.algorithms.includes(jwk.alg)) throw badInput(`${at}.alg`, `must be one of ${clientAssertions.algorithms.join(", ")}`);
    if (keys.length > 1 && !jwk.kid) throw badInput(`${at}.kid`, "is required when the set holds several keys");
    if (jwk.kid && kids.has(jwk.kid)) throw badInput(`${at}.kid`, `"${jwk.kid}" appears twice`);
    if (jwk.kid) kids.add(jwk.kid);
    const alg = probeAlg(jwk);
    try {
      if (!alg) throw new Error("no algorithm");
      await importJWK(jwk, alg);
    } catch {
      throw badInput(at, "is not a usable public key");
    }
  }
  return { keys: keys as JWK[] };
}

/** Checks a client's key-set URL: https, or http on loopback outside production. */
export function jwksUrl(field: string, value: string, production: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput(field, "must be an absolute URL");
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback && !production)) {
    throw badInput(field, "must be an https URL");
  }
  if (url.username || url.password) throw badInput(field, "must not carry credentials");
  return url.href;
}
