import { Api, type TokenProvider } from "./api.js";
import { decisionBatches, decisionId, planStreams } from "./decisions.js";
import { sendDecisions, sendReviews, type IngestResult } from "./ingest.js";
import { planReviews } from "./reviews.js";
import { buildDatasets, buildInfrastructure, idOf, type Building } from "./world-data.js";
import { buildSystems } from "./world-systems.js";

export type { Identity, TokenProvider } from "./api.js";
export { PEOPLE } from "./catalogue/infra.js";

/** Decisions per named scale. */
export const SCALES = { small: 1_000, medium: 100_000, large: 1_000_000 } as const;
export type Scale = keyof typeof SCALES;

export interface SeedOptions {
  /** Base URL of the gateway, e.g. http://127.0.0.1:4000 (a trailing /graphql is fine). */
  url: string;
  /** Tokens for the seed's people (see PEOPLE): each needs its own `sub` for four-eyes. */
  tokens: TokenProvider;
  /** How many decisions to record (SCALES gives the named sizes). */
  decisions: number;
  /** Prepended to every name and decision id; the default "" gives the demo world its plain names. */
  prefix?: string;
  /** Decision batches in flight (default 4). */
  concurrency?: number;
  /** Decisions per recordDecisions call (default 1000). */
  batchSize?: number;
  log?: (line: string) => void;
  progressEveryMs?: number;
}

export interface SeedSummary {
  elapsedMs: number;
  decisions: IngestResult & { perSecond: number };
  reviews: number;
  /** Ids worth trying in queries. */
  ids: {
    highRiskSystem: string;
    /** A credit decision whose trace is complete. */
    traceDecision: string | null;
    /** A hiring decision whose trace shows the sovereignty gap (EU personal data trained in the US). */
    sovereigntyGapDecision: string | null;
    /** The CRM extract: shared upstream of two systems. */
    impactDatasetVersion: string;
    revokedModelVersion: string;
  };
}

/**
 * Builds the demo world through the public API of a running stack, then records `decisions`
 * decisions and some human reviews. Idempotent: a second run finds every record in place and
 * reports every decision as a duplicate.
 */
export async function seed(opts: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const prefix = opts.prefix ?? "";
  const concurrency = opts.concurrency ?? 4;
  const b: Building = { api: new Api(opts.url, opts.tokens), prefix, ids: new Map(), approvals: [], log };

  await buildInfrastructure(b);
  await buildDatasets(b);
  const sources = await buildSystems(b);

  // Decisions start a second after the last approval, so every trace finds its approvals in force.
  const epochMs = Math.max(...b.approvals.map((a) => Date.parse(a.decidedAt))) + 1000;
  const streams = planStreams(sources, opts.decisions, epochMs);
  const total = streams.reduce((n, s) => n + s.count, 0);
  log(`recording ${total.toLocaleString("en-US")} decisions over ${streams.length} deployments, ${concurrency} batches in flight`);
  const ingest = await sendDecisions(b.api, decisionBatches(prefix, streams, opts.batchSize ?? 1000), total, {
    concurrency,
    log,
    progressEveryMs: opts.progressEveryMs,
  });
  const reviews = await sendReviews(b.api, planReviews(prefix, streams, total), concurrency);
  log(`${reviews} human reviews recorded`);

  const first = (key: string) => {
    const s = streams.find((x) => x.source.key === key && x.count > 0);
    return s ? decisionId(prefix, s.source, 0) : null;
  };
  return {
    elapsedMs: performance.now() - started,
    decisions: { ...ingest, perSecond: (ingest.sent * 1000) / Math.max(1, ingest.elapsedMs) },
    reviews,
    ids: {
      highRiskSystem: idOf(b, "credit"),
      traceDecision: first("credit-1.1-fra"),
      sovereigntyGapDecision: first("hiring-1.0-dub"),
      impactDatasetVersion: idOf(b, "crm"),
      revokedModelVersion: idOf(b, "credit-1.0"),
    },
  };
}
