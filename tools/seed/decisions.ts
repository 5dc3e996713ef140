import type { DecisionKind } from "./catalogue/types.js";
import { digestOf } from "./world-data.js";
import type { DecisionSource } from "./world-systems.js";

/** Decisions arrive at this overall rate in the demo world's clock, spread over the deployments by share. */
const WORLD_RATE_PER_MS = 1;

/** One deployment's share of the decisions: decision k occurs at startMs + k * stepMs. */
export interface Stream {
  source: DecisionSource;
  count: number;
  startMs: number;
  stepMs: number;
}

export interface DecisionInput {
  id: string;
  modelVersionId: string;
  deploymentId: string;
  occurredAt: string;
  inputDigest: string;
  output: unknown;
  confidence: number | null;
  explanation: string | null;
}

/**
 * Splits `total` decisions over the sources by share. Decisions of a version still approved
 * start just after `epochMs` (after every approval the seed made, so traces find them in
 * force); those of a revoked version fall inside its approval window.
 */
export function planStreams(sources: DecisionSource[], total: number, epochMs: number): Stream[] {
  const streams = sources.map((source) => {
    const from = Date.parse(source.approvedFrom);
    const windowMs = source.approvedUntil ? Date.parse(source.approvedUntil) - from : Infinity;
    const count = windowMs >= 1 ? Math.floor(total * source.share) : 0;
    return { source, count, startMs: Number.isFinite(windowMs) ? from : epochMs, stepMs: Number.isFinite(windowMs) ? windowMs / Math.max(count, 1) : 1 / (WORLD_RATE_PER_MS * source.share) };
  });
  const main = streams.filter((s) => !s.source.approvedUntil).sort((a, b) => b.source.share - a.source.share)[0];
  if (main) main.count += total - streams.reduce((n, s) => n + s.count, 0);
  return streams;
}

export const decisionId = (prefix: string, source: DecisionSource, k: number) => `${prefix}dec-${source.key}-${String(k).padStart(7, "0")}`;

/** The k-th decision of a stream; the same k always gives the same decision. */
export function decisionAt(prefix: string, s: Stream, k: number): DecisionInput {
  const id = decisionId(prefix, s.source, k);
  const r = (salt: number) => unit(hash32(id) ^ Math.imul(salt, 0x9e3779b1));
  const { output, explanation } = OUTPUTS[s.source.kind](k, r);
  return {
    id,
    modelVersionId: s.source.modelVersionId,
    deploymentId: s.source.deploymentId,
    occurredAt: new Date(s.startMs + Math.floor(k * s.stepMs)).toISOString(),
    inputDigest: digestOf("input", id),
    output,
    confidence: Math.round((0.55 + 0.44 * r(1)) * 1000) / 1000,
    explanation,
  };
}

/**
 * Batches of decisions, interleaving the streams so every deployment makes progress together
 * (as live traffic would). Lazy: a million decisions are never all in memory.
 */
export function* decisionBatches(prefix: string, streams: Stream[], batchSize: number): Generator<DecisionInput[]> {
  const next = streams.map(() => 0);
  for (;;) {
    let pick = -1;
    for (let i = 0; i < streams.length; i++) {
      if (next[i] >= streams[i].count) continue;
      if (pick < 0 || next[i] / streams[i].count < next[pick] / streams[pick].count) pick = i;
    }
    if (pick < 0) return;
    const s = streams[pick];
    const end = Math.min(s.count, next[pick] + batchSize);
    const batch: DecisionInput[] = [];
    for (let k = next[pick]; k < end; k++) batch.push(decisionAt(prefix, s, k));
    next[pick] = end;
    yield batch;
  }
}

// ---------------------------------------------------------------- what each kind of system outputs
type Rand = (salt: number) => number;
const pick = <T>(xs: readonly T[], x: number): T => xs[Math.floor(x * xs.length)];

const OUTPUTS: Record<DecisionKind, (k: number, r: Rand) => { output: unknown; explanation: string | null }> = {
  credit: (_k, r) => {
    const score = 300 + Math.floor(r(2) * 550);
    const recommendation = score >= 650 ? "approve" : score >= 560 ? "refer" : "decline";
    const dti = Math.round((0.1 + r(3) * 0.5) * 100) / 100;
    return {
      output: { score, band: score >= 740 ? "A" : score >= 650 ? "B" : score >= 560 ? "C" : "D", recommendation, limitEUR: recommendation === "decline" ? 0 : 1000 * (5 + Math.floor(r(4) * 70)) },
      explanation: `Top factors: debt-to-income ${dti}, customer tenure ${1 + Math.floor(r(5) * 20)} years, ${r(6) < 0.8 ? "no arrears in 24 months" : "one arrear in 24 months"}`,
    };
  },
  hiring: (k, r) => {
    const rank = 1 + Math.floor(r(2) * 40);
    return {
      output: { requisition: `REQ-2026-${100 + (k % 37)}`, rank, suggestedForShortlist: rank <= 10 },
      explanation: `Matched requirements: ${pick(["Java, Kubernetes", "risk modelling, SQL", "customer service, French", "IFRS 9, Python"], r(3))}`,
    };
  },
  load: (k, r) => {
    const p50 = Math.round((2 + r(2) * 14) * 100) / 100;
    return { output: { feeder: `F-${1000 + (k % 3400)}`, horizonMinutes: 15 * (1 + (k % 96)), p50MW: p50, p90MW: Math.round(p50 * 108) / 100 }, explanation: null };
  },
  assistant: (_k, r) => ({
    output: { intent: pick(["card_blocked", "transfer_status", "loan_question", "address_change", "fees", "other"], r(2)), handedOverToStaff: r(3) < 0.07, aiDisclosed: true },
    explanation: null,
  }),
  mail: (_k, r) => ({ output: { queue: pick(["invoices", "reminders", "supplier-master-data", "credit-notes"], r(2)) }, explanation: null }),
};

/** 32-bit FNV-1a of a string. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A 32-bit integer mixed (murmur3 finaliser) into [0, 1). */
function unit(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}
