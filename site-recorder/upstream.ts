import type { Entry } from "./chain.js";
import { clientAssertion, type ClientKey } from "./assertion.js";

/** The centre's answer for records: each stored (duplicates included) or refused for good, with why. */
export type Verdicts = Map<number, { stored: boolean; reason?: string }>;

/** A failure worth retrying (network, 5xx, 401/403 while the client is being fixed): the batch is sent again. */
export class Transient extends Error {}
/** The centre refused the content itself (400, 404, 409, 413): retrying the same request cannot help. */
class Refused extends Error {}

const TIMEOUT_MS = 60_000;
const REFUSALS = new Set(["BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE"]);

export async function post(upstream: string, key: ClientKey, path: string, body: string, type: string): Promise<{ status: number; json: any }> {
  let res: Response;
  try {
    res = await fetch(upstream + path, {
      method: "POST",
      headers: { "content-type": type, authorization: `Bearer ${await clientAssertion(key)}` },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new Transient(`cannot reach ${upstream}: ${(err as Error).cause ? String((err as { cause: unknown }).cause) : (err as Error).message}`);
  }
  const json = (await res.json().catch(() => ({}))) as any;
  // Only the centre's own verdict on the content (its error codes), never a proxy's bare 404.
  if ([400, 404, 409, 413].includes(res.status) && REFUSALS.has(json?.error?.code)) throw new Refused(json?.error?.message ?? `HTTP ${res.status}`);
  if (res.status >= 300) throw new Transient(`${path}: HTTP ${res.status} ${json?.error?.message ?? ""}`.trim());
  return { status: res.status, json };
}

async function sendOnce(upstream: string, key: ClientKey, entries: Entry[]): Promise<Verdicts> {
  const out: Verdicts = new Map();
  if (entries[0].kind === "decision") {
    await post(upstream, key, "/ingest/decisions", entries.map((e) => JSON.stringify(e.body)).join("\n") + "\n", "application/x-ndjson");
    for (const e of entries) out.set(e.seq, { stored: true });
    return out;
  }
  const { json } = await post(upstream, key, "/api/v1/lineage/batch", JSON.stringify(entries.map((e) => e.body)), "application/json");
  const failed = new Map<number, { retriable: boolean; reason: string; problems?: { message: string }[] }>((json.failed_events ?? []).map((f: any) => [f.index, f]));
  if ([...failed.values()].some((f) => f.retriable)) throw new Transient("/api/v1/lineage/batch: the centre could not store some events yet");
  entries.forEach((e, i) => {
    const f = failed.get(i);
    out.set(e.seq, f ? { stored: false, reason: f.problems?.[0]?.message ?? f.reason } : { stored: true });
  });
  return out;
}

/**
 * Sends records of one kind to the centre (decisions as NDJSON to /ingest/decisions, events to
 * /api/v1/lineage/batch), each request with a fresh client assertion. A batch the centre
 * refuses for its content is split in halves until the refused records are alone, so one bad
 * record never holds back the others; everything else retriable throws Transient.
 */
export async function deliver(upstream: string, key: ClientKey, entries: Entry[]): Promise<Verdicts> {
  try {
    return await sendOnce(upstream, key, entries);
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    if (entries.length === 1) return new Map([[entries[0].seq, { stored: false, reason: err.message }]]);
    const mid = entries.length >> 1;
    return new Map([...(await deliver(upstream, key, entries.slice(0, mid))), ...(await deliver(upstream, key, entries.slice(mid)))]);
  }
}
