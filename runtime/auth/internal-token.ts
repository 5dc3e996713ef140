import { SignJWT, jwtVerify } from "jose";
import { LRUCache } from "lru-cache";
import { config, INTERNAL_ISSUER } from "../config.js";
import { TokenCache } from "./token-cache.js";
import { loadKey } from "../keys.js";
import { verificationKeys } from "./verification-keys.js";
import { unauthenticated } from "../errors.js";
import { parseScopes, type Caller } from "./caller.js";

const TYP = "internal+jwt";

/** Mints the gateway's short-lived token for one subgraph (audience = the subgraph's name); `requestId` (rid) ties the subgraph's log lines to the request. */
export async function mintInternalToken(caller: Caller, subgraph: string, requestId?: string): Promise<string> {
  const key = await loadKey("internal");
  return new SignJWT({ scope: caller.scopes.join(" "), ...(caller.clientId ? { client_id: caller.clientId } : {}), ...(caller.iss ? { ciss: caller.iss } : {}), ...(requestId ? { rid: requestId } : {}) })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: TYP })
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(`subgraph:${subgraph}`)
    .setSubject(caller.sub)
    .setIssuedAt()
    .setExpirationTime(`${config.internalTokenTtlS}s`)
    .sign(key.privateKey);
}

/** Internal tokens minted for GraphQL calls, by caller and subgraph: reused for the first half of their lifetime. */
const minted = new LRUCache<string, Promise<string>>({ max: Math.max(config.tokenCacheSize, 1), ttl: (config.internalTokenTtlS * 1000) / 2 });

/**
 * The gateway's token for `caller` at `subgraph`, minted once and reused while more than half of
 * its lifetime (INTERNAL_TOKEN_TTL_S) is left, so a caller's requests do not each sign (and each
 * subgraph verify) a token of their own. It carries no request id: the gateway sends that in
 * the x-request-id header. With TOKEN_CACHE_SIZE=0, one token per call.
 */
export function internalTokenFor(caller: Caller, subgraph: string): Promise<string> {
  if (config.tokenCacheSize === 0) return mintInternalToken(caller, subgraph);
  const key = JSON.stringify([subgraph, caller.sub, caller.iss ?? null, caller.clientId ?? null, [...caller.scopes].sort()]);
  let token = minted.get(key);
  if (!token) {
    token = mintInternalToken(caller, subgraph);
    token.catch(() => minted.delete(key));
    minted.set(key, token);
  }
  return token;
}

/** Internal tokens this subgraph verified, until their `exp`. */
const verified = new TokenCache<Caller & { requestId?: string }>("internal");

/** Verifies a gateway token for this subgraph with the internal key's public set only (INTERNAL_JWKS); anything else is UNAUTHENTICATED. */
export async function verifyInternalToken(token: string | undefined, subgraph: string): Promise<Caller & { requestId?: string }> {
  if (!token) throw unauthenticated("subgraphs answer only the gateway");
  const known = verified.get(token);
  if (known) return { ...known, scopes: [...known.scopes] };
  const { getKey } = await verificationKeys("internal");
  try {
    const { payload } = await jwtVerify(token, getKey, {
      issuer: INTERNAL_ISSUER,
      audience: `subgraph:${subgraph}`,
      algorithms: ["EdDSA"],
      typ: TYP,
      requiredClaims: ["exp", "iat", "sub"],
      clockTolerance: 5,
    });
    const caller = {
      sub: payload.sub!,
      // The caller's own issuer (`iss` of this token is the gateway).
      iss: typeof payload.ciss === "string" ? payload.ciss : undefined,
      scopes: parseScopes(payload.scope),
      clientId: typeof payload.client_id === "string" ? payload.client_id : undefined,
      requestId: typeof payload.rid === "string" ? payload.rid : undefined,
    };
    verified.set(token, caller, payload.exp!);
    return caller;
  } catch {
    throw unauthenticated("subgraphs answer only the gateway");
  }
}
