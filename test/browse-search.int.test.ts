import { graphql, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema as datasetsSchema } from "../subgraphs/datasets/index.js";
import { registerDataset, registerDatasetVersion } from "../subgraphs/datasets/store.js";
import { schema as complianceSchema } from "../subgraphs/compliance/index.js";
import { schema as modelsSchema } from "../subgraphs/models/index.js";
import { registerModel, registerModelVersion, registerSystem } from "../subgraphs/models/store.js";
import { RiskCategory } from "../subgraphs/models/types.js";
import { connectTestDb, ctxFor, cypher, disconnect } from "./support/db.js";
import { uniq } from "./support/uniq.js";

// Statements per page stay constant: each subgraph's schema runs in this process with a
// request context, and ctx.stats counts every statement the request ran (what a subgraph
// process runs for one gateway call, whichever process that is).
const SYSTEMS = 25;
const tag = uniq("n1browse");
const word = `zr${Math.random().toString(36).slice(2, 10)}`;
const schemas: Record<string, GraphQLSchema> = {};

async function run(name: string, source: string, variables: Record<string, unknown>) {
  const ctx = ctxFor("browse-counter", ["lineage:read"]);
  const res = await graphql({ schema: schemas[name], source, variableValues: variables, contextValue: ctx });
  expect(res.errors).toBeUndefined();
  return { data: res.data as any, statements: ctx.stats.statements };
}

beforeAll(async () => {
  connectTestDb();
  [schemas.models, schemas.datasets, schemas.compliance] = await Promise.all([modelsSchema(), datasetsSchema(), complianceSchema()]);
  const ctx = ctxFor("browse-writer");
  const digest = (i: number) => `sha256:${i.toString(16).padStart(64, "0")}`;
  for (let i = 0; i < SYSTEMS; i++) {
    const sys = await registerSystem(ctx, { name: `${tag} ${word} ${i}`, version: "1", intendedPurpose: "count statements", providerName: "Acme", riskCategory: RiskCategory.MINIMAL, annexIIIArea: null, providerContact: null, previousVersionId: null });
    for (let m = 0; m < 2; m++) {
      const model = await registerModel(ctx, { systemId: sys.id, name: `${tag}-${i}-${m}` });
      for (let v = 0; v < 2; v++) await registerModelVersion(ctx, { modelId: model.id, version: `${v}.0`, artifactDigest: digest(i * 10 + m * 2 + v) });
    }
    const ds = await registerDataset(ctx, { name: `${tag}-ds-${i}` });
    await registerDatasetVersion(ctx, { datasetId: ds.id, version: "1", contentDigest: digest(i), provenance: "test", containsPersonalData: i % 2 === 0, jurisdiction: "DE", derivedFrom: [] });
  }
  // OpenLineage jobs and runs (written by the lineage ingestion): search finds them by name.
  await cypher(`CREATE (:Job:Entity {id: $job, name: $jobName, createdAt: $at}), (:Run:Entity {id: $run, name: $runName, createdAt: $at})`, {
    job: `${tag}-job`, jobName: `nightly ${word} etl`, run: `${tag}-run`, runName: `${word} run 42`, at: new Date().toISOString(),
  });
});
afterAll(() => disconnect());

describe("statements per page", () => {
  it("aiSystems with nested models, versions, status and training run: the same count for 1 and 25 systems", async () => {
    const q = `query($n: Int, $t: String) { aiSystems(first: $n, filter: {nameContains: $t}) { totalCount edges { node { id models { id versions { id status trainingRun { id } } } } } } }`;
    const one = await run("models", q, { n: 1, t: tag });
    const all = await run("models", q, { n: SYSTEMS, t: tag });
    expect(one.data.aiSystems.edges).toHaveLength(1);
    expect(all.data.aiSystems.edges).toHaveLength(SYSTEMS);
    expect(all.data.aiSystems.totalCount).toBe(SYSTEMS);
    for (const e of all.data.aiSystems.edges) expect(e.node.models.flatMap((m: any) => m.versions)).toHaveLength(4);
    expect(all.statements).toBe(one.statements);
    expect(one.statements).toBeLessThanOrEqual(5);
  });

  it("models and datasets with their versions: constant; a next page costs what the first did", async () => {
    const mq = `query($n: Int, $a: String) { models(first: $n, after: $a) { edges { cursor node { id system { id } versions { id } } } pageInfo { endCursor } } }`;
    const m1 = await run("models", mq, { n: 1 });
    const m100 = await run("models", mq, { n: 100 });
    const next = await run("models", mq, { n: 100, a: m1.data.models.pageInfo.endCursor });
    expect(m100.data.models.edges.length).toBeGreaterThanOrEqual(2 * SYSTEMS);
    expect([m100.statements, next.statements]).toEqual([m1.statements, m1.statements]);
    const dq = `query($n: Int, $t: String) { datasets(first: $n, filter: {nameContains: $t, containsPersonalData: true}) { totalCount edges { node { id versions { id containsPersonalData } } } } }`;
    const d1 = await run("datasets", dq, { n: 1, t: tag });
    const dAll = await run("datasets", dq, { n: 100, t: tag });
    expect(dAll.data.datasets.totalCount).toBe(Math.ceil(SYSTEMS / 2));
    expect(dAll.data.datasets.edges.flatMap((e: any) => e.node.versions.map((v: any) => v.containsPersonalData))).toEqual(Array(Math.ceil(SYSTEMS / 2)).fill(true));
    expect(dAll.statements).toBe(d1.statements);
  });

  it("search: one statement per page, whatever its size; finds OpenLineage jobs and runs", async () => {
    const q = `query($t: String!, $n: Int, $k: [String!]) { search(text: $t, first: $n, kinds: $k) { totalCount edges { node { id kind label } } } }`;
    const one = await run("compliance", q, { t: word, n: 1 });
    const all = await run("compliance", q, { t: word, n: 100 });
    expect(all.data.search.totalCount).toBe(SYSTEMS + 2);
    expect(all.data.search.edges).toHaveLength(SYSTEMS + 2);
    expect([one.statements, all.statements]).toEqual([1, 1]);
    const ol = await run("compliance", q, { t: word, k: ["Job", "Run"] });
    expect(ol.data.search.edges.map((e: any) => e.node).sort((a: any, b: any) => a.kind.localeCompare(b.kind))).toEqual([
      { id: `${tag}-job`, kind: "Job", label: `nightly ${word} etl` },
      { id: `${tag}-run`, kind: "Run", label: `${word} run 42` },
    ]);
  });
});
