import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetId, fieldId, runVersion, versionId } from "../subgraphs/datasets/openlineage/mapping.js";
import { versionUuid } from "../subgraphs/datasets/openlineage/marquez.js";
import type { Stack } from "../launcher/stack.js";
import { airflowTaskEvents, dbtModelEvents, sparkEvent } from "./support/openlineage-events.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

// Each test builds its graph through the API: generous on a loaded 2-core machine (no timing is asserted).
const SLOW = 240_000;

let stack: Stack;
let base: string;
let writer: string;
let reader: string;

beforeAll(async () => {
  stack = await startTestStack();
  base = stack.gateway.url.replace(/\/graphql$/, "");
  writer = await token("airflow-prod", "lineage:write lineage:read");
  reader = await token("auditor", "lineage:read");
});
afterAll(() => stack?.stop());

const post = (path: string, body: unknown, bearer: string | null = writer, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    body: typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  });
const get = async (path: string, bearer = reader) => {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: res.status, body: (await res.json()) as any };
};
const query = async (text: string, variables: Record<string, unknown> = {}) => ok(await gql(stack.gateway.url, reader, text, variables)) as any;
const LINEAGE = `query($id: ID!, $d: LineageDirection) { lineage(id: $id, direction: $d, depth: 6) { nodes { id kind label } edges { from to type } } }`;

describe("dbt", () => {
  it("a START then COMPLETE pair builds one run of the model's job, with its output version, fields and column lineage", async () => {
    const ns = `postgres://warehouse-${uniq("db")}:5432`;
    const ev = dbtModelEvents({ project: "jaffle_shop", model: "orders", inputs: [{ namespace: ns, name: "jaffle.public.stg_orders" }], output: { namespace: ns, name: "jaffle.public.orders" } });
    expect((await post("/api/v1/lineage", ev.start)).status).toBe(201);
    const second = await post("/api/v1/lineage", ev.complete);
    expect(second.status).toBe(201);
    expect(await second.json()).toMatchObject({ status: "success", duplicate: false });

    const g = (await query(LINEAGE, { id: ev.runId, d: "BOTH" })).lineage;
    const runs = g.nodes.filter((n: any) => n.kind === "Run");
    expect(runs.map((n: any) => n.id)).toContain(ev.runId);
    expect(runs.find((n: any) => n.id === ev.runId).label).toMatch(/\(COMPLETE\)$/);
    expect(g.nodes.filter((n: any) => n.kind === "Job").map((n: any) => n.label)).toContain("dbt/jaffle_shop.model.jaffle_shop.orders");
    // The parent dbt run is a Run too, the model run points to it.
    expect(g.edges).toContainEqual({ from: ev.runId, to: ev.parentRunId, type: "PARENT_RUN" });

    const out = versionId(datasetId(ns, "jaffle.public.orders"), runVersion(ev.runId));
    expect(g.edges).toContainEqual({ from: out, to: ev.runId, type: "WRITTEN_BY" });
    const dv = (await query(`query($id: ID!) { datasetVersion(id: $id) { id version provenance contentDigest jurisdiction dataset { name } derivedFrom { id dataset { name } } } }`, { id: out })).datasetVersion;
    expect(dv).toMatchObject({ version: `run:${ev.runId}`, dataset: { name: "jaffle.public.orders" }, contentDigest: null, jurisdiction: null });
    expect(dv.provenance).toBe(`OpenLineage: written by job dbt/jaffle_shop.model.jaffle_shop.orders, run ${ev.runId}`);
    expect(dv.derivedFrom.map((d: any) => d.dataset.name)).toEqual(["jaffle.public.stg_orders"]);

    // Marquez's shape: the dataset written by the job, its fields from the schema facet, the job's latest run.
    const m = await get(`/api/v1/lineage?nodeId=${encodeURIComponent(`dataset:${ns}:jaffle.public.orders`)}&depth=2`);
    expect(m.status).toBe(200);
    const node = m.body.graph.find((n: any) => n.id === `dataset:${ns}:jaffle.public.orders`);
    expect(node.type).toBe("DATASET");
    // Fields in the schema facet's order, with their types; the facet itself is among the facets.
    expect(node.data.fields.map((f: any) => [f.name, f.type])).toEqual([["order_id", "integer"], ["customer_id", "varchar"], ["status", "varchar"]]);
    expect(node.data.facets.schema).toEqual(ev.complete.outputs[0].facets.schema);
    expect(node.data.description).toBe("the orders model");
    expect(node.inEdges).toEqual([{ origin: "job:dbt:jaffle_shop.model.jaffle_shop.orders", destination: `dataset:${ns}:jaffle.public.orders` }]);
    const job = m.body.graph.find((n: any) => n.id === "job:dbt:jaffle_shop.model.jaffle_shop.orders");
    expect(job.data.latestRun).toMatchObject({ id: ev.runId, state: "COMPLETED" });
    expect(job.inEdges).toContainEqual({ origin: `dataset:${ns}:jaffle.public.stg_orders`, destination: job.id });

    // Raw events kept as received, custom facets included.
    const raw = await get(`/api/v1/lineage/events?runId=${ev.runId}`);
    expect(raw.body.events).toEqual([ev.start, ev.complete]);
  }, SLOW);

  it("stores the same event sent twice once", async () => {
    const ns = `postgres://${uniq("db")}`;
    const ev = dbtModelEvents({ project: "p", model: "m", inputs: [{ namespace: ns, name: "a" }], output: { namespace: ns, name: "b" } });
    expect((await post("/api/v1/lineage", ev.start)).status).toBe(201);
    const again = await post("/api/v1/lineage", ev.start);
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect((await get(`/api/v1/lineage/events?runId=${ev.runId}`)).body.events).toHaveLength(1);
  }, SLOW);
});

