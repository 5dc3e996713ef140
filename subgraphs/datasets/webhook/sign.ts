import { CompactSign } from "jose";
import { canonicalJson, stableId } from "../../../runtime/canonical.js";
import { loadKey } from "../../../runtime/keys.js";
import type { DriftReportRow } from "../drift/report.js";

/** `typ` of the protected header of a drift event. */
export const DRIFT_EVENT_TYP = "drift-event+jws";

/** What a webhook receiver gets: the report as stored, under a stable event id to deduplicate retries by. */
export interface DriftEvent {
  type: "drift.detected";
  id: string;
  issuedAt: string;
  report: Omit<DriftReportRow, "submittedBy">;
}

export function driftEvent(report: DriftReportRow): DriftEvent {
  const { submittedBy: _who, ...rest } = report;
  return { type: "drift.detected", id: stableId("evt", report.id), issuedAt: new Date().toISOString(), report: rest };
}

/**
 * Signs an event with the service key (EdDSA): a compact JWS whose payload is the event's
 * canonical JSON, verifiable with /.well-known/jwks.json. Signed once per event, so every
 * retry carries the same bytes.
 */
export async function signDriftEvent(event: DriftEvent): Promise<string> {
  const key = await loadKey("service");
  return new CompactSign(new TextEncoder().encode(canonicalJson(event)))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: DRIFT_EVENT_TYP })
    .sign(key.privateKey);
}
