import path from "node:path";
import { cleanEnv, makeValidator, port, str, url } from "envalid";
import { publicOnlyJwks } from "./auth/public-jwks.js";
import { checkAssertionAlgorithms, refusePlaceholder } from "./startup-checks.js";

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

/** A positive integer (a size or a count that cannot be zero). */
const positive = makeValidator<number>((raw) => {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n) || n <= 0) throw new Error(`must be a positive integer, got "${raw}"`);
  return n;
});
/** A JSON value (the value itself is not echoed: it may be long). */
const jsonText = makeValidator<unknown>((raw) => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new Error("must be JSON");
  }
});
/** A secret (a password, a private key): the placeholders of deploy/.env.example are refused (runtime/startup-checks.ts). */
const secret = (name: string) => makeValidator<string>((raw) => refusePlaceholder(name, raw));
/** A JWK set of public keys only, as JSON (a private part is refused: runtime/auth/public-jwks.ts). */
const publicJwks = (name: string) => makeValidator<{ keys: unknown[] }>((raw) => {
  refusePlaceholder(name, raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("must be a JWK set as JSON");
  }
  try {
    return publicOnlyJwks(parsed, "");
  } catch (err) {
    throw new Error((err as Error).message.trim());
  }
});
/** Neo4j settings as `name=value` pairs separated by spaces (values without spaces), e.g. `dbms.cypher.min_replan_interval=5m`. */
const neo4jSettings = makeValidator<Record<string, string>>((raw) => {
  const settings: Record<string, string> = {};
  for (const pair of raw.split(/\s+/).filter(Boolean)) {
    const m = /^([a-z][a-z0-9_.]*)=(\S+)$/.exec(pair);
    if (!m) throw new Error(`must be name=value pairs separated by spaces, got "${pair}"`);
    settings[m[1]] = m[2];
  }
  return settings;
});
/** An http(s) URL. */
const httpUrl = makeValidator<string>((raw) => {
  if (!/^https?:\/\/\S+$/i.test(raw)) throw new Error(`must be an http(s) URL, got "${raw}"`);
  return raw;
});
/** A URL, where empty ("") means unset (as the OpenTelemetry spec reads its variables). */
const optionalUrl = makeValidator<string>((raw) => {
  if (raw.trim() === "") return "";
  if (!URL.canParse(raw)) throw new Error(`must be a URL, got "${raw}"`);
  return raw;
});

/**
 * Every environment variable the services and tools read, grouped; unset ones take the
 * defaults below, which suit a local stack. docs/configuration.md lists each (a test checks
 * the two agree). Only this module reads process.env (test/env-reads.test.ts enforces it).
 */
