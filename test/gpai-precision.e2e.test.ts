import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

// Annex XI 1(2)(d), Art. 51(2): the FLOPs upper bound uses the training precision recorded on the
// run; when none is recorded, the maximum over the precisions the GPU supports, labelled as such.

let stack: Stack;
let writer: string;
let reader: string;
const m = (bearer: string, q: string, v: Record<string, unknown>) => gql(stack.gateway.url, bearer, q, v).then(ok);
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const GPU_HOURS = 400_000;
const versions: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestStack();
  [writer, reader] = await Promise.all([token("alice", "lineage:write lineage:read"), token("carol", "reports:read lineage:read")]);
  const ops = await token("ops", "admin");
  const sys = (await m(writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("assistant"), version: "1", intendedPurpose: "general-purpose text model", providerName: "LLM GmbH", riskCategory: "MINIMAL" },
  })).registerAISystem;
  const model = (await m(writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "base" } })).registerModel;
  const ds = (await m(writer, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: uniq("corpus") } })).registerDataset;
  const dv = (await m(writer, `mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, {
    i: { datasetId: ds.id, version: "1", contentDigest: digest("c"), provenance: "licensed web crawl", containsPersonalData: false, jurisdiction: "DE" },
  })).registerDatasetVersion;
  const site = (await m(ops, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("hpc"), country: "FI", sovereigntyZone: "EU", kind: "CLOUD" } })).registerSite;
  const cluster = (await m(ops, `mutation($i: RegisterGpuClusterInput!) { registerGpuCluster(input: $i) { id } }`, { i: { siteId: site.id, name: uniq("b200"), gpuModel: "NVIDIA B200", gpuCount: 4096 } })).registerGpuCluster;
  for (const [label, precision, c] of [["fp8", "FP8", "a"], ["unrecorded", null, "b"]] as const) {
    const alloc = (await m(writer, `mutation($i: RecordComputeAllocationInput!) { recordComputeAllocation(input: $i) { id } }`, {
      i: { clusterId: cluster.id, gpuCount: 4096, startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-06T00:00:00Z", gpuHours: GPU_HOURS },
    })).recordComputeAllocation;
    const mv = (await m(writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model.id, version: label, artifactDigest: digest(c) } })).registerModelVersion;
    const run = (await m(writer, `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { id precision } }`, {
      i: { modelVersionId: mv.id, datasetVersionIds: [dv.id], computeAllocationIds: [alloc.id], startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-06T00:00:00Z", ...(precision ? { precision } : {}) },
    })).recordTrainingRun;
    expect(run.precision).toBe(precision);
    versions[label] = mv.id;
  }
});
afterAll(() => stack?.stop());

const gpai = async (id: string) => JSON.parse((await m(reader, `query($id: ID!) { gpaiDocumentation(modelVersionId: $id, format: JSON) { content } }`, { id })).gpaiDocumentation.content);

describe("GPAI FLOPs bound with the recorded training precision (Annex XI 1(2)(d), Art. 51(2))", () => {
  it("uses FP8 peak when FP8 is recorded: 400,000 B200-hours stay below 10^25", async () => {
    const doc = await gpai(versions.fp8);
    const compute = doc.sections[3].data;
    expect(compute.precision).toBe("FP8");
    expect(compute.flopsBasis).toBe("recorded precision");
    expect(compute.flops).toBeCloseTo(GPU_HOURS * 3600 * 4.5e15, -20);
    expect(compute.flopsMethod).toContain("FP8 FLOP/s (the recorded training precision)");
    expect(doc.sections[4].data.presumedSystemicRisk).toBe(false);
    expect(doc.summary["Systemic risk presumed (Art. 51(2))"]).toMatch(/^no/i);
  });

  it("without a recorded precision takes the maximum over precisions (FP4 on B200), labelled so, and crosses 10^25", async () => {
    const doc = await gpai(versions.unrecorded);
    const compute = doc.sections[3].data;
    expect(compute.precision).toBeNull();
    expect(compute.flopsBasis).toBe("maximum over precisions");
    expect(compute.flops).toBeCloseTo(GPU_HOURS * 3600 * 9e15, -20);
    expect(compute.flopsMethod).toContain("maximum over precisions");
    expect(doc.sections[4].data.presumedSystemicRisk).toBe(true);
  });

  it("the run's estimatedFlops in the gpu subgraph follows the same recorded precision", async () => {
    const q = `query($id: ID!) { modelVersion(id: $id) { trainingRun { precision estimatedFlops } } }`;
    const fp8 = (await m(writer, q, { id: versions.fp8 })).modelVersion.trainingRun;
    expect(fp8.precision).toBe("FP8");
    expect(fp8.estimatedFlops).toBeCloseTo(GPU_HOURS * 3600 * 4.5e15, -20);
    const none = (await m(writer, q, { id: versions.unrecorded })).modelVersion.trainingRun;
    expect(none).toEqual({ precision: null, estimatedFlops: expect.closeTo(GPU_HOURS * 3600 * 9e15, -20) });
  });

  it("refuses a precision outside the enum", async () => {
    const res = await gql(stack.gateway.url, writer, `mutation { recordTrainingRun(input: { modelVersionId: "x", datasetVersionIds: ["y"], startedAt: "2026-01-01T00:00:00Z", precision: FP7 }) { id } }`);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
