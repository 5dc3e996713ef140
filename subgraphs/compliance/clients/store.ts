import { canonicalJson, sha256Hex } from "../../../runtime/canonical.js";
import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { conflict, notFound } from "../../../runtime/errors.js";
import { mutate, type Props } from "../../../runtime/mutation.js";
import { jsonIn, mapper, num, optText, text, texts } from "../../../runtime/graph/mapper.js";
import type { IntegrationClient } from "./types.js";

/** A client as registered, keys as JSON text (a property holds no maps). */
export interface ClientInput {
  clientId: string;
  name: string;
  jwks: string | null;
  jwksUrl: string | null;
  allowedScopes: string[];
}

const now = () => new Date().toISOString();

/** A stored client as the API shows it: `jwks` is kept as JSON text, `revoked` is whether it has `revokedAt`. */
const toClient = mapper<IntegrationClient>({
  clientId: text, name: text, jwks: jsonIn("jwks"), jwksUrl: optText, allowedScopes: texts, version: num, registeredBy: text,
  createdAt: text, updatedAt: optText, revoked: (p) => p.revokedAt != null, revokedAt: optText, revokedBy: optText,
});

/**
 * Registers a client, or changes its name, keys or scopes (version + 1, so the gateway drops
 * its cached key set). The same content again changes nothing and writes no audit event. A
 * revoked client stays revoked: its id cannot be registered again.
 */
export function registerClient(ctx: Ctx, input: ClientInput): Promise<IntegrationClient> {
  const { clientId, ...props } = input;
  const contentHash = sha256Hex(canonicalJson(props));
  return mutate(ctx, "registerClient", input, async (tx) => {
    const row = (await tx.one<{ c: Props; created: boolean }>({
      cypher: `MERGE (c:IntegrationClient {clientId: $clientId})
               ON CREATE SET c += $props, c.contentHash = $contentHash, c.version = 1, c.createdAt = $now, c.registeredBy = $sub, c._new = true
               WITH c, c._new IS NOT NULL AS created
               REMOVE c._new
               RETURN c {.*} AS c, created`,
      params: { clientId, props, contentHash, now: now(), sub: ctx.caller.sub },
    }))!;
    const asStored = { result: toClient(row.c), changed: row.created, subjects: [clientId] };
    if (row.created) return asStored;
    if (row.c.revokedAt) throw conflict(`client ${clientId} was revoked: register the integration under a new client id`);
    if (row.c.contentHash === contentHash) return asStored;
    const updated = (await tx.one<{ c: Props }>({
      cypher: `MATCH (c:IntegrationClient {clientId: $clientId})
               SET c += $props, c.contentHash = $contentHash, c.version = c.version + 1, c.updatedAt = $now
               RETURN c {.*} AS c`,
      params: { clientId, props, contentHash, now: now() },
    }))!;
    return { result: toClient(updated.c), changed: true, subjects: [clientId] };
  });
}

/** Revokes a client: its assertions are refused from the next request on. Revoking twice changes nothing. */
export function revokeClient(ctx: Ctx, clientId: string): Promise<IntegrationClient> {
  return mutate(ctx, "revokeClient", { clientId }, async (tx) => {
    const row = await tx.one<{ c: Props; changed: boolean }>({
      cypher: `MATCH (c:IntegrationClient {clientId: $clientId})
               WITH c, c.revokedAt IS NULL AS changed
               SET c.revokedAt = coalesce(c.revokedAt, $now), c.revokedBy = coalesce(c.revokedBy, $sub)
               RETURN c {.*} AS c, changed`,
      params: { clientId, now: now(), sub: ctx.caller.sub },
    });
    if (!row) throw notFound("IntegrationClient", clientId);
    return { result: toClient(row.c), changed: row.changed, subjects: [clientId] };
  });
}

/** Clients in client-id order, one page (`after` = the previous page's last clientId). */
export function listClients(ctx: Ctx, opts: { includeRevoked: boolean; first: number; after: string | null }): Promise<IntegrationClient[]> {
  return read({ op: "clients", stats: ctx.stats }, async (tx) =>
    (
      await tx.run<{ c: Props }>({
        cypher: `MATCH (c:IntegrationClient)
                 WHERE ($includeRevoked OR c.revokedAt IS NULL) AND ($after IS NULL OR c.clientId > $after)
                 RETURN c {.*} AS c ORDER BY c.clientId LIMIT $first`,
        params: opts,
      })
    ).map((r) => toClient(r.c)),
  );
}
