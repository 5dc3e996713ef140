import fs from "node:fs/promises";
import { importJWK, SignJWT, type CryptoKey, type JWK } from "jose";
import { CLIENT_ASSERTION_TYP } from "../runtime/auth/caller.js";
import { config } from "../runtime/config.js";

/** What the site's integration client signs with: its private JWK (RECORDER_CLIENT_KEY_FILE). */
export interface ClientKey {
  clientId: string;
  alg: string;
  kid?: string;
  key: CryptoKey;
}

const ALG_OF: Record<string, string> = { "EC:P-256": "ES256", "OKP:Ed25519": "EdDSA", RSA: "PS256" };

export async function loadClientKey(clientId: string, file: string): Promise<ClientKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(await fs.readFile(file, "utf8")) as JWK;
  } catch (err) {
    throw new Error(`RECORDER_CLIENT_KEY_FILE ${file}: not a JSON Web Key (${(err as Error).message})`);
  }
  if (!jwk.d) throw new Error(`RECORDER_CLIENT_KEY_FILE ${file}: holds no private key`);
  const alg = jwk.alg ?? ALG_OF[jwk.kty === "RSA" ? "RSA" : `${jwk.kty}:${jwk.crv}`];
  if (!alg) throw new Error(`RECORDER_CLIENT_KEY_FILE ${file}: set "alg" (key type ${jwk.kty} ${jwk.crv ?? ""})`);
  return { clientId, alg, kid: jwk.kid, key: (await importJWK(jwk, alg)) as CryptoKey };
}

/**
 * A fresh client assertion (private_key_jwt, runtime/auth/client-assertion.ts checks it): typed
 * `client-authentication+jwt`, iss = sub = client id, aud = JWT_AUDIENCE, 60 s, a new jti each
 * time (the centre refuses a jti it has seen), scope lineage:write.
 */
export function clientAssertion(c: ClientKey): Promise<string> {
  return new SignJWT({ scope: "lineage:write" })
    .setProtectedHeader({ alg: c.alg, typ: CLIENT_ASSERTION_TYP, ...(c.kid ? { kid: c.kid } : {}) })
    .setIssuer(c.clientId)
    .setSubject(c.clientId)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime("60s")
    .setJti(crypto.randomUUID())
    .sign(c.key);
}
