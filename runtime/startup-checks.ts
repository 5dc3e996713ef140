import net from "node:net";

/** JWS algorithms a client may sign its assertions with: asymmetric only (a shared secret would let the server forge a client's assertions). */
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^ES256K$|^EdDSA$|^Ed25519$/;

/** Refuses at start an assertion algorithm list with a symmetric (HS*) or unsigned (none) algorithm. */
export function checkAssertionAlgorithms(algorithms: string[]): string[] {
  const bad = algorithms.filter((a) => !ASYMMETRIC.test(a));
  if (bad.length > 0) {
    throw new Error(`CLIENT_ASSERTION_ALGORITHMS: ${bad.join(", ")} refused; only asymmetric algorithms (RS*, PS*, ES*, EdDSA) verify a client's own key`);
  }
  return algorithms;
}

const isLoopback = (host: string) =>
  host === "localhost" || host === "::1" || (net.isIPv4(host) && host.startsWith("127."));

/**
 * The dev issuer mints tokens for anyone who can run `npm run token`: a gateway that trusts
 * it must not be reachable from the network unless someone says so (ALLOW_DEV_ISSUER_ON_NETWORK=1).
 */
export function checkDevIssuerExposure(host: string, production: boolean, allowOnNetwork: boolean): void {
  if (production || isLoopback(host) || allowOnNetwork) return;
  throw new Error(
    `refusing to start: HOST=${host} is not loopback and the dev issuer is on (anyone could mint a token); set NODE_ENV=production, bind to 127.0.0.1, or set ALLOW_DEV_ISSUER_ON_NETWORK=1`,
  );
}

/**
 * The placeholder values of deploy/.env.example: a deployment that copied the file and kept one
 * would run with a password or key everyone can read in this repository. Each secret variable
 * refuses them at start (runtime/config.ts); test/placeholder-secrets.test.ts keeps this list in
 * step with the file.
 */
const PLACEHOLDERS: Record<string, (value: string) => boolean> = {
  NEO4J_PASSWORD: (v) => /change-?me/i.test(v),
  // The example JWKs stand "..." where the key material goes.
  SERVICE_SIGNING_JWK: (v) => v.includes('"..."'),
  INTERNAL_SIGNING_JWK: (v) => v.includes('"..."'),
  SERVICE_JWKS: (v) => v.includes('"..."'),
  INTERNAL_JWKS: (v) => v.includes('"..."'),
};

/** The secret variables whose placeholder values are refused. */
export const PLACEHOLDER_CHECKED = Object.keys(PLACEHOLDERS);

/** Throws when `value` of secret variable `name` is a placeholder of deploy/.env.example. */
export function refusePlaceholder(name: string, value: string): string {
  if (PLACEHOLDERS[name]?.(value)) throw new Error(`is the placeholder of deploy/.env.example: set a real value`);
  return value;
}
