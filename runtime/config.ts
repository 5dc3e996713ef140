import path from "node:path";
import { checkAssertionAlgorithms } from "./startup-checks.js";

/** Names of the five subgraphs, in composition order. */
export const SUBGRAPHS = ["models", "datasets", "approvals", "gpu", "compliance"] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

const int = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
};

/**
 * Runtime configuration, read once from the environment. Every variable is documented in the
 * README's configuration table; defaults suit a local stack.
 */
export const config = {
  /** NODE_ENV=production disables the dev issuer, introspection and field suggestions. */
  production: process.env.NODE_ENV === "production",
  /** Gateway HTTP port (PORT, default 4000). */
  port: int("PORT", 4000),
  /** Host the gateway binds to (HOST, default 127.0.0.1). */
  host: process.env.HOST ?? "127.0.0.1",
  /** First subgraph port (SUBGRAPH_PORT_BASE, default 4001); subgraph i listens on base + i. 0 = any free port. */
  subgraphPortBase: int("SUBGRAPH_PORT_BASE", 4001),
  /** Host the subgraphs bind to (SUBGRAPH_HOST, default loopback). */
  subgraphHost: process.env.SUBGRAPH_HOST ?? "127.0.0.1",
  /** Where local state lives: embedded Neo4j, generated keys (DATA_DIR, default .data). */
  dataDir: path.resolve(process.env.DATA_DIR ?? ".data"),
  /** Audience the gateway expects in callers' tokens (JWT_AUDIENCE, default "ai-lineage-api"). */
  audience: process.env.JWT_AUDIENCE ?? "ai-lineage-api",
  /** Clock tolerance for token time claims, seconds (JWT_CLOCK_TOLERANCE_S, default 30). */
  clockToleranceS: int("JWT_CLOCK_TOLERANCE_S", 30),
  /** Lifetime of the gateway's internal tokens to subgraphs, seconds (INTERNAL_TOKEN_TTL_S, default 60). */
  internalTokenTtlS: int("INTERNAL_TOKEN_TTL_S", 60),
  /** GraphiQL on GET /graphql: GRAPHIQL=1 on, GRAPHIQL=0 off, unset (undefined here) on unless production. */
  graphiql: process.env.GRAPHIQL ? process.env.GRAPHIQL === "1" : undefined,
} as const;

/** Port subgraph `name` listens on by default: SUBGRAPH_PORT_BASE + its index (4001..4005). */
export const subgraphPort = (name: SubgraphName): number => (config.subgraphPortBase || 4001) + SUBGRAPHS.indexOf(name);

/** The local default URL of a subgraph's GraphQL endpoint. */
export const defaultSubgraphUrl = (name: SubgraphName): string => `http://127.0.0.1:${subgraphPort(name)}/graphql`;

/** Where the gateway reaches each subgraph (SUBGRAPH_URL_<NAME>, e.g. SUBGRAPH_URL_MODELS=http://models:4001/graphql; default the local port). */
export const subgraphUrls = (): Record<SubgraphName, string> =>
  Object.fromEntries(SUBGRAPHS.map((n) => [n, process.env[`SUBGRAPH_URL_${n.toUpperCase()}`] || defaultSubgraphUrl(n)])) as Record<SubgraphName, string>;

/** What the gateway serves (GATEWAY_SUPERGRAPH): `file` (default) the committed schema/supergraph.graphql; `compose` composes the running subgraphs' SDL at start (development). */
export const gatewaySupergraph: "file" | "compose" = (() => {
  const v = process.env.GATEWAY_SUPERGRAPH || "file";
  if (v !== "file" && v !== "compose") throw new Error(`GATEWAY_SUPERGRAPH must be "file" or "compose", got "${v}"`);
  return v;
})();

/** How long the gateway's /readyz waits for each subgraph (READINESS_TIMEOUT_MS, default 5000). */
export const readinessTimeoutMs = int("READINESS_TIMEOUT_MS", 5000);

/** Issuer name of the dev issuer (local stacks only). */
export const DEV_ISSUER = "urn:ai-lineage:dev-issuer";
/** Issuer name the gateway uses for its internal tokens to subgraphs. */
export const INTERNAL_ISSUER = "urn:ai-lineage:gateway";

/**
 * Gateway query limits, checked on the parsed document before anything executes. Each can be
 * overridden per gateway start (startGateway's `limits`) or by its environment variable.
 */
export const queryLimits = {
  /** Deepest field nesting (GATEWAY_MAX_DEPTH, default 12; introspection fields not descended). */
  maxDepth: int("GATEWAY_MAX_DEPTH", 12),
  /** Aliased fields per operation, fragments expanded (GATEWAY_MAX_ALIASES, default 30). */
  maxAliases: int("GATEWAY_MAX_ALIASES", 30),
  /** Directive uses per operation, fragments expanded (GATEWAY_MAX_DIRECTIVES, default 20). */
  maxDirectives: int("GATEWAY_MAX_DIRECTIVES", 20),
  /** Lexical tokens per document, counted before parsing (GATEWAY_MAX_TOKENS, default 2000). */
  maxTokens: int("GATEWAY_MAX_TOKENS", 2000),
  /** Static cost: 1 per field, lists of objects times `first` (coerced, defaults applied; without `first`, gateway/list-bounds.ts), nested multiplied (GATEWAY_MAX_COST, default 100000: a 4-deep lineage query over unpaginated lists fits, a 6-deep one does not). */
  maxCost: int("GATEWAY_MAX_COST", 100_000),
};

/** Integration clients' signed assertions (see runtime/auth/client-assertion.ts). */
export const clientAssertions = {
  /** Algorithms a client may sign with (CLIENT_ASSERTION_ALGORITHMS, space-separated, default "ES256 EdDSA PS256 RS256"; symmetric ones refused at start). */
  algorithms: checkAssertionAlgorithms((process.env.CLIENT_ASSERTION_ALGORITHMS ?? "ES256 EdDSA PS256 RS256").split(/\s+/).filter(Boolean)),
  /** Longest lifetime `exp - iat` accepted, seconds (fixed: 300). */
  maxLifetimeS: 300,
};
