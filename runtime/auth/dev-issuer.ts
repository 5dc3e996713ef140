import { SignJWT } from "jose";
import { config, DEV_ISSUER } from "../config.js";
import { loadKey } from "../keys.js";

/**
 * Signs a token of the dev issuer (local stacks only; refused when NODE_ENV=production).
 * Lifetime defaults to 8 hours.
 */
export async function issueDevToken(sub: string, scopes: string[], ttlSeconds = 8 * 3600): Promise<string> {
  if (config.production) throw new Error("the dev issuer does not exist in production");
  const key = await loadKey("dev-issuer");
  return new SignJWT({ scope: scopes.join(" ") })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "at+jwt" })
    .setIssuer(DEV_ISSUER)
    .setAudience(config.audience)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .setJti(crypto.randomUUID())
    .sign(key.privateKey);
}
