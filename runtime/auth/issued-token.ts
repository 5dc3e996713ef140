import { jwtVerify, type JWTPayload } from "jose";
import { config } from "../config.js";
import { unauthenticated } from "../errors.js";
import { parseScopes, type Caller } from "./caller.js";
import type { ResolvedIssuer } from "./issuers.js";
import { rejection } from "./rejection.js";

/**
 * Verifies a token of one trusted issuer (no database: the site recorder uses it alone): the
 * signature with the issuer's keys and an allowed algorithm; `iss`, `aud`, `exp`, `iat`, `sub`
 * present and in time (clock tolerance JWT_CLOCK_TOLERANCE_S); `typ` as configured.
 */
export async function verifyIssued(token: string, issuer: ResolvedIssuer): Promise<Caller> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, issuer.keys, {
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: issuer.algorithms,
      requiredClaims: ["exp", "iat", "sub"],
      clockTolerance: config.clockToleranceS,
      ...(issuer.typ ? { typ: issuer.typ } : {}),
    }));
  } catch (err) {
    throw unauthenticated(`token rejected: ${rejection(err)}`);
  }
  // jose checks `iat` only against maxTokenAge: a token "issued" in the future is refused here.
  if (payload.iat! > Date.now() / 1000 + config.clockToleranceS) throw unauthenticated("token rejected: iat is in the future");
  if (!payload.sub) throw unauthenticated("token rejected: empty sub");
  return { sub: payload.sub, iss: issuer.issuer, scopes: parseScopes(payload[issuer.scopeClaim]) };
}

/** Extracts the token of an `Authorization: Bearer` header. */
export function bearer(header: string | null | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/);
  return m?.[1];
}
