// `npm run --silent keys`: prints a fresh set of the deployment's keys as deploy/.env lines: each
// private Ed25519 JWK (*_SIGNING_JWK, for the services that sign with it: runtime/keys.ts SIGNERS)
// and its public JWK set (*_JWKS, for every service). Nothing is written to disk.
import { exportJWK, generateKeyPair } from "jose";
import { publicJwkOf } from "../runtime/keys.js";

for (const role of ["SERVICE", "INTERNAL"]) {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(privateKey);
  const pub = await publicJwkOf(jwk);
  process.stdout.write(`${role}_SIGNING_JWK=${JSON.stringify({ ...jwk, kid: pub.kid })}\n${role}_JWKS=${JSON.stringify({ keys: [pub] })}\n`);
}
