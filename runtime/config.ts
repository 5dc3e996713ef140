import path from "node:path";
import { cleanEnv, makeValidator, str, url } from "envalid";
import { checkAssertionAlgorithms } from "./startup-checks.js";

/** Names of the five subgraphs, in composition order. */
export const SUBGRAPHS = ["models", "datasets", "approvals", "gpu", "compliance"] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

const count = makeValidator<number>((raw) => {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n) || n < 0) throw new Error(`must be a non-negative integer, got "${raw}"`);
  return n;
});
const flag = makeValidator<boolean | undefined>((raw) => {
  if (raw === "1") return true;
  if (raw === "0") return false;
  throw new Error(`must be 1 or 0, got "${raw}"`);
});

/** A URL, where empty ("") means unset (as the OpenTelemetry spec reads its variables). */
const optionalUrl = makeValidator<string>((raw) => {
  if (raw.trim() === "") return "";
  if (!URL.canParse(raw)) throw new Error(`must be a URL, got "${raw}"`);
  return raw;
});

/**
 * The environment, read and validated once (envalid). A bad value stops the process with one
 * line naming each bad variable; unset ones take the defaults below, which suit a local stack.
 * Every variable is documented in docs/configuration.md.
 */
export const env = cleanEnv(
  process.env,
  {
    NODE_ENV: str({ default: "development" }),
    PORT: count({ default: 4000 }),
    HOST: str({ default: "127.0.0.1" }),
    SUBGRAPH_PORT_BASE: count({ default: 4001 }),
    SUBGRAPH_HOST: str({ default: "127.0.0.1" }),
    DATA_DIR: str({ default: ".data" }),
    JWT_AUDIENCE: str({ default: "ai-lineage-api" }),
    JWT_CLOCK_TOLERANCE_S: count({ default: 30 }),
    INTERNAL_TOKEN_TTL_S: count({ default: 60 }),
    GRAPHIQL: flag({ default: undefined }),
    GATEWAY_SUPERGRAPH: str({ choices: ["file", "compose"], default: "file" }),
    READINESS_TIMEOUT_MS: count({ default: 5000 }),
    GATEWAY_MAX_DEPTH: count({ default: 12 }),
    GATEWAY_MAX_ALIASES: count({ default: 30 }),
    GATEWAY_MAX_DIRECTIVES: count({ default: 20 }),
    GATEWAY_MAX_TOKENS: count({ default: 2000 }),
    GATEWAY_MAX_COST: count({ default: 100_000 }),
    CLIENT_ASSERTION_ALGORITHMS: str({ default: "ES256 EdDSA PS256 RS256" }),
    SUBGRAPH_URL_MODELS: url({ default: undefined }),
    SUBGRAPH_URL_DATASETS: url({ default: undefined }),
    SUBGRAPH_URL_APPROVALS: url({ default: undefined }),
    SUBGRAPH_URL_GPU: url({ default: undefined }),
    SUBGRAPH_URL_COMPLIANCE: url({ default: undefined }),
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl({ default: "" }),
    OTEL_SERVICE_NAME: str({ default: undefined }),
  },
  {
    reporter: ({ errors }) => {
      const bad = Object.entries(errors).map(([name, err]) => `${name} ${(err as Error).message}`);
      if (!bad.length) return;
      // As envalid's own reporter does: stop here, with one line a person can act on.
      process.stderr.write(`invalid configuration: ${bad.join("; ")}\n`);
      process.exit(1);
    },
  },
);

/**
 * Runtime configuration, read once from the environment. Every variable is documented in the
 * README's configuration table; defaults suit a local stack.
 */