const SPEC = {
  // ---- server: ports, hosts, local state
  NODE_ENV: str({ default: "development" }),
  PORT: count({ default: undefined }),
  HOST: str({ default: "127.0.0.1" }),
  SUBGRAPH_PORT_BASE: count({ default: 4001 }),
  SUBGRAPH_HOST: str({ default: "127.0.0.1" }),
  DATA_DIR: str({ default: ".data" }),
  LOG_LEVEL: str({ choices: ["trace", "debug", "info", "warn", "error", "fatal", "silent"], default: "info" }),
  // ---- tracing (runtime/tracing.ts; the SDK reads the other standard OTEL_* variables itself)
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl({ default: "" }),
  OTEL_SERVICE_NAME: str({ default: undefined }),
  // ---- gateway
  GRAPHIQL: flag({ default: undefined }),
  GATEWAY_SUPERGRAPH: str({ choices: ["file", "compose"], default: "file" }),
  GATEWAY_QUERY_PLANNER: str({ choices: ["js", "rust"], default: "js" }),
  READINESS_TIMEOUT_MS: count({ default: 5000 }),
  GATEWAY_MAX_DEPTH: count({ default: 12 }),
  GATEWAY_MAX_ALIASES: count({ default: 30 }),
  GATEWAY_MAX_DIRECTIVES: count({ default: 20 }),
  GATEWAY_MAX_TOKENS: count({ default: 2000 }),
  GATEWAY_MAX_COST: count({ default: 100_000 }),
  SUBGRAPH_URL_MODELS: url({ default: undefined }),
  SUBGRAPH_URL_DATASETS: url({ default: undefined }),
  SUBGRAPH_URL_APPROVALS: url({ default: undefined }),
  SUBGRAPH_URL_GPU: url({ default: undefined }),
  SUBGRAPH_URL_COMPLIANCE: url({ default: undefined }),
  EXPLORER_OIDC: jsonText({ default: [] }),
  // ---- tokens and keys
  JWT_AUDIENCE: str({ default: "ai-lineage-api" }),
  JWT_CLOCK_TOLERANCE_S: count({ default: 30 }),
  INTERNAL_TOKEN_TTL_S: count({ default: 60 }),
  TOKEN_CACHE_SIZE: count({ default: 10_000 }),
  DOCUMENT_CACHE_SIZE: count({ default: 1024 }),
  CLIENT_ASSERTION_ALGORITHMS: str({ default: "ES256 EdDSA PS256 RS256" }),
  TRUSTED_ISSUERS: jsonText({ default: undefined }),
  TRUSTED_ISSUERS_FILE: str({ default: undefined }),
  JWKS_TIMEOUT_MS: count({ default: 5000 }),
  JWKS_COOLDOWN_MS: count({ default: 30_000 }),
  JWKS_CACHE_MAX_AGE_MS: count({ default: 600_000 }),
  SERVICE_SIGNING_JWK: secret("SERVICE_SIGNING_JWK")({ default: undefined }),
  INTERNAL_SIGNING_JWK: secret("INTERNAL_SIGNING_JWK")({ default: undefined }),
  DEV_ISSUER_JWK: str({ default: undefined }),
  SERVICE_JWKS: publicJwks("SERVICE_JWKS")({ default: undefined }),
  INTERNAL_JWKS: publicJwks("INTERNAL_JWKS")({ default: undefined }),
  DEV_ISSUER_JWKS: publicJwks("DEV_ISSUER_JWKS")({ default: undefined }),
  ALLOW_DEV_ISSUER_ON_NETWORK: flag({ default: false }),
  // ---- Neo4j
  NEO4J_URI: url({ default: undefined }),
  NEO4J_USER: str({ default: "neo4j" }),
  NEO4J_PASSWORD: secret("NEO4J_PASSWORD")({ default: undefined }),
  NEO4J_DATABASE: str({ default: "neo4j" }),
  NEO4J_BOLT_PORT: port({ default: undefined }),
  NEO4J_HEAP: str({ default: "1g" }),
  NEO4J_PAGECACHE: str({ default: "256m" }),
  NEO4J_START_TIMEOUT_MS: positive({ default: 300_000 }),
  /** Extra JVM flags for the embedded Neo4j, space-separated (the test run sets a short-lived profile: vitest.config.ts). */
  NEO4J_JVM_OPTS: str({ default: "" }),
  /** More settings for the embedded Neo4j, `name=value` separated by spaces (neo4j.conf names; the test run sets the Cypher replan interval: vitest.config.ts). */
  NEO4J_SETTINGS: neo4jSettings({ default: {} }),
  BOOKMARK_WAIT_S: positive({ default: 5 }),
  JAVA_HOME: str({ default: undefined }),
  // ---- request limits
  SUBGRAPH_MAX_BODY_BYTES: positive({ default: 4 * 1024 * 1024 }),
  OPENLINEAGE_MAX_BODY_BYTES: positive({ default: 10 * 1024 * 1024 }),
  OPENLINEAGE_MAX_BATCH: positive({ default: 10_000 }),
  EXPORT_MAX_CONCURRENT: positive({ default: 4 }),
  // ---- drift webhook
  DRIFT_WEBHOOK_URL: httpUrl({ default: undefined }),
  DRIFT_WEBHOOK_MAX_ATTEMPTS: positive({ default: 5 }),
  DRIFT_WEBHOOK_BACKOFF_MS: count({ default: 500 }),
  DRIFT_WEBHOOK_TIMEOUT_MS: positive({ default: 5000 }),
  DRIFT_WEBHOOK_POLL_MS: positive({ default: 1000 }),
  // ---- AI Act: harmonised standards whose references are published in the Official Journal (Art. 40(1))
  HARMONISED_STANDARDS: str({ default: "" }),

  // ---- site recorder (site-recorder/; runs at a site, not in the central deployment)
  RECORDER_DATA_DIR: str({ default: ".data/recorder" }),
  RECORDER_SITE_ID: str({ default: undefined }),
  RECORDER_UPSTREAM_URL: httpUrl({ default: undefined }),
  RECORDER_CLIENT_ID: str({ default: undefined }),
  RECORDER_CLIENT_KEY_FILE: str({ default: undefined }),
  RECORDER_MAX_BYTES: positive({ default: 1024 * 1024 * 1024 }),
  RECORDER_BATCH_SIZE: positive({ default: 500 }),
  RECORDER_REPORT_RECORDS: positive({ default: 5000 }),
  RECORDER_RETENTION_HOURS: count({ default: 168 }),
  RECORDER_BACKOFF_MS: positive({ default: 500 }),
  RECORDER_BACKOFF_MAX_MS: positive({ default: 60_000 }),
  RECORDER_HEARTBEAT_S: count({ default: 60 }),
  // ---- command-line tools (seed, clients, bench)
  LINEAGE_URL: url({ default: undefined }),
  LINEAGE_TOKEN: str({ default: undefined }),
  GATEWAY_URL: url({ default: undefined }),
  CHROMIUM_PATH: str({ default: "/usr/bin/chromium" }),
  BENCH_SECONDS: positive({ default: undefined }),
  BENCH_DECISIONS: positive({ default: undefined }),
  BENCH_SAMPLES: positive({ default: 20 }),
  BENCH_AUDIT_BATCH_SIZE: positive({ default: 1000 }),
  BENCH_AUDIT_BATCHES: positive({ default: 5 }),
  BENCH_AUDIT_ROUNDS: positive({ default: 3 }),
};

