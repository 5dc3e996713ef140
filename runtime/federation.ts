import "reflect-metadata";
import { buildSubgraphSchema, type GraphQLResolverMap } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type BuildSchemaOptions } from "type-graphql";
import { boundIdArguments } from "./id-bounds.js";
import { enforceDeclaredScopes, withReadScopes } from "./read-scopes.js";
import { authChecker } from "./scopes.js";

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@provides", "@authenticated", "@requiresScopes"])`;

/** `__resolveReference` per entity type name. */
export type ReferenceResolvers = Record<string, { __resolveReference: (ref: { id: string }, ctx: never) => unknown }>;

/**
 * The one place that knows federation plumbing: builds a type-graphql schema, prints it with
 * its directives under the Federation v2 `@link`, and hands it to `buildSubgraphSchema` with
 * the resolvers and the entities' reference resolvers. Read scopes are added to the types that
 * hold data (runtime/read-scopes.ts) and enforced here as well as at the gateway.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck" | "authChecker">,
  references: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, authChecker, skipCheck: true, validate: false });
  const typeDefs = withReadScopes(parse(`${LINK}\n${printSchemaWithDirectives(schema)}`));
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [type, ref] of Object.entries(references)) {
    resolvers[type] = { ...(resolvers[type] as object), ...ref } as GraphQLResolverMap<unknown>[string];
  }
  return boundIdArguments(enforceDeclaredScopes(buildSubgraphSchema([{ typeDefs, resolvers }])));
}
