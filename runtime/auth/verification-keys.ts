import fs from "node:fs/promises";
import path from "node:path";
import { createLocalJWKSet, type JWK, type JWTVerifyGetKey } from "jose";
import { config, env } from "../config.js";
import { publicOnlyJwks } from "./public-jwks.js";

/**
 * Public keys that verify what this deployment signs, by the role of the signing key (see
 * runtime/keys.ts): `internal` (the gateway's tokens to subgraphs), `service` (approvals,
 * documents, checkpoints, drift events; served at /.well-known/jwks.json) and `dev-issuer`
 * (local developer tokens). This module never reads a private key: each set comes from its
 * variable (INTERNAL_JWKS, SERVICE_JWKS, DEV_ISSUER_JWKS), else, on a local stack, from the
 * public file `<DATA_DIR>/keys/<role>.jwks.json` that runtime/keys.ts writes beside the private
 * one; either way a key with a private part is refused (public-jwks.ts). A set may list several
 * keys (rotation: the new key first, the old one until its signatures have expired).
 */
export type VerifyingRole = "internal" | "service" | "dev-issuer";

const ENV_VAR = { internal: "INTERNAL_JWKS", service: "SERVICE_JWKS", "dev-issuer": "DEV_ISSUER_JWKS" } as const;

export interface VerificationKeys {
  jwks: { keys: JWK[] };
  getKey: JWTVerifyGetKey;
}

const cache = new Map<VerifyingRole, Promise<VerificationKeys>>();

/** The public file a local stack keeps beside a role's private key. */
export const publicKeyFile = (role: VerifyingRole): string => path.join(config.dataDir, "keys", `${role}.jwks.json`);

/** The public keys of `role` (cached; a failure is retried on the next call). */
export function verificationKeys(role: VerifyingRole): Promise<VerificationKeys> {
  let pending = cache.get(role);
  if (!pending) {
    pending = resolve(role);
    cache.set(role, pending);
    pending.catch(() => cache.delete(role));
  }
  return pending;
}

async function resolve(role: VerifyingRole): Promise<VerificationKeys> {
  const name = ENV_VAR[role];
  let value: unknown = env[name];
  if (value === undefined) {
    if (config.production) throw new Error(`${name} must be set in production (the public JWK set of the ${role} key)`);
    try {
      value = JSON.parse(await fs.readFile(publicKeyFile(role), "utf8"));
    } catch (err) {
      throw new Error(`${name} is not set and ${publicKeyFile(role)} cannot be read (${(err as Error).message}): start the stack with npm start, or set ${name}`);
    }
  }
  const jwks = publicOnlyJwks(value, name);
  return { jwks, getKey: createLocalJWKSet(jwks) };
}