/** Every variable read, with its default (undefined: none); docs/configuration.md lists each. */
export const ENV_DEFAULTS: Record<string, unknown> = Object.fromEntries(Object.entries(SPEC).map(([name, spec]) => [name, spec.default]));

/**
 * Reads and validates the environment as it is now. A bad value stops the process with one
 * line naming each bad variable. Modules read the `env` snapshot taken at start; the few
 * settings a process may change before use (the drift webhook, the Neo4j of a test run) call
 * this again.
 */
export const readEnv = () =>
  cleanEnv(process.env, SPEC, {
    reporter: ({ errors }) => {
      const bad = Object.entries(errors).map(([name, err]) => `${name} ${(err as Error).message}`);
      if (!bad.length) return;
      // As envalid's own reporter does: stop here, with one line a person can act on.
      process.stderr.write(`invalid configuration: ${bad.join("; ")}\n`);
      process.exit(1);
    },
  });

/** The environment, read and validated once at start (envalid). */
export const env = readEnv();

/**
 * Runtime configuration, read once from the environment. Every variable is documented in
 * docs/configuration.md; defaults suit a local stack.
 */
export const config = {
  /** NODE_ENV=production disables the dev issuer, introspection and field suggestions. */
  production: env.NODE_ENV === "production",
  /** Gateway HTTP port (PORT, default 4000). */
  port: env.PORT ?? 4000,
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
  /** Verified tokens each cache keeps, per process (TOKEN_CACHE_SIZE, default 10000; 0 = no caching). */
  tokenCacheSize: env.TOKEN_CACHE_SIZE,
  /** Parsed and checked GraphQL documents each process keeps, by text (DOCUMENT_CACHE_SIZE, default 1024; 0 = none). */
  documentCacheSize: env.DOCUMENT_CACHE_SIZE,
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

/** The site recorder (site-recorder/, `npm run serve -- recorder`). */
export const recorderConfig = () => ({
  /** Port (PORT, default 4010). */
  port: env.PORT ?? 4010,
  /** Where the site's log and cursor live (RECORDER_DATA_DIR, default .data/recorder). */
  dataDir: path.resolve(env.RECORDER_DATA_DIR),
  /** The central Site this recorder records for (RECORDER_SITE_ID; required). */
  siteId: env.RECORDER_SITE_ID,
  /** The central gateway's base URL (RECORDER_UPSTREAM_URL; unset: records are kept, nothing is forwarded). */
  upstreamUrl: env.RECORDER_UPSTREAM_URL?.replace(/\/+$/, ""),
  /** The site's integration client (RECORDER_CLIENT_ID) and its private JWK file (RECORDER_CLIENT_KEY_FILE). */
  clientId: env.RECORDER_CLIENT_ID,
  clientKeyFile: env.RECORDER_CLIENT_KEY_FILE,
  /** Disk quota of the log (RECORDER_MAX_BYTES, default 1 GiB): over it new records get 507. */
  maxBytes: env.RECORDER_MAX_BYTES,
  /** Records per forwarded batch (RECORDER_BATCH_SIZE, default 500). */
  batchSize: env.RECORDER_BATCH_SIZE,
  /** Records forwarded before their report to the centre leaves (RECORDER_REPORT_RECORDS, default 5000; a report never passes the centre's 10,000: site-recorder/forward.ts). */
  reportRecords: env.RECORDER_REPORT_RECORDS,
  /** How long acknowledged records stay on the site's disk (RECORDER_RETENTION_HOURS, default 168). */
  retentionMs: env.RECORDER_RETENTION_HOURS * 3_600_000,
  /** Exponential backoff with full jitter: first delay and cap, ms (RECORDER_BACKOFF_MS 500, RECORDER_BACKOFF_MAX_MS 60000). */
  backoffMs: env.RECORDER_BACKOFF_MS,
  backoffMaxMs: env.RECORDER_BACKOFF_MAX_MS,
  /** With nothing to send, a report of the recorder's state this often (RECORDER_HEARTBEAT_S, default 60; 0: never). */
  heartbeatMs: env.RECORDER_HEARTBEAT_S * 1000,
});
