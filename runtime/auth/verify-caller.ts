import { decodeJwt, jwtVerify } from "jose";
import { config } from "../config.js";
import { unauthenticated } from "../errors.js";
import { parseScopes, type Caller } from "./caller.js";
import { loadIssuers, type ResolvedIssuer } from "./issuers.js";

let issuers: Promise<Map<string, ResolvedIssuer>> | undefined;

/**
 * Verifies a caller's bearer token: the issuer must be trusted, the signature valid with an
 * allowed algorithm, and `iss`, `aud`, `exp`, `iat`, `sub` present and in time (clock tolerance
 * JWT_CLOCK_TOLERANCE_S). Header-supplied keys (`jku`, `x5u`, `jwk`) are never used.
 */
export async function verifyCaller(token: string): Promise<Caller> {
  issuers ??= loadIssuers();
  const trusted = await issuers;
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    throw unauthenticated("malformed token");
  }
  const issuer = typeof iss === "string" ? trusted.get(iss) : undefined;
  if (!issuer) throw unauthenticated("token issuer is not trusted");
  try {
    const { payload } = await jwtVerify(token, issuer.keys, {
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: issuer.algorithms,
      requiredClaims: ["exp", "iat", "sub"],
      clockTolerance: config.clockToleranceS,
      ...(issuer.typ ? { typ: issuer.typ } : {}),
    });
    if (typeof payload.iat === "number" && payload.iat > Date.now() / 1000 + config.clockToleranceS) {
      throw new Error("iat in the future");
    }
    return { sub: payload.sub!, scopes: parseScopes(payload[issuer.scopeClaim]) };
  } catch {
    throw unauthenticated("token rejected");
  }
}

/** Extracts the token of an `Authorization: Bearer` header. */
export function bearer(header: string | null | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/);
  return m?.[1];
}
