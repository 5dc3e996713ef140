// `npx tsx tools/bench-drift.ts`: how long drift evaluation takes for a profile of 200 numeric
// features x 50 bins, as pure computation and through the API (submitFeatureProfile), next to
// one decision batch of 1,000 (the ingestion unit of `npm run bench`) on the same stack.
// `benchDrift` is exported so the main benchmark can run it against its own stack.
import { pathToFileURL } from "node:url";
import { issueDevToken } from "../runtime/auth/dev-issuer.js";
import { env } from "../runtime/config.js";
import { evaluateDrift } from "../subgraphs/datasets/drift/evaluate.js";
import { validateProfile } from "../subgraphs/datasets/profile/validate.js";
import { call } from "./client.js";

const FEATURES = 200;
const BINS = 50;

export interface DriftBench {
  features: number;
  bins: number;
  /** Validation + evaluation of one window in process, milliseconds (median, p95). */
  computeMs: { median: number; p95: number };
  /** submitFeatureProfile through the gateway (validation, evaluation, report + audit in one transaction). */
  apiMs: { median: number; p95: number };
  /** recordDecisions of 1,000 decisions through the gateway, for comparison. */
  decisionBatchMs: { median: number; p95: number };
}

const quantiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Number(s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(2));
  return { median: at(0.5), p95: at(0.95) };
};

async function timed(n: number, f: (i: number) => Promise<unknown> | unknown): Promise<{ median: number; p95: number }> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    out.push(performance.now() - t);
  }
  return quantiles(out);
}

/** A deterministic pseudo-random histogram (no Math.random: runs are comparable). */
const histogram = (seed: number, shift = 0) =>
  Array.from({ length: BINS }, (_, b) => 20 + ((seed * 7919 + (b + shift) * 104729) % 97) + Math.round(200 * Math.exp(-(((b - 25 - shift) / 8) ** 2))));
const edges = Array.from({ length: BINS + 1 }, (_, i) => i * 2);
const profile = (shift: number) => ({
  numeric: Array.from({ length: FEATURES }, (_, f) => ({ name: `f${String(f).padStart(3, "0")}`, binEdges: edges, counts: histogram(f, shift) })),
});

/** Builds a deployed model with a 200 x 50 reference through the API, then measures. */
export async function benchDrift(base: string, tokens: { writer: string; admin: string }, samples = 20): Promise<DriftBench> {
  const w = (q: string, v: Record<string, unknown>) => call(tokens.writer, q, v, base);
  const tag = Date.now().toString(36);
  const sha = (c: string) => `sha256:${c.repeat(64)}`;
  const sys = (await w(`mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, { i: { name: `drift-bench-${tag}`, version: "1", intendedPurpose: "benchmark", providerName: "bench", riskCategory: "HIGH" } })).registerAISystem;
  const model = (await w(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "m" } })).registerModel;
  const mv = (await w(`mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model.id, version: "1", artifactDigest: sha("e") } })).registerModelVersion;
  const ds = (await w(`mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: `drift-bench-${tag}` } })).registerDataset;
  const dv = (await w(`mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, { i: { datasetId: ds.id, version: "1", contentDigest: sha("f"), provenance: "synthetic", containsPersonalData: false, jurisdiction: "EU" } })).registerDatasetVersion;
  await w(`mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id } }`, { i: { modelVersionId: mv.id, datasetVersionIds: [dv.id], startedAt: "2026-01-01T00:00:00Z" } });
  const site = (await call(tokens.admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: `drift-bench-${tag}`, country: "DE", kind: "CLOUD" } }, base)).registerSite;
  const dep = (await w(`mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { i: { modelVersionId: mv.id, siteId: site.id, environment: "bench", startedAt: "2026-01-01T00:00:00Z" } })).recordDeployment;
  await w(`mutation($dv: ID!, $p: FeatureProfileInput!) { setReferenceProfile(datasetVersionId: $dv, profile: $p) { id } }`, { dv: dv.id, p: profile(0) });

  const reference = validateProfile(profile(0), "reference");
  const window = profile(3);
  const computeMs = await timed(samples * 5, () => evaluateDrift(reference, validateProfile(window, "window")));

  const hour = (i: number) => new Date(Date.UTC(2026, 1, 1, i)).toISOString();
  const submit = `mutation($d: ID!, $s: DateTime!, $e: DateTime!, $p: FeatureProfileInput!) { submitFeatureProfile(deploymentId: $d, windowStart: $s, windowEnd: $e, profile: $p) { id status } }`;
  await w(submit, { d: dep.id, s: hour(0), e: hour(1), p: window }); // warm-up
  const apiMs = await timed(samples, (i) => w(submit, { d: dep.id, s: hour(i + 1), e: hour(i + 2), p: profile(i % 2 ? 3 : 0) }));

  const record = `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`;
  const decisionBatchMs = await timed(Math.max(5, samples / 2), (b) =>
    w(record, {
      d: Array.from({ length: 1000 }, (_, k) => ({
        id: `drift-bench-${tag}-${b}-${k}`, modelVersionId: mv.id, deploymentId: dep.id, occurredAt: hour(1 + (k % 20)),
        inputDigest: `sha256:${(b * 1000 + k).toString(16).padStart(64, "0")}`, output: { score: k % 100 },
      })),
    }),
  );
  return { features: FEATURES, bins: BINS, computeMs, apiMs, decisionBatchMs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { startStack } = await import("../launcher/stack.js");
  const stack = await startStack({ port: 0, subgraphPortBase: 0, log: (l) => console.log(`[stack] ${l}`) });
  try {
    const [writer, admin] = await Promise.all([issueDevToken("bench-drift", ["lineage:write", "lineage:read"]), issueDevToken("bench-ops", ["admin"])]);
    const r = await benchDrift(stack.gateway.url.replace(/\/graphql$/, ""), { writer, admin }, env.BENCH_SAMPLES);
    console.log(JSON.stringify(r, null, 2));
  } finally {
    await stack.stop();
  }
}
