import type { JWK } from "jose";
import { sha256Hex } from "../canonical.js";
import { read, write } from "../db.js";

/** What the gateway needs of a registered integration client. */
export interface ClientRecord {
  clientId: string;
  jwks: { keys: JWK[] } | null;
  jwksUrl: string | null;
  allowedScopes: string[];
  /** Bumped whenever the keys or scopes change, so cached key sets are keyed by it. */
  version: number;
  revokedAt: string | null;
}

/** Loads a client by id (unique-constraint index lookup); read on every assertion so a revocation applies at once. */
export async function findClient(clientId: string): Promise<ClientRecord | undefined> {
  const row = await read({ op: "gateway:findClient" }, (tx) =>
    tx.one<{ c: Omit<ClientRecord, "jwks"> & { jwks: string | null } }>({
      cypher: `MATCH (c:IntegrationClient {clientId: $clientId})
               RETURN c {.clientId, .jwks, .jwksUrl, .allowedScopes, .version, .revokedAt} AS c`,
      params: { clientId },
    }),
  );
  if (!row) return undefined;
  return { ...row.c, jwks: row.c.jwks ? (JSON.parse(row.c.jwks) as { keys: JWK[] }) : null, revokedAt: row.c.revokedAt ?? null };
}

/** recorded; replayed (the jti was used); changed: the client is revoked or its keys or scopes changed since `version` was read. */
export type AssertionOutcome = "recorded" | "replayed" | "changed";

/**
 * Records an assertion's `jti` as used until `expiresAt` (epoch seconds). The unique constraint
 * on UsedAssertion.key makes a second CREATE fail, also under concurrency: that is a replay.
 * Only a client still unrevoked, at the `version` the signature was checked against, gets a
 * record: revocation and key or scope changes win a race with verification, and a gateway that
 * checked against a remembered copy of the client learns here, in the same write, that it is old.
 */
export async function recordAssertion(clientId: string, jti: string, expiresAt: number, version: number): Promise<AssertionOutcome> {
  try {
    const row = await write({ op: "gateway:recordAssertion" }, (tx) =>
      tx.one<{ n: number }>({
        cypher: `MATCH (c:IntegrationClient {clientId: $clientId}) WHERE c.revokedAt IS NULL AND c.version = $version
                 CREATE (u:UsedAssertion {key: $key, clientId: $clientId, expiresAt: $expiresAt})
                 RETURN count(u) AS n`,
        params: { clientId, key: sha256Hex(`${clientId}\n${jti}`), expiresAt, version },
      }),
    );
    return row && row.n > 0 ? "recorded" : "changed";
  } catch (err) {
    if ((err as { code?: string }).code === "Neo.ClientError.Schema.ConstraintValidationFailed") return "replayed";
    throw err;
  }
}

const SWEEP_EVERY_MS = 60_000;
let lastSweep = 0;

/**
 * Deletes used-assertion records past their expiry, at most once a minute per process and
 * never in a request's way: an expired assertion is refused on `exp` anyway.
 */
export function sweepExpiredAssertions(now = Date.now()): void {
  if (now - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = now;
  write({ op: "gateway:sweepAssertions" }, (tx) =>
    tx.run({
      cypher: `MATCH (u:UsedAssertion) WHERE u.expiresAt < $now WITH u LIMIT 5000 DELETE u`,
      params: { now: Math.floor(now / 1000) },
    }),
  ).catch(() => undefined);
}
