/** The scopes of the public contract. */
export const SCOPES = ["lineage:read", "lineage:write", "approvals:decide", "audit:read", "reports:read", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling, as established by the gateway from a verified token. */
export interface Caller {
  sub: string;
  /** Issuer of the caller's token (the client id for an integration client); part of its identity (auth/identity.ts). */
  iss?: string;
  scopes: string[];
  /** Integration client id when the caller authenticated with a client assertion. */
  clientId?: string;
}

export const hasScope = (caller: Caller | undefined, scope: Scope): boolean =>
  !!caller && (caller.scopes.includes(scope) || caller.scopes.includes("admin"));

/** Splits a `scope` claim (space-separated string or array) into scopes. */
export function parseScopes(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((s): s is string => typeof s === "string");
  if (typeof claim === "string") return claim.split(/\s+/).filter(Boolean);
  return [];
}

/** Explicit type of a client assertion (draft-ietf-oauth-rfc7523bis), so no other JWT passes for one. */
export const CLIENT_ASSERTION_TYP = "client-authentication+jwt";
