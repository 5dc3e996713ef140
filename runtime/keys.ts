import { hkdfSync } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, calculateJwkThumbprint, type JWK, type CryptoKey } from "jose";
import { config, env } from "./config.js";
import { publicKeyFile } from "./auth/verification-keys.js";

/** A signing key pair with its public JWK (kid and alg set). */
export interface KeyPair {
  kid: string;
  alg: "EdDSA";
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * The private keys of this deployment, by role:
 * - `service`: signs approvals, audit checkpoints, documents and drift events (public half at /.well-known/jwks.json);
 * - `internal`: signs the gateway's short-lived tokens to subgraphs;
 * - `dev-issuer`: signs local developer tokens (never loaded in production).
 * Verifying never needs one of these: runtime/auth/verification-keys.ts holds the public halves.
 */
export type KeyRole = "service" | "internal" | "dev-issuer";

/**
 * The only services that may hold each private key (least privilege: a subgraph that holds the
 * internal key could mint a token as anyone for every other subgraph). The stack, compose and
 * the chart give a private key to these services only; loadKey refuses it to any other. The
 * dev issuer's key belongs to no service: only `npm run token` and the tests sign with it.
 */
export const SIGNERS: Record<KeyRole, readonly string[]> = {
  internal: ["gateway"],
  // approvals signs approvals; compliance audit checkpoints and documents; datasets drift events.
  service: ["approvals", "compliance", "datasets"],
  "dev-issuer": [],
};

export const SIGNING_ENV: Record<KeyRole, "SERVICE_SIGNING_JWK" | "INTERNAL_SIGNING_JWK" | "DEV_ISSUER_JWK"> = {
  service: "SERVICE_SIGNING_JWK",
  internal: "INTERNAL_SIGNING_JWK",
  "dev-issuer": "DEV_ISSUER_JWK",
};

/** The public set of each role, as the verifying services read it (runtime/auth/verification-keys.ts). */
export const PUBLIC_ENV: Record<KeyRole, "SERVICE_JWKS" | "INTERNAL_JWKS" | "DEV_ISSUER_JWKS"> = {
  service: "SERVICE_JWKS",
  internal: "INTERNAL_JWKS",
  "dev-issuer": "DEV_ISSUER_JWKS",
};

const cache = new Map<KeyRole, Promise<KeyPair>>();
/** The private JWKs as loaded, for keyEnvFor (a CryptoKey from importJWK is not extractable). */
const privateJwks = new Map<KeyRole, JWK>();
let holder: string | undefined;

/** Names the service this process runs (tools/serve.ts, before anything loads a key); tools name none. */
export function setKeyHolder(service: string): void {
  holder = service;
}

/**
 * Loads a key pair: from the environment variable for its role (a private JWK as JSON), else,
 * on a local stack, from `<DATA_DIR>/keys/<role>.jwk.json`, generated on first use (its public
 * half written beside it). In production a missing variable is an error: keys never come from
 * the repository. A service not in SIGNERS for the role is refused.
 */
export function loadKey(role: KeyRole): Promise<KeyPair> {
  if (holder !== undefined && !SIGNERS[role].includes(holder)) {
    return Promise.reject(new Error(`the ${holder} service holds no ${role} signing key (only ${SIGNERS[role].join(", ") || "tools"} do)`));
  }
  let pending = cache.get(role);
  if (!pending) {
    pending = resolveKey(role);
    cache.set(role, pending);
    pending.catch(() => cache.delete(role));
  }
  return pending;
}

async function resolveKey(role: KeyRole): Promise<KeyPair> {
  const fromEnv = env[SIGNING_ENV[role]];
  if (fromEnv) {
    privateJwks.set(role, JSON.parse(fromEnv) as JWK);
    return fromPrivateJwk(privateJwks.get(role)!);
  }
  if (config.production) throw new Error(`${SIGNING_ENV[role]} must be set in production (a private Ed25519 JWK as JSON)`);
  privateJwks.set(role, await readOrCreate(path.join(config.dataDir, "keys", `${role}.jwk.json`)));
  const pair = await fromPrivateJwk(privateJwks.get(role)!);
  await writeAtomically(publicKeyFile(role), JSON.stringify({ keys: [pair.publicJwk] }), 0o644);
  return pair;
}

async function readOrCreate(file: string): Promise<JWK> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as JWK;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
  // link() fails if another process created the key first; then theirs wins.
  await fs.link(tmp, file).catch(() => undefined);
  await fs.unlink(tmp);
  return JSON.parse(await fs.readFile(file, "utf8")) as JWK;
}

async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text, { mode });
  await fs.rename(tmp, file);
}

/** The public JWK of a private one (kid: its thumbprint unless given). */
export async function publicJwkOf(jwk: JWK): Promise<JWK> {
  const { d: _private, ...pub } = jwk;
  return { ...pub, kid: jwk.kid ?? (await calculateJwkThumbprint(pub)), alg: "EdDSA", use: "sig" };
}

async function fromPrivateJwk(jwk: JWK): Promise<KeyPair> {
  const publicJwk = await publicJwkOf(jwk);
  return {
    kid: publicJwk.kid!,
    alg: "EdDSA",
    privateKey: (await importJWK({ ...jwk, alg: "EdDSA" }, "EdDSA")) as CryptoKey,
    publicKey: (await importJWK(publicJwk, "EdDSA")) as CryptoKey,
    publicJwk,
  };
}

/**
 * The key variables one service process gets (a local stack, launcher/stack.ts): the private JWK
 * of each role it signs for (SIGNERS) and the public set of every role; nothing else.
 */
export async function keyEnvFor(service: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const role of Object.keys(SIGNING_ENV) as KeyRole[]) {
    if (role === "dev-issuer" && config.production) continue;
    const pair = await loadKey(role);
    out[PUBLIC_ENV[role]] = JSON.stringify({ keys: [pair.publicJwk] });
    if (SIGNERS[role].includes(service)) out[SIGNING_ENV[role]] = JSON.stringify(privateJwks.get(role));
  }
  return out;
}

/**
 * A secret for one purpose, derived (HKDF-SHA256) from the private key of `role`: every replica
 * holding that key derives the same secret, and nothing else needs to be deployed. Only a signer
 * of the role can derive it (loadKey's rule).
 */
export async function derivedSecret(role: KeyRole, purpose: string): Promise<Buffer> {
  await loadKey(role);
  const d = Buffer.from(privateJwks.get(role)!.d!, "base64url");
  return Buffer.from(hkdfSync("sha256", d, Buffer.alloc(0), `ai-lineage ${purpose}`, 32));
}