describe("Spark", () => {
  it("maps the version facet to a dataset version, keeps facets as facts and column lineage as field edges", async () => {
    const ns = `s3://lake-${uniq("b")}`;
    const s = sparkEvent({ app: "orders_etl", input: { namespace: ns, name: "raw/orders" }, output: { namespace: ns, name: "curated/orders" }, outputVersion: "12" });
    expect((await post("/api/v1/lineage", s.event)).status).toBe(201);
    const out = versionId(datasetId(ns, "curated/orders"), "12");
    const dv = (await query(`query($id: ID!) { datasetVersion(id: $id) { version derivations { transformation from { version dataset { name } } } } }`, { id: out })).datasetVersion;
    expect(dv.version).toBe("12");
    // The input named no version and none was written before: one "unversioned" version stands for it.
    expect(dv.derivations).toEqual([{ transformation: expect.stringContaining("OpenLineage job spark/orders_etl"), from: { version: "unversioned", dataset: { name: "raw/orders" } } }]);
    const m = await get(`/api/v1/lineage?nodeId=${encodeURIComponent(`dataset:${ns}:curated/orders`)}&depth=1`);
    const node = m.body.graph.find((n: any) => n.id === `dataset:${ns}:curated/orders`);
    expect(node.data.facets.storage).toMatchObject({ storageLayer: "delta" });
    expect(node.data.facets.lifecycleStateChange).toMatchObject({ lifecycleStateChange: "OVERWRITE" });
    // Marquez names versions by UUID (derived from ours); the producer's version stays in the version facet.
    expect(node.data.currentVersion).toBe(versionUuid(out));
    expect(node.data.facets.version).toMatchObject({ datasetVersion: "12" });
    // Column lineage: the output column derives from the input column (GraphQL lineage of the column).
    const input = versionId(datasetId(ns, "raw/orders"), "unversioned");
    const amount = (await query(LINEAGE, { id: fieldId(out, "amount"), d: "UPSTREAM" })).lineage;
    expect(amount.edges).toEqual([{ from: fieldId(out, "amount"), to: fieldId(input, "amount"), type: "FIELD_DERIVED_FROM" }]);
    expect(amount.nodes.map((n: any) => [n.kind, n.label])).toContainEqual(["DatasetField", "raw/orders.amount"]);
    // Upstream of the version: the run that wrote it, its job, the input it read.
    const up = (await query(LINEAGE, { id: out, d: "UPSTREAM" })).lineage;
    expect(up.nodes.map((n: any) => n.kind)).toEqual(expect.arrayContaining(["DatasetVersion", "Run", "Job", "Dataset"]));
    expect(up.edges).toContainEqual({ from: s.runId, to: input, type: "READ" });
  }, SLOW);
});

