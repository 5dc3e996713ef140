// Client side of the fault tests: decision batches sent through the gateway as an integration
// would, each request bounded in time, every outcome recorded.
import { variablesDigest } from "../../runtime/audit.js";

/** A request still running after this is a hang, not a clean failure. */
export const REQUEST_BOUND_MS = 90_000;

const RECORD = `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted duplicates } }`;

/** What happened to one batch. */
export interface BatchOutcome {
  batch: number;
  ids: string[];
  /** HTTP 200 with { accepted, duplicates } and no error. */
  ok: boolean;
  accepted?: number;
  duplicates?: number;
  status?: number;
  /** extensions.code of the first error, when the request failed with a GraphQL error. */
  code?: string;
  /** extensions.retryable of the first error (true when the cause was the database outage). */
  retryable?: boolean;
  message?: string;
  /** The request did not finish within the bound (a hang), or never reached the gateway. */
  timedOut?: boolean;
  transport?: string;
  ms: number;
  /** Milliseconds since the load started, when the request was sent. */
  sentAt: number;
}

export const batchIds = (prefix: string, batch: number, size: number): string[] =>
  Array.from({ length: size }, (_, i) => `${prefix}-b${batch}-d${i}`);

/** The digest recordDecisions logs for a batch: its decision ids in sorted order. */

/** Sends one batch; never throws. */
export async function sendBatch(url: string, token: string, mvId: string, batch: number, ids: string[], boundMs: number, t0 = Date.now()): Promise<BatchOutcome> {
  const started = Date.now();
  const decisions = ids.map((id, i) => ({
    id,
    modelVersionId: mvId,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    inputDigest: `sha256:${"c".repeat(64)}`,
    output: { score: i / ids.length },
    confidence: 0.9,
  }));
  const base = { batch, ids, sentAt: started - t0 };
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: RECORD, variables: { d: decisions } }),
      signal: AbortSignal.timeout(boundMs),
    });
    const body = (await res.json()) as { data?: { recordDecisions?: { accepted: number; duplicates: number } } | null; errors?: { message: string; extensions?: { code?: string; retryable?: boolean } }[] };
    const ms = Date.now() - started;
    const payload = body.data?.recordDecisions;
    if (res.status === 200 && payload && !body.errors?.length) return { ...base, ok: true, ...payload, status: res.status, ms };
    return { ...base, ok: false, status: res.status, code: body.errors?.[0]?.extensions?.code, retryable: body.errors?.[0]?.extensions?.retryable, message: body.errors?.[0]?.message, ms };
  } catch (err) {
    const timedOut = (err as Error).name === "TimeoutError";
    return { ...base, ok: false, timedOut, transport: (err as Error).message, ms: Date.now() - started };
  }
}

/**
 * Keeps `clients` senders busy with fresh batches (unique ids) until stopped. `outcomes` fills
 * as answers arrive.
 */
export function decisionLoad(opts: { url: string; token: string; mvId: string; prefix: string; size: number; clients: number; boundMs: number }) {
  const outcomes: BatchOutcome[] = [];
  const t0 = Date.now();
  let stopped = false;
  let next = 0;
  const worker = async () => {
    while (!stopped) {
      const batch = next++;
      outcomes.push(await sendBatch(opts.url, opts.token, opts.mvId, batch, batchIds(opts.prefix, batch, opts.size), opts.boundMs, t0));
    }
  };
  const running = Promise.all(Array.from({ length: opts.clients }, worker));
  return {
    outcomes,
    /** Milliseconds since the load started. */
    elapsed: () => Date.now() - t0,
    acknowledged: () => outcomes.filter((o) => o.ok).length,
    async stop(): Promise<BatchOutcome[]> {
      stopped = true;
      await running;
      return outcomes;
    },
  };
}

/** Polls `check` every 200 ms until it holds; throws after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
