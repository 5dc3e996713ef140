import { decodeJwt, type JWTPayload } from "jose";
import { unauthenticated } from "../errors.js";
import type { Caller } from "./caller.js";
import { ClientKeySets, verifyClientAssertion } from "./client-assertion.js";
import { verifyIssued } from "./issued-token.js";
import { loadIssuers, type IssuerOptions } from "./issuers.js";
import { TokenCache } from "./token-cache.js";

/** Verifies callers' bearer tokens for one gateway. */
export interface CallerVerifier {
  verify(token: string): Promise<Caller>;
  /**
   * Reads the issuer configuration again and starts every key set afresh (remote sets are
   * refetched on next use), so a key removed from an issuer's JWKS stops working now.
   */
  reload(): Promise<void>;
}

/**
 * A token verifier over the trusted issuers (`opts`, else TRUSTED_ISSUERS / TRUSTED_ISSUERS_FILE,
 * plus the dev issuer outside production) and the integration clients registered in the graph.
 *
 * Trusted issuers: the signature must verify with the issuer's keys and an allowed algorithm;
 * `iss`, `aud`, `exp`, `iat`, `sub` present and in time (clock tolerance JWT_CLOCK_TOLERANCE_S,
 * `iat` and `nbf` included); `typ` as configured. Any other `iss` is looked up as an integration
 * client (see verifyClientAssertion). Header-supplied keys (`jku`, `x5u`, `jwk`, `x5c`) are
 * never used: keys come only from configuration or the graph.
 *
 * A token from a trusted issuer, once verified, is remembered until its `exp` (TokenCache, keyed
 * by its hash; `reload()` forgets them all, so a removed key stops its tokens at once). Client
 * assertions are one-time (jti) and verified every time.
 */
export async function createCallerVerifier(opts: IssuerOptions = {}): Promise<CallerVerifier> {
  // Loaded up front: a configuration mistake stops the gateway at start, naming the issuer.
  let issuers = await loadIssuers(opts);
  const clientKeys = new ClientKeySets();
  const verified = new TokenCache<Caller>("caller");

  return {
    async verify(token: string): Promise<Caller> {
      const known = verified.get(token);
      if (known) return { ...known, scopes: [...known.scopes] };
      let payload: JWTPayload;
      try {
        payload = decodeJwt(token);
      } catch {
        throw unauthenticated("malformed token");
      }
      if (typeof payload.iss !== "string" || payload.iss.length === 0 || payload.iss.length > 256) {
        throw unauthenticated("token has no valid iss");
      }
      const issuer = issuers.get(payload.iss);
      if (!issuer) return verifyClientAssertion(token, payload.iss, clientKeys);
      const caller = await verifyIssued(token, issuer);
      verified.set(token, caller, payload.exp!);
      return { ...caller, scopes: [...caller.scopes] };
    },
    async reload() {
      issuers = await loadIssuers(opts);
      clientKeys.clear();
      verified.clear();
    },
  };
}

let defaultVerifier: Promise<CallerVerifier> | undefined;

/** Verifies a token against the configured issuers (one verifier per process, made on first use). */
export async function verifyCaller(token: string): Promise<Caller> {
  defaultVerifier ??= createCallerVerifier();
  return (await defaultVerifier).verify(token);
}

export { bearer } from "./issued-token.js";
