import { SignJWT, jwtVerify } from "jose";
import { config, INTERNAL_ISSUER } from "../config.js";
import { loadKey } from "../keys.js";
import { verificationKeys } from "./verification-keys.js";
import { unauthenticated } from "../errors.js";
import { parseScopes, type Caller } from "./caller.js";

const TYP = "internal+jwt";

/** Mints the gateway's short-lived token for one subgraph (audience = the subgraph's name). */
export async function mintInternalToken(caller: Caller, subgraph: string, requestId: string): Promise<string> {
  const key = await loadKey("internal");
  return new SignJWT({ scope: caller.scopes.join(" "), ...(caller.clientId ? { client_id: caller.clientId } : {}), ...(caller.iss ? { ciss: caller.iss } : {}), rid: requestId })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: TYP })
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(`subgraph:${subgraph}`)
    .setSubject(caller.sub)
    .setIssuedAt()
    .setExpirationTime(`${config.internalTokenTtlS}s`)
    .sign(key.privateKey);
}

/** Verifies a gateway token for this subgraph with the internal key's public set only (INTERNAL_JWKS); anything else is UNAUTHENTICATED. */
export async function verifyInternalToken(token: string | undefined, subgraph: string): Promise<Caller & { requestId?: string }> {
  if (!token) throw unauthenticated("subgraphs answer only the gateway");
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
    return {
      sub: payload.sub!,
      // The caller's own issuer (`iss` of this token is the gateway).
      iss: typeof payload.ciss === "string" ? payload.ciss : undefined,
      scopes: parseScopes(payload.scope),
      clientId: typeof payload.client_id === "string" ? payload.client_id : undefined,
      requestId: typeof payload.rid === "string" ? payload.rid : undefined,
    };
  } catch {
    throw unauthenticated("subgraphs answer only the gateway");
  }
}