describe("Airflow training DAG with the aiLineage facet", () => {
  it("links the run as the model version's TrainingRun: its datasets show in traceDecision, lineage and impact", async () => {
    const sys = ok(await gql(stack.gateway.url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, { i: { name: uniq("churn"), version: "1", intendedPurpose: "predict churn", providerName: "Acme", riskCategory: "LIMITED" } })) as any;
    const model = ok(await gql(stack.gateway.url, writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.registerAISystem.id, name: "churn" } })) as any;
    const digest = `sha256:${Buffer.from(uniq("art")).toString("hex").padEnd(64, "0").slice(0, 64)}`;
    const mv = (ok(await gql(stack.gateway.url, writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model.registerModel.id, version: "1.0.0", artifactDigest: digest } })) as any).registerModelVersion;
    const ns = `s3://features-${uniq("b")}`;
    // Spark wrote the features the DAG trains on: a derivation the trace follows upstream.
    const s = sparkEvent({ app: "features", input: { namespace: ns, name: "events" }, output: { namespace: ns, name: "features" }, outputVersion: "7", at: new Date("2026-03-01T07:00:00Z") });
    expect((await post("/api/v1/lineage", s.event)).status).toBe(201);
    const a = airflowTaskEvents({ dag: "train_churn", task: "train", inputs: [{ namespace: ns, name: "features" }, { namespace: ns, name: "holdout" }], aiLineage: { artifactDigest: digest, roles: { [`${ns}/holdout`]: "TEST" } } });
    const batch = await post("/api/v1/lineage/batch", [a.start, a.end]);
    expect(batch.status).toBe(200);
    expect(await batch.json()).toMatchObject({ status: "success", summary: { received: 2, successful: 2, failed: 0, retriable: 0, non_retriable: 0 } });

    const features = versionId(datasetId(ns, "features"), "7");
    const run = (await query(`query($id: ID!) { modelVersion(id: $id) { trainingRun { id startedAt endedAt inputs { id } } } }`, { id: mv.id })).modelVersion.trainingRun;
    expect(run).toMatchObject({ startedAt: "2026-03-01T08:00:00.000Z", endedAt: "2026-03-01T09:30:00.000Z" });
    expect(run.inputs.map((d: any) => d.id)).toContain(features);

    const decisionId = uniq("decision");
    ok(await gql(stack.gateway.url, writer, `mutation($i: [DecisionInput!]!) { recordDecisions(decisions: $i) { accepted } }`, {
      i: [{ id: decisionId, modelVersionId: mv.id, occurredAt: "2026-03-05T10:00:00Z", inputDigest: `sha256:${"e".repeat(64)}`, output: { churn: 0.2 } }],
    }));
    const t = (await query(`query($id: ID!) { traceDecision(id: $id) { trainingRun { id } datasets { id version provenance } gaps } }`, { id: decisionId })).traceDecision;
    expect(t.trainingRun.id).toBe(run.id);
    const traced = t.datasets.map((d: any) => d.id);
    expect(traced).toEqual(expect.arrayContaining([features, versionId(datasetId(ns, "events"), "unversioned")]));
    expect(t.gaps).toContain(`DatasetVersion ${features}: legal basis missing`);

    const lin = (await query(LINEAGE, { id: mv.id, d: "UPSTREAM" })).lineage;
    expect(lin.edges).toContainEqual({ from: run.id, to: a.runId, type: "RECORDED_AS" });
    expect(lin.nodes.find((n: any) => n.id === a.runId).kind).toBe("Run");

    const impact = (await query(`query($id: ID!) { impact(datasetVersionId: $id) { modelVersions { id } trainingRuns { id } } }`, { id: versionId(datasetId(ns, "events"), "unversioned") })).impact;
    expect(impact.modelVersions.map((m: any) => m.id)).toContain(mv.id);
  }, SLOW);

  it("records a failed run's state and error message", async () => {
    const ns = `s3://x-${uniq("b")}`;
    const a = airflowTaskEvents({ dag: "nightly", task: "load", inputs: [{ namespace: ns, name: "in" }], outputs: [{ namespace: ns, name: "out" }], fail: true });
    // Sent out of order: the state follows eventTime, not arrival.
    expect((await post("/api/v1/lineage", a.end)).status).toBe(201);
    expect((await post("/api/v1/lineage", a.start)).status).toBe(201);
    const m = await get(`/api/v1/lineage?nodeId=${encodeURIComponent("job:airflow:nightly.load")}&depth=1`);
    const job = m.body.graph.find((n: any) => n.id === "job:airflow:nightly.load");
    expect(job.data.latestRun).toMatchObject({ id: a.runId, state: "FAILED", startedAt: "2026-03-01T08:00:00.000Z" });
    const g = (await query(LINEAGE, { id: a.runId, d: "BOTH" })).lineage;
    expect(g.nodes.find((n: any) => n.id === a.runId).label).toMatch(/\(FAIL\)$/);
  }, SLOW);
});

