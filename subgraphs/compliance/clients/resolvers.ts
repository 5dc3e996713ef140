import { Arg, Ctx as Context, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { SCOPES } from "../../../runtime/auth/caller.js";
import { jwksUrl, publicJwks } from "../../../runtime/auth/client-keys.js";
import { config } from "../../../runtime/config.js";
import type { Ctx } from "../../../runtime/context.js";
import { badInput } from "../../../runtime/errors.js";
import { pageSize } from "../../../runtime/nodes.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { listClients, registerClient, revokeClient } from "./store.js";
import { IntegrationClient, RegisterClientInput } from "./types.js";

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{2,127}$/;

function clientId(field: string, value: string): string {
  if (!CLIENT_ID.test(value)) throw badInput(field, "must be 3-128 characters: letters, digits and . _ : - (starting with a letter or digit)");
  // The service's own issuer names must never be claimable by a client.
  if (value.startsWith("urn:ai-lineage:")) throw badInput(field, 'must not start with "urn:ai-lineage:"');
  return value;
}

function scopes(field: string, value: string[]): string[] {
  const unknown = value.find((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown !== undefined) throw badInput(field, `"${unknown.slice(0, 40)}" is not a scope; known: ${SCOPES.join(" ")}`);
  return [...new Set(value)].sort();
}

@Resolver(() => IntegrationClient)
export class ClientResolver {
  @Mutation(() => IntegrationClient, { description: "Registers an integration client, or changes its name, keys or scopes (admin)" })
  @RequiresScope("admin")
  async registerClient(@Arg("input", () => RegisterClientInput) input: RegisterClientInput, @Context() ctx: Ctx) {
    if ((input.jwks == null) === (input.jwksUrl == null)) throw badInput("input.jwks", "give exactly one of jwks or jwksUrl");
    return registerClient(ctx, {
      clientId: clientId("input.clientId", input.clientId),
      name: v.text("input.name", input.name, v.MAX_NAME),
      jwks: input.jwks == null ? null : JSON.stringify(await publicJwks("input.jwks", input.jwks)),
      jwksUrl: input.jwksUrl == null ? null : jwksUrl("input.jwksUrl", input.jwksUrl, config.production),
      allowedScopes: scopes("input.allowedScopes", input.allowedScopes),
    });
  }

  @Mutation(() => IntegrationClient, { description: "Revokes an integration client: refused from the next request on (admin)" })
  @RequiresScope("admin")
  revokeClient(@Arg("clientId", () => ID) id: string, @Context() ctx: Ctx) {
    return revokeClient(ctx, id);
  }

  @Query(() => [IntegrationClient], { description: "Registered integration clients by client id; page with first (default 50, max 500) and after (a clientId) (admin)" })
  @RequiresScope("admin")
  clients(
    @Context() ctx: Ctx,
    @Arg("includeRevoked", () => Boolean, { defaultValue: true }) includeRevoked: boolean,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return listClients(ctx, { includeRevoked, first: pageSize(first), after: after ?? null });
  }
}
