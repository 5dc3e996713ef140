import { readEnv } from "../../../runtime/config.js";

/** Where and how drift events go; read from the environment when an event is sent. */
export interface WebhookSettings {
  /** DRIFT_WEBHOOK_URL: http(s) URL receiving a POST per DRIFT report; unset = no webhook. */
  url: string;
  /** DRIFT_WEBHOOK_MAX_ATTEMPTS, default 5. */
  maxAttempts: number;
  /** DRIFT_WEBHOOK_BACKOFF_MS, default 500: the wait after attempt k is backoff * 2^(k-1). */
  backoffMs: number;
  /** DRIFT_WEBHOOK_TIMEOUT_MS, default 5000: per attempt. */
  timeoutMs: number;
}

/** Read when an event is sent (validated by runtime/config.ts), so a process may set the receiver after start. */
export function webhookSettings(): WebhookSettings | null {
  const env = readEnv();
  if (!env.DRIFT_WEBHOOK_URL) return null;
  return {
    url: env.DRIFT_WEBHOOK_URL,
    maxAttempts: env.DRIFT_WEBHOOK_MAX_ATTEMPTS,
    backoffMs: env.DRIFT_WEBHOOK_BACKOFF_MS,
    timeoutMs: env.DRIFT_WEBHOOK_TIMEOUT_MS,
  };
}

/** One POST of a signed event; resolves to the HTTP status, or to an error text when the receiver was not reached. */
export async function post(s: WebhookSettings, jws: string, eventId: string, attempt: number): Promise<{ httpStatus: number | null; error: string | null }> {
  try {
    const res = await fetch(s.url, {
      method: "POST",
      headers: { "content-type": "application/jose", "x-drift-event-id": eventId, "x-drift-attempt": String(attempt) },
      body: jws,
      redirect: "manual",
      signal: AbortSignal.timeout(s.timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    return { httpStatus: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  } catch (err) {
    return { httpStatus: null, error: (err instanceof Error ? err.message : String(err)).slice(0, 200) };
  }
}
