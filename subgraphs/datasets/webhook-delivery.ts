import { recordDelivery, type DriftReportRow } from "./drift-store.js";
import { driftEvent, signDriftEvent } from "./webhook-sign.js";

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

const positiveInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined || raw === "" ? fallback : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};

export function webhookSettings(): WebhookSettings | null {
  const url = process.env.DRIFT_WEBHOOK_URL;
  if (!url) return null;
  if (!/^https?:\/\//i.test(url)) {
    console.warn("[datasets] DRIFT_WEBHOOK_URL must be an http(s) URL: drift events are not sent");
    return null;
  }
  return {
    url,
    maxAttempts: Math.max(1, positiveInt("DRIFT_WEBHOOK_MAX_ATTEMPTS", 5)),
    backoffMs: positiveInt("DRIFT_WEBHOOK_BACKOFF_MS", 500),
    timeoutMs: Math.max(1, positiveInt("DRIFT_WEBHOOK_TIMEOUT_MS", 5000)),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** One POST; resolves to the HTTP status, or to an error text when the receiver was not reached. */
async function post(s: WebhookSettings, jws: string, eventId: string, attempt: number): Promise<{ httpStatus: number | null; error: string | null }> {
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

/** Sends one event with retries and exponential backoff, recording every attempt. Never throws. */
export async function deliver(s: WebhookSettings, report: DriftReportRow): Promise<void> {
  try {
    const event = driftEvent(report);
    const jws = await signDriftEvent(event);
    for (let attempt = 1; attempt <= s.maxAttempts; attempt++) {
      const { httpStatus, error } = await post(s, jws, event.id, attempt);
      const delivered = error === null;
      const status = delivered ? "DELIVERED" : attempt < s.maxAttempts ? "RETRYING" : "FAILED";
      await recordDelivery({ reportId: report.id, attempt, status, httpStatus, error }).catch((e) =>
        console.warn(`[datasets] could not record webhook attempt ${attempt} for ${report.id}:`, e instanceof Error ? e.message : e),
      );
      if (delivered) return;
      if (attempt < s.maxAttempts) await sleep(s.backoffMs * 2 ** (attempt - 1));
    }
  } catch (err) {
    console.error(`[datasets] drift event for ${report.id} not delivered:`, err);
  }
}

/**
 * Sends a DRIFT report to the configured webhook in the background. Called after the report's
 * transaction committed and never awaited: a slow or failing receiver cannot hold up or fail
 * ingestion. Retries live in this process; a restart drops pending ones (the recorded
 * attempts show which reports never got a DELIVERED).
 */
export function notifyDrift(report: DriftReportRow): void {
  const s = webhookSettings();
  if (!s || report.status !== "DRIFT") return;
  void deliver(s, report);
}
