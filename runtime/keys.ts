import fs from "node:fs/promises";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, calculateJwkThumbprint, type JWK, type CryptoKey } from "jose";
import { config, env } from "./config.js";

/** A signing key pair with its public JWK (kid and alg set). */
export interface KeyPair {
  kid: string;
  alg: "EdDSA";
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * The keys of this deployment, by role:
 * - `service`: signs approvals, audit checkpoints and documents (public half at /.well-known/jwks.json);
 * - `internal`: signs the gateway's short-lived tokens to subgraphs;
 * - `dev-issuer`: signs local developer tokens (never loaded in production).
 */
export type KeyRole = "service" | "internal" | "dev-issuer";

const ENV_VAR: Record<KeyRole, "SERVICE_SIGNING_JWK" | "INTERNAL_SIGNING_JWK" | "DEV_ISSUER_JWK"> = {
  service: "SERVICE_SIGNING_JWK",
  internal: "INTERNAL_SIGNING_JWK",
  "dev-issuer": "DEV_ISSUER_JWK",
};

const cache = new Map<KeyRole, Promise<KeyPair>>();

/**
 * Loads a key pair: from the environment variable for its role (a private JWK as JSON), else,
 * on a local stack, from `<DATA_DIR>/keys/<role>.jwk.json`, generated on first use.
 * In production a missing variable is an error: keys never come from the repository.
 */
export function loadKey(role: KeyRole): Promise<KeyPair> {
  let pending = cache.get(role);
  if (!pending) {
    pending = resolveKey(role);
    cache.set(role, pending);
    pending.catch(() => cache.delete(role));
  }
  return pending;
}

async function resolveKey(role: KeyRole): Promise<KeyPair> {
  const fromEnv = env[ENV_VAR[role]];
  if (fromEnv) return fromPrivateJwk(JSON.parse(fromEnv) as JWK);
  if (config.production) throw new Error(`${ENV_VAR[role]} must be set in production (a private Ed25519 JWK as JSON)`);
  return fromPrivateJwk(await readOrCreate(path.join(config.dataDir, "keys", `${role}.jwk.json`)));
}

async function readOrCreate(file: string): Promise<JWK> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as JWK;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(privateKey);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(jwk), { mode: 0o600 });
  // link() fails if another process created the key first; then theirs wins.
  await fs.link(tmp, file).catch(() => undefined);
  await fs.unlink(tmp);
  return JSON.parse(await fs.readFile(file, "utf8")) as JWK;
}

async function fromPrivateJwk(jwk: JWK): Promise<KeyPair> {
  const { d: _private, ...pub } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint(pub));
  const publicJwk: JWK = { ...pub, kid, alg: "EdDSA", use: "sig" };
  return {
    kid,
    alg: "EdDSA",
    privateKey: (await importJWK({ ...jwk, alg: "EdDSA" }, "EdDSA")) as CryptoKey,
    publicKey: (await importJWK(publicJwk, "EdDSA")) as CryptoKey,
    publicJwk,
  };
}

/** The public key set served at /.well-known/jwks.json. */
export async function serviceJwks(): Promise<{ keys: JWK[] }> {
  return { keys: [(await loadKey("service")).publicJwk] };
}
