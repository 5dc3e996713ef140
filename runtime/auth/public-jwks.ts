import type { JWK } from "jose";

/** Members of a JWK that only a private key has (RFC 7518 6.2.2, 6.3.2; OKP `d`, RFC 8037). */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/**
 * A JWK set that holds public keys only, or an error naming `what`. Verification takes its keys
 * from here and nowhere else: a set with a private part (`d`, RSA primes, or a symmetric `oct`
 * key) is refused, so no verifying process can be handed a key that also signs.
 */
export function publicOnlyJwks(value: unknown, what: string): { keys: JWK[] } {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${what} must be a JWK set {"keys": [...]} with at least one public key`);
  for (const k of keys as JWK[]) {
    if (!k || typeof k !== "object" || typeof k.kty !== "string") throw new Error(`${what} must give every key a kty`);
    if (k.kty === "oct") throw new Error(`${what} must hold public keys only: a symmetric (oct) key is a shared secret`);
    const secret = PRIVATE_MEMBERS.find((m) => m in k);
    if (secret) throw new Error(`${what} must hold public keys only: a key has the private part "${secret}"`);
  }
  return { keys: keys as JWK[] };
}
