import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stableId } from "../runtime/canonical.js";
import type { Stack } from "../launcher/stack.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

let stack: Stack;
let writer: string;
let otherWriter: string;
let reader: string;

beforeAll(async () => {
  // Nested derivedFrom lists are costed at their real bound (100 each): the deep derivation
  // query below is far above the default cost limit, which this file raises.
  stack = await startTestStack({ gatewayEnv: { GATEWAY_MAX_COST: "1000000000000" } });
  writer = await token("data-pipeline", "lineage:write lineage:read");
  otherWriter = await token("second-pipeline", "lineage:write lineage:read");
  reader = await token("auditor", "lineage:read");
});
afterAll(() => stack?.stop());

const call = (bearer: string, query: string, variables?: Record<string, unknown>) => gql(stack.gateway.url, bearer, query, variables);

const REGISTER_DATASET = `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id name registeredBy createdAt } }`;
const REGISTER_VERSION = `mutation($i: RegisterDatasetVersionInput!) {
  registerDatasetVersion(input: $i) {
    id version contentDigest rowCount provenance collectionMethod legalBasis containsPersonalData jurisdiction
    scope characteristics selectionMethod originalPurpose labelling cleaning assumptions biasExamination biasMitigation knownGaps
    registeredBy createdAt dataset { id name } derivations { transformation from { id } }
  }
}`;
const READ_VERSION = `query($id: ID!) { datasetVersion(id: $id) { id version provenance } }`;

const digest = (c: string) => `sha256:${c.repeat(64)}`;

async function newDataset(prefix = "ds"): Promise<{ id: string; name: string; registeredBy: string }> {
  const res = await call(writer, REGISTER_DATASET, { i: { name: uniq(prefix) } });
  expect(res.errors).toBeUndefined();
  return res.data!.registerDataset;
}

const versionInput = (datasetId: string, version: string, extra: Record<string, unknown> = {}) => ({
  datasetId,
  version,
  contentDigest: digest("a"),
  provenance: "exported from the loan ledger",
  containsPersonalData: false,
  jurisdiction: "DE",
  ...extra,
});

async function newVersion(datasetId: string, version: string, extra: Record<string, unknown> = {}) {
  const res = await call(writer, REGISTER_VERSION, { i: versionInput(datasetId, version, extra) });
  expect(res.errors).toBeUndefined();
  return res.data!.registerDatasetVersion;
}

/** Nothing of the refused version exists: not by its deterministic id, and the dataset holds only `kept`. */
async function expectNotWritten(datasetId: string, version: string, kept: string[] = []) {
  const res = await call(reader, `query($id: ID!, $ds: ID!) { datasetVersion(id: $id) { id } dataset(id: $ds) { versions { version } } }`, {
    id: stableId("dsv", datasetId, version),
    ds: datasetId,
  });
  expect(res.errors).toBeUndefined();
  expect(res.data!.datasetVersion).toBeNull();
  expect(res.data!.dataset.versions.map((v: { version: string }) => v.version)).toEqual(kept);
}

