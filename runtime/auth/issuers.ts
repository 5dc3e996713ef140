import fs from "node:fs";
import { createLocalJWKSet, createRemoteJWKSet, type JWK, type JWTVerifyGetKey } from "jose";
import { config, DEV_ISSUER } from "../config.js";
import { loadKey } from "../keys.js";

/** One issuer whose tokens the gateway accepts. */
export interface TrustedIssuer {
  issuer: string;
  /** Expected `aud` (default: JWT_AUDIENCE). */
  audience?: string;
  /** Remote key set (fetched with jose's createRemoteJWKSet). */
  jwksUrl?: string;
  /** Inline key set. */
  jwks?: { keys: JWK[] };
  /** Allowed algorithms (default ["RS256", "ES256", "EdDSA"]). */
  algorithms?: string[];
  /** Claim that carries scopes (default "scope"). */
  scopeClaim?: string;
  /** Required `typ` header, when the issuer sets one (e.g. "at+jwt"). */
  typ?: string;
}

export interface ResolvedIssuer extends Required<Pick<TrustedIssuer, "issuer" | "audience" | "algorithms" | "scopeClaim">> {
  typ?: string;
  keys: JWTVerifyGetKey;
}

/** Remote key-set fetch settings (JWKS_TIMEOUT_MS 5000, JWKS_COOLDOWN_MS 30000, JWKS_CACHE_MAX_AGE_MS 600000). */
const remoteOptions = () => ({
  timeoutDuration: Number(process.env.JWKS_TIMEOUT_MS ?? 5000),
  cooldownDuration: Number(process.env.JWKS_COOLDOWN_MS ?? 30000),
  cacheMaxAge: Number(process.env.JWKS_CACHE_MAX_AGE_MS ?? 600000),
});

/**
 * Trusted issuers from TRUSTED_ISSUERS (a JSON array of TrustedIssuer) or TRUSTED_ISSUERS_FILE
 * (a path to such a file), plus the dev issuer on a local stack.
 */
export async function loadIssuers(): Promise<Map<string, ResolvedIssuer>> {
  const raw = process.env.TRUSTED_ISSUERS ?? (process.env.TRUSTED_ISSUERS_FILE ? fs.readFileSync(process.env.TRUSTED_ISSUERS_FILE, "utf8") : "[]");
  const list = JSON.parse(raw) as TrustedIssuer[];
  const out = new Map<string, ResolvedIssuer>();
  for (const t of list) {
    if (!t.issuer || (!t.jwksUrl && !t.jwks)) throw new Error(`trusted issuer ${JSON.stringify(t.issuer)} needs issuer and jwksUrl or jwks`);
    out.set(t.issuer, {
      issuer: t.issuer,
      audience: t.audience ?? config.audience,
      algorithms: t.algorithms ?? ["RS256", "ES256", "EdDSA"],
      scopeClaim: t.scopeClaim ?? "scope",
      typ: t.typ,
      keys: t.jwksUrl ? createRemoteJWKSet(new URL(t.jwksUrl), remoteOptions()) : createLocalJWKSet(t.jwks!),
    });
  }
  if (!config.production) {
    const dev = await loadKey("dev-issuer");
    out.set(DEV_ISSUER, {
      issuer: DEV_ISSUER,
      audience: config.audience,
      algorithms: ["EdDSA"],
      scopeClaim: "scope",
      typ: "at+jwt",
      keys: createLocalJWKSet({ keys: [dev.publicJwk] }),
    });
  }
  return out;
}
