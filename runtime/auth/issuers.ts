import fs from "node:fs";
import { createLocalJWKSet, createRemoteJWKSet, type JWK, type JWTVerifyGetKey } from "jose";
import { config, DEV_ISSUER, env, INTERNAL_ISSUER } from "../config.js";
import { verificationKeys } from "./verification-keys.js";

/** One issuer whose tokens the gateway accepts (an element of TRUSTED_ISSUERS). */
export interface TrustedIssuer {
  issuer: string;
  /** Expected `aud` (default: JWT_AUDIENCE). */
  audience?: string;
  /** Remote key set (fetched with jose's createRemoteJWKSet). */
  jwksUrl?: string;
  /** Inline key set (public keys only). */
  jwks?: { keys: JWK[] };
  /** Allowed algorithms (default ["RS256", "ES256", "EdDSA"]); asymmetric ones only. */
  algorithms?: string[];
  /** Claim that carries scopes (default "scope"; a space-separated string or an array). */
  scopeClaim?: string;
  /** Required `typ` header, when the issuer sets one (e.g. "at+jwt"). */
  typ?: string;
  /** Remote key set: fetch timeout in ms (default JWKS_TIMEOUT_MS, 5000). */
  jwksTimeoutMs?: number;
  /** Remote key set: least time between two fetches caused by an unknown `kid`, ms (default JWKS_COOLDOWN_MS, 30000). */
  jwksCooldownMs?: number;
  /** Remote key set: age after which the cached set is fetched again, ms (default JWKS_CACHE_MAX_AGE_MS, 600000). */
  jwksCacheMaxAgeMs?: number;
}

export interface ResolvedIssuer extends Required<Pick<TrustedIssuer, "issuer" | "audience" | "algorithms" | "scopeClaim">> {
  typ?: string;
  keys: JWTVerifyGetKey;
  /** Drops the cached remote key set and fetches it again (absent for inline sets). */
  reload?: () => Promise<void>;
}

/** Where the trusted issuers come from: given here, else TRUSTED_ISSUERS / TRUSTED_ISSUERS_FILE. */
export interface IssuerOptions {
  issuers?: TrustedIssuer[];
  /** Production drops the dev issuer (default: NODE_ENV=production). */
  production?: boolean;
}

const ASYMMETRIC = new Set(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"]);
const RESERVED = new Set([DEV_ISSUER, INTERNAL_ISSUER]);

const ms = (value: number | undefined, name: "JWKS_TIMEOUT_MS" | "JWKS_COOLDOWN_MS" | "JWKS_CACHE_MAX_AGE_MS"): number => {
  const v = value ?? env[name];
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} (or its per-issuer override) must be a non-negative integer of milliseconds`);
  return v;
};

/** The trusted issuers as configured: TRUSTED_ISSUERS (a JSON array) wins over TRUSTED_ISSUERS_FILE (a path to one). */
export function configuredIssuers(): TrustedIssuer[] {
  const list = env.TRUSTED_ISSUERS ?? (env.TRUSTED_ISSUERS_FILE ? (JSON.parse(fs.readFileSync(env.TRUSTED_ISSUERS_FILE, "utf8")) as unknown) : []);
  if (!Array.isArray(list)) throw new Error("TRUSTED_ISSUERS must be a JSON array of issuers");
  return list as TrustedIssuer[];
}

/** Checks one configured issuer; a mistake stops the gateway at start with a message naming it. */
function check(t: TrustedIssuer): void {
  const name = JSON.stringify(t.issuer);
  if (!t.issuer || (!t.jwksUrl === !t.jwks)) throw new Error(`trusted issuer ${name} needs issuer and exactly one of jwksUrl or jwks`);
  if (RESERVED.has(t.issuer)) throw new Error(`trusted issuer ${name} is reserved for this service`);
  // Symmetric or "none" algorithms would turn a public key into a shared secret (RFC 8725 3.1-3.2).
  const bad = (t.algorithms ?? []).filter((a) => !ASYMMETRIC.has(a));
  if (bad.length || t.algorithms?.length === 0) throw new Error(`trusted issuer ${name}: algorithms must be asymmetric JWS algorithms, not ${bad.join(", ") || "empty"}`);
  if (t.jwks && t.jwks.keys.some((k) => "d" in k || k.kty === "oct")) throw new Error(`trusted issuer ${name}: jwks must hold public keys only`);
  if (t.jwksUrl && new URL(t.jwksUrl).protocol !== "https:" && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(t.jwksUrl)) {
    throw new Error(`trusted issuer ${name}: jwksUrl must be https (http only on loopback)`);
  }
}

/**
 * Resolves trusted issuers (see IssuerOptions) into key sets, plus the dev issuer on a local
 * stack. Remote sets use jose's createRemoteJWKSet: at most one refetch per cooldown for unknown
 * `kid`s, a refetch when the cache is older than its max age, and `reload()` on demand.
 */
export async function loadIssuers(opts: IssuerOptions = {}): Promise<Map<string, ResolvedIssuer>> {
  const out = new Map<string, ResolvedIssuer>();
  for (const t of opts.issuers ?? configuredIssuers()) {
    check(t);
    const common = {
      issuer: t.issuer,
      audience: t.audience ?? config.audience,
      algorithms: t.algorithms ?? ["RS256", "ES256", "EdDSA"],
      scopeClaim: t.scopeClaim ?? "scope",
      typ: t.typ,
    };
    if (t.jwksUrl) {
      const remote = createRemoteJWKSet(new URL(t.jwksUrl), {
        timeoutDuration: ms(t.jwksTimeoutMs, "JWKS_TIMEOUT_MS"),
        cooldownDuration: ms(t.jwksCooldownMs, "JWKS_COOLDOWN_MS"),
        cacheMaxAge: ms(t.jwksCacheMaxAgeMs, "JWKS_CACHE_MAX_AGE_MS"),
      });
      out.set(t.issuer, { ...common, keys: remote, reload: () => remote.reload() });
    } else {
      out.set(t.issuer, { ...common, keys: createLocalJWKSet(t.jwks!) });
    }
  }
  if (!(opts.production ?? config.production)) {
    const dev = await verificationKeys("dev-issuer");
    out.set(DEV_ISSUER, {
      issuer: DEV_ISSUER,
      audience: config.audience,
      algorithms: ["EdDSA"],
      scopeClaim: "scope",
      typ: "at+jwt",
      keys: dev.getKey,
    });
  }
  return out;
}