describe("bad input", () => {
  const valid = () => dbtModelEvents({ project: "q", model: "m", inputs: [{ namespace: "pg://x", name: "a" }], output: { namespace: "pg://x", name: uniq("b") } }).start;

  it("401 without or with a bad token, 403 without lineage:write", async () => {
    const none = await post("/api/v1/lineage", valid(), null);
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe("UNAUTHENTICATED");
    expect((await post("/api/v1/lineage", valid(), "not.a.jwt")).status).toBe(401);
    const forbidden = await post("/api/v1/lineage", valid(), reader);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("FORBIDDEN");
  }, SLOW);

  it("400 naming the position of malformed JSON", async () => {
    const res = await post("/api/v1/lineage", '{"eventType": "START",, "run": {}}');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "BAD_USER_INPUT", details: { position: 22, line: 1, column: 23 } });
    expect(body.error.message).toMatch(/position 22/);
  }, SLOW);

  it("400 listing each schema violation with its JSON path, standard facets included", async () => {
    const ev = valid();
    delete ev.run.facets.parent.job.name;
    ev.job.facets.sql = { _producer: "https://x.example", _schemaURL: "https://x.example/s.json" };
    ev.eventTime = "yesterday";
    ev.inputs[0].facets.schema.fields[0] = { type: "int" };
    const res = await post("/api/v1/lineage", ev);
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.details.problems.map((p: any) => `${p.path} ${p.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        `/eventTime must be a date-time such as 2026-03-01T06:00:00Z (RFC 3339)`,
        `/run/facets/parent/job must have required property 'name'`,
        `/job/facets/sql must have required property 'query'`,
        `/inputs/0/facets/schema/fields/0 must have required property 'name'`,
      ]),
    );
  }, SLOW);

  it("accepts a gzip body and refuses one whose decoded size passes the limit with 413", async () => {
    const ev = valid();
    expect((await post("/api/v1/lineage", gzipSync(JSON.stringify(ev)), writer, { "content-encoding": "gzip" })).status).toBe(201);
    const bomb = gzipSync(Buffer.alloc(11 * 1024 * 1024, " "));
    const res = await post("/api/v1/lineage/batch", bomb, writer, { "content-encoding": "gzip" });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
  }, SLOW);

  it("a batch with bad events: partial_success, the good ones stored, the bad ones listed with reasons", async () => {
    const good = valid();
    const bad = valid();
    delete bad.job.name;
    const unknown = airflowTaskEvents({ dag: "d", task: "t", inputs: [], aiLineage: { modelVersionId: "mv_does_not_exist" } }).start;
    const res = await post("/api/v1/lineage/batch", [bad, good, unknown]);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "partial_success", summary: { received: 3, successful: 1, failed: 2, retriable: 0, non_retriable: 2 } });
    expect(body.failed_events.map((f: any) => [f.index, f.retriable])).toEqual([[0, false], [2, false]]);
    expect(body.failed_events[0].problems).toContainEqual({ path: "/job", message: "must have required property 'name'" });
    expect(body.failed_events[1].problems).toEqual([{ path: "/run/facets/aiLineage/modelVersionId", message: "no ModelVersion with modelVersionId mv_does_not_exist" }]);
    expect((await get(`/api/v1/lineage/events?runId=${good.run.runId}`)).body.events).toEqual([good]);
    expect((await get(`/api/v1/lineage/events?runId=${unknown.run.runId}`)).body.events).toEqual([]);
  }, SLOW);

  it("serves the aiLineage facet schema; 404 for an unknown Marquez node", async () => {
    const schema = await get("/api/v1/lineage/facets/aiLineage.json");
    expect(schema.status).toBe(200);
    expect(schema.body.properties).toHaveProperty("modelVersionId");
    expect((await get(`/api/v1/lineage?nodeId=${encodeURIComponent("dataset:nowhere:nothing")}`)).status).toBe(404);
  }, SLOW);
});
