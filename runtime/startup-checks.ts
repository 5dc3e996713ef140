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
