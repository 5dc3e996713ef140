/**
 * Log records (Art. 12, 19, 26(6)) as the extract states them, and their JSON Lines and CSV
 * forms. Shared by the GraphQL query and the streaming HTTP export.
 */

import { missingLogFacts, type LogDriftEvent, type LogIncident } from "./log-situations.js";

/** Default and minimum months a log record is kept (Art. 19(1), 26(6)). */
export const MIN_LOG_RETENTION_MONTHS = 6;

/** A decision row as the log query returns it. */
export interface DecisionRow {
  id: string;
  occurredAt: string;
  /** When the record was written to the graph (null for records written before this was kept). */
  recordedAt?: string | null;
  modelVersionId: string;
  deploymentId: string | null;
  inputDigest: string;
  outputJson: string | null;
  confidence: number | null;
  explanation: string | null;
  reviewCount: number;
  review: ReviewRow | null;
  /** Every review, oldest first: verification by two persons (Art. 14(5)) needs them all. */
  reviews?: ReviewRow[];
  /** The decision's deployment (period of use, reference database); null when none or unknown. */
  deployment?: { startedAt: string | null; endedAt: string | null; referenceDatabase: string | null } | null;
  driftEvents?: LogDriftEvent[];
  incidents?: LogIncident[];
}

type ReviewRow = { outcome: string; reviewer: string; note: string | null; overrideJson: string | null; createdAt: string };

export interface LogRecord {
  decisionId: string;
  occurredAt: string;
  systemId: string;
  modelVersionId: string;
  modelVersion: string | null;
  deploymentId: string | null;
  inputDigest: string;
  output: unknown;
  confidence: number | null;
  explanation: string | null;
  reviewCount: number;
  reviewOutcome: string | null;
  reviewer: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  overridden: boolean;
  overrideOutput: unknown;
  /** Every review, oldest first (Art. 14(5): verification by at least two natural persons). */
  reviews: { outcome: string; reviewer: string; reviewedAt: string; note: string | null }[];
  retainUntil: string;
  /** Period of use of the deployment the decision ran in (Art. 12(3)(a), 26(6)); null = not recorded. */
  deploymentStartedAt: string | null;
  deploymentEndedAt: string | null;
  /** Art. 12(3)(b): the reference database the input was checked against; null = not recorded. */
  referenceDatabase: string | null;
  /** Art. 12(2)(a): drift warnings/breaches whose window holds the decision. */
  driftEvents: LogDriftEvent[];
  /** Art. 12(2)(a): serious incidents of the system occurred and not completed at the decision's time. */
  incidents: LogIncident[];
  /** The facts above the graph does not hold for this record. */
  missing: string[];
}

/** Columns of the CSV form, in order; also the keys of every JSON line. */
export const LOG_COLUMNS: (keyof LogRecord)[] = [
  "decisionId", "occurredAt", "systemId", "modelVersionId", "modelVersion", "deploymentId", "inputDigest", "output", "confidence",
  "explanation", "reviewCount", "reviewOutcome", "reviewer", "reviewedAt", "reviewNote", "overridden", "overrideOutput", "reviews", "retainUntil",
  // Added later: at the end, so existing CSV consumers keep their column positions.
  "deploymentStartedAt", "deploymentEndedAt", "referenceDatabase", "driftEvents", "incidents", "missing",
];

/**
 * `iso` plus whole calendar months (UTC), clamped to the end of a shorter month
 * (31 Aug + 6 months = 28/29 Feb).
 */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString();
}

const parse = (json: string | null): unknown => {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json; // written behind the API's back: keep the text rather than lose the record
  }
};

export function toLogRecord(r: DecisionRow, systemId: string, versionLabel: (id: string) => string | null, retentionMonths: number, referenceDatabaseNeeded = false): LogRecord {
  const review = r.review;
  const period = {
    deploymentId: r.deploymentId ?? null,
    deploymentStartedAt: r.deployment?.startedAt ?? null,
    deploymentEndedAt: r.deployment?.endedAt ?? null,
    referenceDatabase: r.deployment?.referenceDatabase ?? null,
  };
  return {
    decisionId: r.id,
    occurredAt: r.occurredAt,
    systemId,
    modelVersionId: r.modelVersionId,
    modelVersion: versionLabel(r.modelVersionId),
    deploymentId: r.deploymentId ?? null,
    inputDigest: r.inputDigest,
    output: parse(r.outputJson),
    confidence: r.confidence ?? null,
    explanation: r.explanation ?? null,
    reviewCount: r.reviewCount,
    reviewOutcome: review?.outcome ?? null,
    reviewer: review?.reviewer ?? null,
    reviewedAt: review?.createdAt ?? null,
    reviewNote: review?.note ?? null,
    overridden: review?.outcome === "OVERRIDDEN",
    overrideOutput: parse(review?.overrideJson ?? null),
    reviews: (r.reviews ?? []).map((x) => ({ outcome: x.outcome, reviewer: x.reviewer, reviewedAt: x.createdAt, note: x.note ?? null })),
    retainUntil: addMonths(r.occurredAt, retentionMonths),
    deploymentStartedAt: period.deploymentStartedAt,
    deploymentEndedAt: period.deploymentEndedAt,
    referenceDatabase: period.referenceDatabase,
    // Rebuilt in a fixed key order: Cypher maps come back in no set order, and CSV cells must be stable.
    driftEvents: (r.driftEvents ?? []).map((e) => ({ reportId: e.reportId, status: e.status, windowStart: e.windowStart, windowEnd: e.windowEnd, deploymentId: e.deploymentId })),
    incidents: (r.incidents ?? []).map((i) => ({ incidentId: i.incidentId, category: i.category, occurredAt: i.occurredAt, completedAt: i.completedAt ?? null })),
    missing: missingLogFacts(period, referenceDatabaseNeeded),
  };
}

// Key order is the order toLogRecord builds (LOG_COLUMNS); a replacer list would also filter nested output keys.
export const jsonLine = (r: LogRecord): string => `${JSON.stringify(r)}\n`;

/** Cells a spreadsheet would run as a formula are prefixed with ' (OWASP CSV injection). */
const FORMULA = /^[=+\-@\t\r]/;
const JSON_CELLS = new Set<keyof LogRecord>(["output", "overrideOutput", "reviews", "driftEvents", "incidents", "missing"]);

function csvCell(key: keyof LogRecord, v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = JSON_CELLS.has(key) ? JSON.stringify(v) : String(v);
  if (typeof v === "string" && !JSON_CELLS.has(key) && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvHeader = (): string => `${LOG_COLUMNS.join(",")}\r\n`;
export const csvLine = (r: LogRecord): string => `${LOG_COLUMNS.map((k) => csvCell(k, r[k])).join(",")}\r\n`;
