import { decodeJwt } from "jose";
import { hasScope, type Caller } from "../runtime/auth/caller.js";
import { verifyIssued } from "../runtime/auth/issued-token.js";
import { loadIssuers } from "../runtime/auth/issuers.js";
import { bearer } from "../runtime/auth/issued-token.js";
import { HttpError } from "../subgraphs/datasets/openlineage/body.js";

/**
 * Local callers' tokens, checked as the gateway checks them (runtime/auth/issued-token.ts)
 * against the trusted issuers (TRUSTED_ISSUERS / TRUSTED_ISSUERS_FILE, plus the dev issuer
 * outside production), with no database: integration-client assertions are the centre's
 * business, so a token of any other issuer is refused here.
 */
export async function localAuth(): Promise<(authorization: string | undefined) => Promise<Caller>> {
  const issuers = await loadIssuers();
  return async (authorization) => {
    const token = bearer(authorization);
    if (!token) throw new HttpError(401, "UNAUTHENTICATED", "a valid bearer token is required");
    let caller: Caller;
    try {
      const iss = decodeJwt(token).iss;
      const issuer = typeof iss === "string" ? issuers.get(iss) : undefined;
      if (!issuer) throw new Error("token issuer is not trusted");
      caller = await verifyIssued(token, issuer);
    } catch (err) {
      throw new HttpError(401, "UNAUTHENTICATED", (err as Error).message === "Invalid JWT" ? "malformed token" : (err as Error).message);
    }
    if (!hasScope(caller, "lineage:write")) throw new HttpError(403, "FORBIDDEN", "recording at a site requires the scope lineage:write");
    return caller;
  };
}