export const config = {
  /** NODE_ENV=production disables the dev issuer, introspection and field suggestions. */
  production: env.NODE_ENV === "production",
  /** Gateway HTTP port (PORT, default 4000). */
  port: env.PORT,
  /** Host the gateway binds to (HOST, default 127.0.0.1). */
  host: env.HOST,
  /** First subgraph port (SUBGRAPH_PORT_BASE, default 4001); subgraph i listens on base + i. 0 = any free port. */
  subgraphPortBase: env.SUBGRAPH_PORT_BASE,
  /** Host the subgraphs bind to (SUBGRAPH_HOST, default loopback). */
  subgraphHost: env.SUBGRAPH_HOST,
  /** Where local state lives: embedded Neo4j, generated keys (DATA_DIR, default .data). */
  dataDir: path.resolve(env.DATA_DIR),
  /** Audience the gateway expects in callers' tokens (JWT_AUDIENCE, default "ai-lineage-api"). */
  audience: env.JWT_AUDIENCE,
  /** Clock tolerance for token time claims, seconds (JWT_CLOCK_TOLERANCE_S, default 30). */
  clockToleranceS: env.JWT_CLOCK_TOLERANCE_S,
  /** Lifetime of the gateway's internal tokens to subgraphs, seconds (INTERNAL_TOKEN_TTL_S, default 60). */
  internalTokenTtlS: env.INTERNAL_TOKEN_TTL_S,
  /** GraphiQL on GET /graphql: GRAPHIQL=1 on, GRAPHIQL=0 off, unset (undefined here) on unless production. */
  graphiql: env.GRAPHIQL,
} as const;

/** Port subgraph `name` listens on by default: SUBGRAPH_PORT_BASE + its index (4001..4005). */
export const subgraphPort = (name: SubgraphName): number => (config.subgraphPortBase || 4001) + SUBGRAPHS.indexOf(name);

/** The local default URL of a subgraph's GraphQL endpoint. */
export const defaultSubgraphUrl = (name: SubgraphName): string => `http://127.0.0.1:${subgraphPort(name)}/graphql`;

/** Where the gateway reaches each subgraph (SUBGRAPH_URL_<NAME>, e.g. SUBGRAPH_URL_MODELS=http://models:4001/graphql; default the local port). */
export const subgraphUrls = (): Record<SubgraphName, string> =>
  Object.fromEntries(SUBGRAPHS.map((n) => [n, env[`SUBGRAPH_URL_${n.toUpperCase()}` as `SUBGRAPH_URL_MODELS`] || defaultSubgraphUrl(n)])) as Record<SubgraphName, string>;

/** What the gateway serves (GATEWAY_SUPERGRAPH): `file` (default) the committed schema/supergraph.graphql; `compose` composes the running subgraphs' SDL at start (development). */
export const gatewaySupergraph = env.GATEWAY_SUPERGRAPH as "file" | "compose";

/** How long the gateway's /readyz waits for each subgraph (READINESS_TIMEOUT_MS, default 5000). */
export const readinessTimeoutMs = env.READINESS_TIMEOUT_MS;

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
  maxDepth: env.GATEWAY_MAX_DEPTH,
  /** Aliased fields per operation, fragments expanded (GATEWAY_MAX_ALIASES, default 30). */
  maxAliases: env.GATEWAY_MAX_ALIASES,
  /** Directive uses per operation, fragments expanded (GATEWAY_MAX_DIRECTIVES, default 20). */
  maxDirectives: env.GATEWAY_MAX_DIRECTIVES,
  /** Lexical tokens per document, counted before parsing (GATEWAY_MAX_TOKENS, default 2000). */
  maxTokens: env.GATEWAY_MAX_TOKENS,
  /** Static cost: 1 per field, lists of objects times `first` (coerced, defaults applied; without `first`, gateway/list-bounds.ts), nested multiplied (GATEWAY_MAX_COST, default 100000: a 4-deep lineage query over unpaginated lists fits, a 6-deep one does not). */
  maxCost: env.GATEWAY_MAX_COST,
};

/**
 * OpenTelemetry tracing (runtime/tracing.ts). The SDK reads the other standard OTEL_* variables
 * (protocol, sampler, batching) itself; docs/operations.md lists them.
 */
export const tracingConfig = {
  /** OTLP collector base URL, e.g. http://otel-collector:4318 (OTEL_EXPORTER_OTLP_ENDPOINT; unset: no tracing, no SDK loaded). */
  endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
  /** service.name override (OTEL_SERVICE_NAME; default the service's own name: gateway, models, ...). */
  serviceName: env.OTEL_SERVICE_NAME || undefined,
};

/** Integration clients' signed assertions (see runtime/auth/client-assertion.ts). */
export const clientAssertions = {
  /** Algorithms a client may sign with (CLIENT_ASSERTION_ALGORITHMS, space-separated, default "ES256 EdDSA PS256 RS256"; symmetric ones refused at start). */
  algorithms: checkAssertionAlgorithms(env.CLIENT_ASSERTION_ALGORITHMS.split(/\s+/).filter(Boolean)),
  /** Longest lifetime `exp - iat` accepted, seconds (fixed: 300). */
  maxLifetimeS: 300,
};
