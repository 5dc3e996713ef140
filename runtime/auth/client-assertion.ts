import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { LRUCache } from "lru-cache";
import { clientAssertions, config, env } from "../config.js";
import { unauthenticated } from "../errors.js";
import { CLIENT_ASSERTION_TYP, parseScopes, type Caller } from "./caller.js";
import { findClient, recordAssertion, sweepExpiredAssertions, type ClientRecord } from "./client-store.js";
import { rejection } from "./rejection.js";

const MAX_JTI = 256;
const MAX_CACHED = 1000;
/** The one answer for every failure before the signature verifies: unknown, revoked, wrong key, bad signature, algorithm. */
export const NOT_TRUSTED = "token issuer is not trusted";
/** Unknown clients are checked against no keys, so they fail exactly where a wrong signature fails. */
const NO_KEYS = createLocalJWKSet({ keys: [] });
/** jose's errors raised only once the signature has verified (claims checks). */
const afterSignature = (err: unknown) => err instanceof errors.JWTClaimValidationFailed || err instanceof errors.JWTExpired;

/** How long a gateway verifies a client's assertions against its remembered registration before reading it again. */
const CLIENT_RECORD_TTL_MS = 60_000;

/**
 * Key sets of clients, by client id and version: a re-registration with new keys gets a new set.
 * And the clients' registrations as last read (`record`): an assertion is verified against the
 * remembered copy, and the write that records its `jti` only succeeds while the client is
 * unrevoked at that version (recordAssertion), so a revocation or a key or scope change still
 * applies from the next request on; a copy found old that way, or one that a signature fails
 * against (a key added since), is read again and the assertion checked once more.
 */
export class ClientKeySets {
  private readonly sets = new LRUCache<string, JWTVerifyGetKey>({ max: MAX_CACHED });
  private readonly records = new LRUCache<string, ClientRecord>({ max: MAX_CACHED, ttl: CLIENT_RECORD_TTL_MS });

  /** The client's registration: remembered unless `fresh`; a client not registered is never remembered. */
  async record(clientId: string, fresh: boolean): Promise<{ client: ClientRecord | undefined; remembered: boolean }> {
    const known = fresh ? undefined : this.records.get(clientId);
    if (known) return { client: known, remembered: true };
    const client = await findClient(clientId);
    if (client) this.records.set(clientId, client);
    else this.records.delete(clientId);
    return { client, remembered: false };
  }

  of(client: ClientRecord): JWTVerifyGetKey {
    const key = `${client.clientId}@${client.version}`;
    let set = this.sets.get(key);
    if (!set) {
      set = client.jwksUrl
        ? createRemoteJWKSet(new URL(client.jwksUrl), {
            timeoutDuration: env.JWKS_TIMEOUT_MS,
            cooldownDuration: env.JWKS_COOLDOWN_MS,
            cacheMaxAge: env.JWKS_CACHE_MAX_AGE_MS,
          })
        : createLocalJWKSet(client.jwks ?? { keys: [] });
      this.sets.set(key, set);
    }
    return set;
  }

  clear(): void {
    this.sets.clear();
    this.records.clear();
  }
}

/**
 * Verifies an integration client's self-signed assertion: the client must be registered and
 * not revoked (checked on every request, in the write of its `jti`), the token signed with one
 * of its keys and an allowed algorithm, typed `client-authentication+jwt`, `iss` = `sub` = client id, `aud` = JWT_AUDIENCE,
 * `exp`, `iat`, `jti` present, `exp - iat` at most 300 s, and its `jti` never seen before.
 * Scopes are those requested in `scope` that the client is allowed. Until the signature
 * verifies every failure gives the same answer (NOT_TRUSTED), so nobody can learn from the
 * gateway whether a client id exists or is revoked.
 */
export async function verifyClientAssertion(token: string, clientId: string, keySets: ClientKeySets, fresh = false): Promise<Caller> {
  const { client, remembered } = await keySets.record(clientId, fresh);
  const tolerance = config.clockToleranceS;
  let payload;
  try {
    ({ payload } = await jwtVerify(token, client ? keySets.of(client) : NO_KEYS, {
      issuer: clientId,
      subject: clientId,
      audience: config.audience,
      algorithms: clientAssertions.algorithms,
      typ: CLIENT_ASSERTION_TYP,
      requiredClaims: ["exp", "iat", "sub", "jti"],
      clockTolerance: tolerance,
    }));
  } catch (err) {
    // A key added since the registration was remembered: read it again and check once more.
    if (remembered && !afterSignature(err)) return verifyClientAssertion(token, clientId, keySets, true);
    throw unauthenticated(afterSignature(err) ? `client assertion rejected: ${rejection(err)}` : NOT_TRUSTED);
  }
  // Signed with the client's registered key: from here on the answers may be specific.
  if (!client) throw unauthenticated(NOT_TRUSTED);
  if (client.revokedAt) throw unauthenticated("client revoked");
  const { exp, iat, jti } = payload as { exp: number; iat: number; jti: unknown };
  if (exp - iat > clientAssertions.maxLifetimeS) throw unauthenticated(`client assertion rejected: lifetime longer than ${clientAssertions.maxLifetimeS} s`);
  if (iat > Date.now() / 1000 + tolerance) throw unauthenticated("client assertion rejected: iat is in the future");
  if (typeof jti !== "string" || jti.length === 0 || jti.length > MAX_JTI) throw unauthenticated("client assertion rejected: jti must be a string of 1-256 characters");

  sweepExpiredAssertions();
  // Remembered as long as the assertion could still pass the `exp` check.
  const outcome = await recordAssertion(clientId, jti, Math.ceil(exp + tolerance), client.version);
  if (outcome === "replayed") throw unauthenticated("client assertion rejected: jti already used");
  // Revoked or changed since it was read: the jti was not recorded; check again against the registration as it is now.
  if (outcome === "changed") {
    if (!fresh) return verifyClientAssertion(token, clientId, keySets, true);
    throw unauthenticated("client revoked or changed while the assertion was checked");
  }
  const allowed = new Set(client.allowedScopes);
  return { sub: clientId, iss: clientId, clientId, scopes: parseScopes(payload.scope).filter((s) => allowed.has(s)) };
}
