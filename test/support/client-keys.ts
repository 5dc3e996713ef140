import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { expect } from "vitest";
import { config } from "../../runtime/config.js";
import { gql, uniq, type GqlResponse } from "./stack.js";

// Keys, signed tokens and integration clients as the token tests write them (test/security-tokens.e2e.test.ts,
// test/integration-clients.e2e.test.ts); docs/security.md shows an integrator the same.

/** A query any valid token may send: what is checked is whether the token gets through. */
export const PROBE = `{ site(id: "none") { id } }`;
export const now = () => Math.floor(Date.now() / 1000);

export interface Key { privateKey: CryptoKey; jwk: JWK; privateJwk: JWK }
export async function newKey(alg: "RS256" | "ES256", kid = uniq("kid")): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid }, privateJwk: await exportJWK(privateKey) };
}

/** Signs `claims` as given (no defaults added), with the header merged over alg/kid/typ. */
export function sign(key: { privateKey: CryptoKey; kid?: string }, claims: JWTPayload, header: Record<string, unknown> & { alg: string }) {
  return new SignJWT(claims).setProtectedHeader({ kid: key.kid, ...header } as never).sign(key.privateKey);
}

/** A rejected request: HTTP 401, UNAUTHENTICATED, and no data at all. */
export function expectRejected(res: GqlResponse, message?: RegExp) {
  expect(res.status).toBe(401);
  expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  expect(res.data ?? null).toBeNull();
  if (message) expect(res.errors?.[0].message).toMatch(message);
}
export function expectAccepted(res: GqlResponse) {
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
}

/** Registers an integration client through `url` with an admin token. */
export async function registerClient(url: string, admin: string, clientId: string, jwks: { keys: JWK[] }, allowedScopes = ["lineage:read"]) {
  const res = await gql(url, admin, `mutation($i: RegisterClientInput!) { registerClient(input: $i) { clientId version revoked } }`, {
    i: { clientId, name: clientId, jwks, allowedScopes },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.registerClient as { clientId: string; version: number };
}
/** A fresh client assertion (private_key_jwt) of `clientId`, signed with `key`; claims and header overridable. */
export function assertion(clientId: string, key: Key, over: JWTPayload = {}, header: Record<string, unknown> = {}) {
  const claims = { iss: clientId, sub: clientId, aud: config.audience, iat: now(), exp: now() + 60, jti: crypto.randomUUID(), scope: "lineage:read", ...over };
  return sign({ privateKey: key.privateKey, kid: key.jwk.kid }, claims, { alg: "ES256", typ: "client-authentication+jwt", ...header });
}