describe("datasets through the gateway", () => {
  it("registers a dataset version with every governance fact and reads it back", async () => {
    const ds = await newDataset("applicants");
    expect(ds.registeredBy).toBe("data-pipeline");
    const facts = {
      rowCount: 120_000,
      collectionMethod: "application forms 2019-2024",
      legalBasis: "GDPR Art. 6(1)(b)",
      containsPersonalData: true,
      jurisdiction: "EU",
      scope: "consumer loan applications in DE and FR",
      characteristics: "tabular, 42 features, 8% defaults",
      selectionMethod: "all completed applications, withdrawn ones excluded",
      originalPurpose: "credit decision on the application",
      labelling: "default within 24 months, from the ledger",
      cleaning: "duplicates removed, incomes winsorised at p99",
      assumptions: "past defaults represent future risk",
      biasExamination: "default rates by age band and sex compared",
      biasMitigation: "reweighting by age band",
      knownGaps: "few applicants over 75",
    };
    const v1 = await newVersion(ds.id, "2024-12", facts);
    expect(v1).toMatchObject({ ...facts, version: "2024-12", contentDigest: digest("a"), registeredBy: "data-pipeline", dataset: { id: ds.id, name: ds.name }, derivations: [] });
    expect(v1.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const read = await call(reader, `query($id: ID!) { datasetVersion(id: $id) { id rowCount knownGaps derivedFrom { id } dataset { versions { id } } } }`, { id: v1.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.datasetVersion).toEqual({ id: v1.id, rowCount: 120_000, knownGaps: "few applicants over 75", derivedFrom: [], dataset: { versions: [{ id: v1.id }] } });
  });

  it("follows a 3-deep derivation chain with the transformation on every edge", async () => {
    const raw = await newDataset("raw");
    const curated = await newDataset("curated");
    const v0 = await newVersion(raw.id, "1", { contentDigest: digest("0") });
    const v1 = await newVersion(curated.id, "1", { contentDigest: digest("1"), derivedFrom: [{ datasetVersionId: v0.id, transformation: "deduplicate" }] });
    const v2 = await newVersion(curated.id, "2", { contentDigest: digest("2"), derivedFrom: [{ datasetVersionId: v1.id, transformation: "label defaults" }] });
    const v3 = await newVersion(curated.id, "3", {
      contentDigest: digest("3"),
      derivedFrom: [
        { datasetVersionId: v2.id, transformation: "train/test split 80/20" },
        { datasetVersionId: v0.id, transformation: "join on applicant id" },
      ],
    });

    const res = await call(reader, `query($id: ID!) { datasetVersion(id: $id) {
      version
      derivations { transformation from { version derivations { transformation from { version derivations { transformation from { version dataset { name } derivedFrom { id } } } } } } }
      derivedFrom { id derivedFrom { id derivedFrom { id derivedFrom { id } } } }
    } }`, { id: v3.id });
    expect(res.errors).toBeUndefined();
    const dv = res.data!.datasetVersion;
    // Upstream versions come oldest first: v0 was registered before v2.
    expect(dv.derivations).toEqual([
      { transformation: "join on applicant id", from: { version: "1", derivations: [] } },
      {
        transformation: "train/test split 80/20",
        from: {
          version: "2",
          derivations: [{ transformation: "label defaults", from: { version: "1", derivations: [{ transformation: "deduplicate", from: { version: "1", dataset: { name: raw.name }, derivedFrom: [] } }] } }],
        },
      },
    ]);
    expect(dv.derivedFrom).toEqual([
      { id: v0.id, derivedFrom: [] },
      { id: v2.id, derivedFrom: [{ id: v1.id, derivedFrom: [{ id: v0.id, derivedFrom: [] }] }] },
    ]);
  });

  it("pages a dataset's versions oldest first", async () => {
    const ds = await newDataset("paged");
    const ids = [];
    for (const n of ["a", "b", "c"]) ids.push((await newVersion(ds.id, n, { contentDigest: digest(n) })).id);
    const page1 = await call(reader, `query($id: ID!) { dataset(id: $id) { versions(first: 2) { id cursor } } }`, { id: ds.id });
    expect(page1.errors).toBeUndefined();
    const first = page1.data!.dataset.versions;
    expect(first.map((v: { id: string }) => v.id)).toEqual(ids.slice(0, 2));
    const page2 = await call(reader, `query($id: ID!, $after: String) { dataset(id: $id) { versions(first: 2, after: $after) { id } } }`, { id: ds.id, after: first[1].cursor });
    expect(page2.data!.dataset.versions).toEqual([{ id: ids[2] }]);
  });

  it("returns the existing record on identical re-registration, by any caller", async () => {
    const name = uniq("idem");
    const a = await call(writer, REGISTER_DATASET, { i: { name } });
    const b = await call(otherWriter, REGISTER_DATASET, { i: { name } });
    expect(b.errors).toBeUndefined();
    expect(b.data!.registerDataset).toEqual(a.data!.registerDataset);

    const input = versionInput(a.data!.registerDataset.id, "1", { rowCount: 10 });
    const first = await call(writer, REGISTER_VERSION, { i: input });
    const again = await call(otherWriter, REGISTER_VERSION, { i: input });
    expect(again.errors).toBeUndefined();
    expect(again.data!.registerDatasetVersion.id).toBe(first.data!.registerDatasetVersion.id);
    expect(again.data!.registerDatasetVersion).toEqual(first.data!.registerDatasetVersion);
    expect(again.data!.registerDatasetVersion.registeredBy).toBe("data-pipeline");
  });

  it("refuses the same version with different content (CONFLICT), keeping the original", async () => {
    const ds = await newDataset("conflict");
    const original = await newVersion(ds.id, "1");
    for (const change of [{ contentDigest: digest("b") }, { knownGaps: "none known" }]) {
      const res = await call(writer, REGISTER_VERSION, { i: versionInput(ds.id, "1", change) });
      expect(res.errors?.[0].extensions?.code).toBe("CONFLICT");
      expect(res.data ?? null).toBeNull();
    }
    const read = await call(reader, `query($id: ID!) { datasetVersion(id: $id) { contentDigest knownGaps } }`, { id: original.id });
    expect(read.data!.datasetVersion).toEqual({ contentDigest: digest("a"), knownGaps: null });
  });

  it.each([
    ["input.contentDigest", { contentDigest: "sha256:xyz" }],
    ["input.contentDigest", { contentDigest: `md5:${"a".repeat(64)}` }],
    ["input.jurisdiction", { jurisdiction: "XX" }],
    ["input.rowCount", { rowCount: -1 }],
    ["input.provenance", { provenance: "   " }],
    ["input.version", { version: "v".repeat(201) }],
    ["input.knownGaps", { knownGaps: "g".repeat(4001) }],
    ["input.derivedFrom[0].transformation", { derivedFrom: [{ datasetVersionId: "dsv_x", transformation: " " }] }],
    ["input.derivedFrom", { derivedFrom: Array.from({ length: 101 }, (_, i) => ({ datasetVersionId: `dsv_${i}`, transformation: "t" })) }],
  ])("refuses invalid input naming %s, and writes nothing", async (field, bad) => {
    const ds = await newDataset("invalid");
    const res = await call(writer, REGISTER_VERSION, { i: versionInput(ds.id, "1", bad) });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message.startsWith(`${field}:`)).toBe(true);
    await expectNotWritten(ds.id, "1");
  });

  it("refuses a version that derives from itself or names one upstream twice (BAD_USER_INPUT)", async () => {
    const ds = await newDataset("cycle");
    const selfId = stableId("dsv", ds.id, "1");
    const self = await call(writer, REGISTER_VERSION, { i: versionInput(ds.id, "1", { derivedFrom: [{ datasetVersionId: selfId, transformation: "copy" }] }) });
    expect(self.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(self.errors?.[0].message).toMatch(/^input\.derivedFrom\[0\]\.datasetVersionId:/);
    await expectNotWritten(ds.id, "1");

    const up = await newVersion(ds.id, "0");
    const twice = await call(writer, REGISTER_VERSION, {
      i: versionInput(ds.id, "1", { derivedFrom: [{ datasetVersionId: up.id, transformation: "a" }, { datasetVersionId: up.id, transformation: "b" }] }),
    });
    expect(twice.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(twice.errors?.[0].message).toMatch(/^input\.derivedFrom\[1\]\.datasetVersionId:/);
    await expectNotWritten(ds.id, "1", ["0"]);
  });

  it("refuses an unknown upstream version or dataset (NOT_FOUND), and writes nothing", async () => {
    const ds = await newDataset("missing");
    const up = await newVersion(ds.id, "0");
    const res = await call(writer, REGISTER_VERSION, {
      i: versionInput(ds.id, "1", { derivedFrom: [{ datasetVersionId: up.id, transformation: "t" }, { datasetVersionId: "dsv_does_not_exist", transformation: "t" }] }),
    });
    expect(res.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(res.errors?.[0].message).toContain("dsv_does_not_exist");
    await expectNotWritten(ds.id, "1", ["0"]);
    const down = await call(reader, `query($id: ID!) { datasetVersion(id: $id) { id } }`, { id: up.id });
    expect(down.data!.datasetVersion).toEqual({ id: up.id });

    const noDataset = await call(writer, REGISTER_VERSION, { i: versionInput("ds_does_not_exist", "1") });
    expect(noDataset.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const read = await call(reader, READ_VERSION, { id: stableId("dsv", "ds_does_not_exist", "1") });
    expect(read.data!.datasetVersion).toBeNull();
  });

  it("stores Cypher-looking text verbatim and runs none of it", async () => {
    const hostile = "x'}) DETACH DELETE n //";
    const ds = (await call(writer, REGISTER_DATASET, { i: { name: `${uniq("inj")} ${hostile}` } })).data!.registerDataset;
    const up = await newVersion(ds.id, "0");
    const dv = await newVersion(ds.id, `1 ${hostile}`, {
      provenance: hostile,
      labelling: `"; MATCH (n) DETACH DELETE n; //`,
      derivedFrom: [{ datasetVersionId: up.id, transformation: hostile }],
    });
    const read = await call(reader, `query($id: ID!) { datasetVersion(id: $id) { version provenance labelling dataset { name } derivations { transformation from { id } } } }`, { id: dv.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.datasetVersion).toEqual({
      version: `1 ${hostile}`,
      provenance: hostile,
      labelling: `"; MATCH (n) DETACH DELETE n; //`,
      dataset: { name: ds.name },
      derivations: [{ transformation: hostile, from: { id: up.id } }],
    });
    expect(ds.name.endsWith(hostile)).toBe(true);
  });

  it("resolves dataset versions referenced by another subgraph (training run inputs)", async () => {
    const ds = await newDataset("training");
    const dv = await newVersion(ds.id, "1", { jurisdiction: "FR" });
    const sys = (await call(writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("scoring"), version: "1", intendedPurpose: "score", providerName: "Acme", riskCategory: "HIGH" },
    })).data!.registerAISystem;
    const model = (await call(writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "m" } })).data!.registerModel;
    const mv = (await call(writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
      i: { modelId: model.id, version: "1", artifactDigest: digest("c") },
    })).data!.registerModelVersion;
    const run = await call(writer, `mutation($i: RecordTrainingRunInput!) { recordTrainingRun(input: $i) { inputs { id version jurisdiction dataset { name } } } }`, {
      i: { modelVersionId: mv.id, datasetVersionIds: [dv.id], startedAt: "2026-01-01T00:00:00Z" },
    });
    expect(run.errors).toBeUndefined();
    expect(run.data!.recordTrainingRun.inputs).toEqual([{ id: dv.id, version: "1", jurisdiction: "FR", dataset: { name: ds.name } }]);
  });

  it("requires lineage:write to register and lineage:read to query", async () => {
    const denied = await call(reader, REGISTER_DATASET, { i: { name: uniq("denied") } });
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const writeOnly = await token("ingest", "lineage:write");
    const noRead = await call(writeOnly, `{ dataset(id: "x") { id } }`);
    expect(noRead.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
