import { call } from "../client.js";

/** Builds the benchmark's lineage through the public API, like an ML pipeline would. */
export interface TraceFixture {
  systemId: string;
  modelVersionId: string;
  deploymentId: string;
  decisionIds: string[];
  leafDatasetVersionId: string;
}

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;

export async function buildTraceFixture(base: string, t: { writer: string; admin: string; approver: string }, tag: string): Promise<TraceFixture> {
  const q = <T = any>(token: string, query: string, variables: Record<string, unknown>) => call<T>(token, query, variables, base);
  const sys = (await q(t.writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: `bench-credit-${tag}`, version: "1", intendedPurpose: "credit scoring", providerName: "Bench AG", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES" },
  })).registerAISystem.id;
  const model = (await q(t.writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys, name: "scorer" } })).registerModel.id;
  const mv = (await q(t.writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model, version: "1.0", artifactDigest: digest(1) } })).registerModelVersion.id;
  const ds = (await q(t.writer, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: `bench-loans-${tag}` } })).registerDataset.id;
  let parent: string | null = null;
  const dsvs: string[] = [];
  for (const [i, step] of ["raw", "cleaned", "labelled", "balanced"].entries()) {
    const dv: string = (await q(t.writer, `mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, {
      i: {
        datasetId: ds, version: step, contentDigest: digest(100 + i), rowCount: 100000, provenance: "core banking export", legalBasis: "GDPR Art. 6(1)(b)",
        containsPersonalData: true, jurisdiction: "DE", derivedFrom: parent ? [{ datasetVersionId: parent, transformation: step }] : [],
      },
    })).registerDatasetVersion.id;
    dsvs.push(dv);
    parent = dv;
  }
  const site = (await q(t.admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: `bench-fra-${tag}`, country: "DE", sovereigntyZone: "EU", kind: "COLOCATION" } })).registerSite.id;
  const cluster = (await q(t.admin, `mutation($i: RegisterGpuClusterInput!) { registerGpuCluster(input: $i) { id } }`, { i: { siteId: site, name: "h100-a", gpuModel: "H100 SXM", gpuCount: 64 } })).registerGpuCluster.id;
  const alloc = (await q(t.writer, `mutation($i: RecordComputeAllocationInput!) { recordComputeAllocation(input: $i) { id } }`, {
    i: { clusterId: cluster, gpuCount: 32, startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-03T00:00:00Z", energyKWh: 9000 },
  })).recordComputeAllocation.id;
  await q(t.writer, `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id } }`, {
    i: { modelVersionId: mv, datasetVersionIds: [parent], computeAllocationIds: [alloc], startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-03T00:00:00Z" },
  });
  for (const [subjectId, subjectType] of [[mv, "MODEL_VERSION"], ...dsvs.map((d) => [d, "DATASET_VERSION"])]) {
    await q(t.approver, `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id } }`, { i: { subjectId, subjectType, decision: "APPROVED", rationale: "validated" } });
  }
  const dep = (await q(t.writer, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { i: { modelVersionId: mv, siteId: site, environment: "production", startedAt: "2026-02-01T00:00:00Z" } })).recordDeployment.id;
  const decisionIds = Array.from({ length: 200 }, (_, i) => `bench-${tag}-d${i}`);
  await q(t.writer, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, {
    d: decisionIds.map((id, i) => ({ id, modelVersionId: mv, deploymentId: dep, occurredAt: new Date(Date.now() + 60_000 + i).toISOString(), inputDigest: digest(i), output: { score: i % 100 } })),
  });
  return { systemId: sys, modelVersionId: mv, deploymentId: dep, decisionIds, leafDatasetVersionId: dsvs[0] };
}

/** A derivation DAG of `layers` x `width` dataset versions, each deriving from two of the layer before. */
export async function buildDag(base: string, writer: string, tag: string, layers = 50, width = 20): Promise<string> {
  const q = <T = any>(query: string, variables: Record<string, unknown>) => call<T>(writer, query, variables, base);
  const ds = (await q(`mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: `bench-dag-${tag}` } })).registerDataset.id;
  let prev: string[] = [];
  for (let l = 0; l < layers; l++) {
    prev = await Promise.all(
      Array.from({ length: width }, async (_, w) => {
        const parents = prev.length ? [...new Set([prev[(w + 1) % width], prev[(w + 7) % width]])] : [];
        return (await q(`mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, {
          i: {
            datasetId: ds, version: `L${l}-${w}`, contentDigest: digest(l * 1000 + w), provenance: "synthetic", containsPersonalData: false, jurisdiction: "EU",
            derivedFrom: parents.map((p) => ({ datasetVersionId: p, transformation: "merge" })),
          },
        })).registerDatasetVersion.id as string;
      }),
    );
  }
  return prev[0];
}
