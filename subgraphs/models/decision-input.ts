import type { DecisionContent } from "../../runtime/domain/decision-digest.js";
import { badInput } from "../../runtime/errors.js";
import { parseDateTime } from "../../runtime/scalars.js";
import * as v from "../../runtime/validate.js";

// Pure (no database): the central ingest and the site recorder (site-recorder/) check decisions here.

/** Largest NDJSON body taken (a full batch of 16 KiB outputs would not fit; real decisions are far smaller). */
export const MAX_INGEST_BYTES = 32 * 1024 * 1024;

/** Most decisions one `recordDecisions` call (or one NDJSON request) takes. */
export const MAX_DECISIONS_PER_CALL = 10_000;

/** A decision as stored: the same shape its audit event covers (runtime/domain/decision-digest.ts). */
export type DecisionRow = DecisionContent;

/** One decision as a caller sends it (GraphQL DecisionInput or one NDJSON line). */
export interface DecisionIn {
  id: string;
  modelVersionId: string;
  deploymentId?: string | null;
  occurredAt: string;
  inputDigest: string;
  output: unknown;
  confidence?: number | null;
  explanation?: string | null;
}

/**
 * Validates a batch and turns it into rows: the one place every entry point (the
 * recordDecisions mutation, POST /ingest/decisions, the site recorder) checks decisions.
 * `where(i)` names the i-th decision in error messages; the same id twice in one batch is one decision.
 */
export function decisionRows(decisions: readonly DecisionIn[], where: (i: number) => string): DecisionRow[] {
  v.maxItems("decisions", decisions, MAX_DECISIONS_PER_CALL);
  const seen = new Set<string>();
  const rows: DecisionRow[] = [];
  for (const [i, d] of decisions.entries()) {
    const id = v.text(`${where(i)}.id`, d.id, v.MAX_NAME);
    if (seen.has(id)) continue;
    seen.add(id);
    const outputJson = JSON.stringify(d.output ?? null);
    if (outputJson.length > 16_384) throw badInput(`${where(i)}.output`, "must be at most 16 KiB of JSON");
    rows.push({
      id,
      modelVersionId: d.modelVersionId,
      deploymentId: d.deploymentId ?? null,
      occurredAt: d.occurredAt,
      inputDigest: v.digest(`${where(i)}.inputDigest`, d.inputDigest),
      outputJson,
      confidence: v.fraction(`${where(i)}.confidence`, d.confidence),
      explanation: v.optionalText(`${where(i)}.explanation`, d.explanation),
    });
  }
  return rows;
}

const str = (x: unknown): x is string => typeof x === "string";
const optional = <T>(x: unknown, ok: (y: unknown) => y is T): x is T | null | undefined => x === undefined || x === null || ok(x);

/** One NDJSON line as a decision; the same shape GraphQL's DecisionInput enforces by its types. */
export function parseDecisionLine(line: string, where: string): DecisionIn {
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(line);
  } catch {
    throw badInput(where, "is not valid JSON");
  }
  if (typeof d !== "object" || d === null || Array.isArray(d)) throw badInput(where, "must be a JSON object");
  const required = (f: "id" | "modelVersionId" | "inputDigest"): string => {
    const x = d[f];
    if (!str(x)) throw badInput(`${where}.${f}`, "required string");
    return x;
  };
  const [id, modelVersionId, inputDigest] = [required("id"), required("modelVersionId"), required("inputDigest")];
  const { deploymentId, explanation, confidence } = d;
  if (!optional(deploymentId, str)) throw badInput(`${where}.deploymentId`, "must be a string or null");
  if (!optional(explanation, str)) throw badInput(`${where}.explanation`, "must be a string or null");
  if (!optional(confidence, (x): x is number => typeof x === "number")) throw badInput(`${where}.confidence`, "must be a number or null");
  if (!("output" in d)) throw badInput(`${where}.output`, "required");
  let occurredAt: string;
  try {
    occurredAt = parseDateTime(d.occurredAt);
  } catch (err) {
    throw badInput(`${where}.occurredAt`, (err as Error).message);
  }
  return { id, modelVersionId, deploymentId, occurredAt, inputDigest, output: d.output, confidence, explanation };
}

/** An NDJSON body that is refused before any store: HTTP status, code and message. */
export class NdjsonRefused extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/**
 * An NDJSON body of decisions, checked whole: the decisions as sent (in order, blank lines
 * skipped) and their rows (decisionRows). Throws NdjsonRefused (413 over
 * MAX_DECISIONS_PER_CALL lines, 400 when empty) or badInput naming the line.
 */
export function parseDecisionsNdjson(body: string): { decisions: DecisionIn[]; rows: DecisionRow[] } {
  const decisions: DecisionIn[] = [];
  const lineOf: number[] = [];
  for (const [i, line] of body.split("\n").entries()) {
    if (!line.trim()) continue;
    if (decisions.length === MAX_DECISIONS_PER_CALL) throw new NdjsonRefused(413, "PAYLOAD_TOO_LARGE", `at most ${MAX_DECISIONS_PER_CALL} decisions per request`);
    decisions.push(parseDecisionLine(line, `line ${i + 1}`));
    lineOf.push(i + 1);
  }
  if (decisions.length === 0) throw new NdjsonRefused(400, "BAD_USER_INPUT", "the body holds no decisions (NDJSON, one per line)");
  return { decisions, rows: decisionRows(decisions, (i) => `line ${lineOf[i]}`) };
}
