import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetId, versionId, runVersion } from "../subgraphs/datasets/openlineage/mapping.js";
import { versionUuid } from "../subgraphs/datasets/openlineage/marquez.js";
import type { Stack } from "../launcher/stack.js";
import { lineageGraphProblems, marquezProblems } from "./support/marquez-schemas.js";
import { gql, ok as ok2, startTestStack, token, uniq } from "./support/stack.js";

// Marquez's read API on the gateway: every answer is checked against Marquez's OpenAPI schema
// (ajv, test/support/marquez-schemas.ts) and for what a Marquez user would see in it.
let stack: Stack;
let base: string;
let reader: string;
let writer: string;
const u = uniq("mq").replace("-", "");
const PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0";
const facet = (name: string, extra: object) => ({ _producer: PRODUCER, _schemaURL: `https://openlineage.io/spec/facets/1-0-1/${name}.json#/$defs/${name}`, ...extra });
// A time no other test uses, so the event window holds exactly this file's events.
const T0 = Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1e6) * 60_000;
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

const jobNs = `airflow-${u}`;
const pg = `postgres://db-${u}:5432`;
const raw = { namespace: pg, name: "shop.public.raw_orders" };
const daily = { namespace: pg, name: "shop.analytics.orders_daily" };
const topic = { namespace: `kafka://broker-${u}:9092`, name: "prod.orders.order-created.v1" };
const load = { namespace: jobNs, name: `orders_${u}.load_daily` };
const publish = { namespace: jobNs, name: `orders_${u}.publish` };
const loadRun = randomUUID();
const publishRun = randomUUID();
const cols = [{ name: "order_id", type: "integer" }, { name: "amount", type: "decimal(10,2)" }];

const event = (eventType: string, t: number, job: object, runId: string, inputs: object[], outputs: object[]) => ({
  eventType, eventTime: at(t), producer: PRODUCER, schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  run: { runId, facets: { nominalTime: facet("NominalTimeRunFacet", { nominalStartTime: at(0) }) } },
  job: { ...job, facets: { documentation: facet("DocumentationJobFacet", { description: "loads the daily orders" }) } }, inputs, outputs,
});
const withSchema = (d: object, extra: object = {}) => ({ ...d, facets: { schema: facet("SchemaDatasetFacet", { fields: cols }), dataSource: facet("DatasourceDatasetFacet", { name: pg, uri: pg }), ...extra } });
const lineageFacet = facet("ColumnLineageDatasetFacet", {
  fields: { order_id: { inputFields: [{ ...raw, field: "order_id", transformations: [{ type: "DIRECT", subtype: "IDENTITY" }] }] }, amount: { inputFields: [{ ...raw, field: "amount", transformations: [{ type: "DIRECT", subtype: "AGGREGATION" }] }] } },
});

async function get(path: string, bearer: string | null = reader) {
  const res = await fetch(`${base}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: res.status, body: (await res.json()) as any };
}
/** A 200 whose body conforms to Marquez's schema `schema`. */
async function ok(path: string, schema: string) {
  const r = await get(path);
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  expect(schema === "LineageGraph" ? lineageGraphProblems(r.body) : marquezProblems(schema, r.body)).toEqual([]);
  return r.body;
}
const enc = encodeURIComponent;

beforeAll(async () => {
  stack = await startTestStack();
  base = stack.gateway.url.replace(/\/graphql$/, "");
  reader = await token("marquez-ui", "lineage:read");
  writer = await token(`pipeline-${u}`, "lineage:write lineage:read");
  const events = [
    event("START", 0, load, loadRun, [withSchema(raw)], [withSchema(daily)]),
    event("COMPLETE", 60, load, loadRun, [withSchema(raw)], [withSchema(daily, { columnLineage: lineageFacet })]),
    event("START", 120, publish, publishRun, [daily], [topic]),
    event("FAIL", 150, publish, publishRun, [daily], [topic]),
  ];
  for (const e of events) {
    const res = await fetch(`${base}/api/v1/lineage`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${writer}` }, body: JSON.stringify(e) });
    expect(res.status, await res.text()).toBe(201);
  }
});
afterAll(() => stack?.stop());

describe("Marquez read API: namespaces and datasets", () => {
  it("lists and gets namespaces", async () => {
    const all = await ok("/api/v1/namespaces?limit=1000", "NamespaceList");
    expect(all.namespaces.map((n: any) => n.name)).toEqual(expect.arrayContaining([jobNs, pg, topic.namespace]));
    const one = await ok(`/api/v1/namespaces/${enc(jobNs)}`, "Namespace");
    expect(one).toMatchObject({ name: jobNs, ownerName: `pipeline-${u}` });
    expect((await get(`/api/v1/namespaces/${enc(`nope-${u}`)}`)).status).toBe(404);
  });

  it("lists a namespace's datasets by name and gets one, with its schema, source, facets and current version", async () => {
    const list = await ok(`/api/v1/namespaces/${enc(pg)}/datasets`, "DatasetList");
    expect(list.totalCount).toBe(2);
    expect(list.datasets.map((d: any) => d.name)).toEqual([daily.name, raw.name]);
    const d = await ok(`/api/v1/namespaces/${enc(pg)}/datasets/${enc(daily.name)}`, "Dataset");
    expect(d).toMatchObject({ id: daily, name: daily.name, namespace: pg, sourceName: pg, fields: [{ name: "order_id", type: "integer", tags: [] }, { name: "amount", type: "decimal(10,2)", tags: [] }] });
    expect(d.currentVersion).toBe(versionUuid(versionId(datasetId(pg, daily.name), runVersion(loadRun))));
    expect(Object.keys(d.facets)).toEqual(expect.arrayContaining(["schema", "dataSource", "columnLineage"]));
    const page = await ok(`/api/v1/namespaces/${enc(pg)}/datasets?limit=1&offset=1`, "DatasetList");
    expect(page).toMatchObject({ totalCount: 2, datasets: [{ name: raw.name }] });
    expect((await get(`/api/v1/namespaces/${enc(pg)}/datasets/${enc("no.such.table")}`)).status).toBe(404);
  });

  it("lists a dataset's versions and gets one by its UUID, with the run that wrote it", async () => {
    const list = await ok(`/api/v1/namespaces/${enc(pg)}/datasets/${enc(daily.name)}/versions`, "DatasetVersionList");
    expect(list.versions).toHaveLength(1);
    const v = list.versions[0];
    expect(v).toMatchObject({ name: daily.name, namespace: pg, createdByRun: { id: loadRun, state: "COMPLETED", durationMs: 60_000 } });
    expect(await ok(`/api/v1/namespaces/${enc(pg)}/datasets/${enc(daily.name)}/versions/${v.version}`, "DatasetVersion")).toEqual(v);
    expect((await get(`/api/v1/namespaces/${enc(pg)}/datasets/${enc(daily.name)}/versions/${randomUUID()}`)).status).toBe(404);
  });
});

describe("Marquez read API: jobs and runs", () => {
  it("lists jobs across namespaces filtered by their last run's state, and per namespace", async () => {
    const failed = await ok("/api/v1/jobs?lastRunStates=FAILED&limit=1000", "JobList");
    const names = failed.jobs.map((j: any) => j.name);
    expect(names).toContain(publish.name);
    expect(names).not.toContain(load.name);
    const mine = await ok(`/api/v1/namespaces/${enc(jobNs)}/jobs`, "JobList");
    expect(mine.totalCount).toBe(2);
    expect(mine.jobs.map((j: any) => [j.name, j.latestRun.state])).toEqual([[load.name, "COMPLETED"], [publish.name, "FAILED"]]);
    const completed = await ok(`/api/v1/namespaces/${enc(jobNs)}/jobs?lastRunStates=COMPLETED,RUNNING`, "JobList");
    expect(completed.jobs.map((j: any) => j.name)).toEqual([load.name]);
    expect((await get("/api/v1/jobs?lastRunStates=DONE")).status).toBe(400);
  });

  it("gets a job with its inputs, outputs, description and latest run", async () => {
    const j = await ok(`/api/v1/namespaces/${enc(jobNs)}/jobs/${enc(load.name)}`, "Job");
    expect(j).toMatchObject({ id: load, simpleName: "load_daily", inputs: [raw], outputs: [daily], description: "loads the daily orders", latestRun: { id: loadRun, state: "COMPLETED" } });
  });

  it("lists a job's runs, gets a run by id, and its run and job facets", async () => {
    const runs = await ok(`/api/v1/namespaces/${enc(jobNs)}/jobs/${enc(load.name)}/runs`, "RunList");
    expect(runs.runs).toHaveLength(1);
    expect(runs.runs[0]).toMatchObject({ id: loadRun, state: "COMPLETED", startedAt: at(0), endedAt: at(60), durationMs: 60_000, nominalStartTime: at(0) });
    expect(runs.runs[0].outputDatasetVersions).toEqual([{ datasetVersionId: { ...daily, version: versionUuid(versionId(datasetId(pg, daily.name), runVersion(loadRun))) }, facets: {} }]);
    expect(runs.runs[0].inputDatasetVersions.map((x: any) => x.datasetVersionId.name)).toEqual([raw.name]);
    expect(await ok(`/api/v1/jobs/runs/${publishRun}`, "Run")).toMatchObject({ id: publishRun, state: "FAILED" });
    const rf = await ok(`/api/v1/jobs/runs/${loadRun}/facets?type=run`, "FacetsResult");
    expect(rf).toMatchObject({ runId: loadRun, facets: { nominalTime: { nominalStartTime: at(0) } } });
    const jf = await ok(`/api/v1/jobs/runs/${loadRun}/facets?type=job`, "FacetsResult");
    expect(jf.facets.documentation).toMatchObject({ description: "loads the daily orders" });
    expect((await get(`/api/v1/jobs/runs/${loadRun}/facets`)).status).toBe(400);
    expect((await get(`/api/v1/jobs/runs/${randomUUID()}`)).status).toBe(404);
  });
});

describe("Marquez read API: lineage, column lineage, events, search, tags", () => {
  it("lineage of a dataset (the route that existed) conforms too", async () => {
    const g = await ok(`/api/v1/lineage?nodeId=${enc(`dataset:${pg}:${daily.name}`)}&depth=2`, "LineageGraph");
    expect(g.graph.map((n: any) => n.id).sort()).toEqual([`dataset:${pg}:${daily.name}`, `dataset:${pg}:${raw.name}`, `dataset:${topic.namespace}:${topic.name}`, `job:${jobNs}:${load.name}`, `job:${jobNs}:${publish.name}`].sort());
  });

  it("column lineage of a dataset and of one field, upstream, and downstream when asked", async () => {
    const g = await ok(`/api/v1/column-lineage?nodeId=${enc(`dataset:${pg}:${daily.name}`)}`, "LineageGraph");
    const amount = g.graph.find((n: any) => n.id === `datasetField:${pg}:${daily.name}:amount`);
    expect(amount.data).toMatchObject({ namespace: pg, dataset: daily.name, field: "amount", fieldType: "decimal(10,2)", transformationType: "DIRECT", inputFields: [{ namespace: pg, dataset: raw.name, field: "amount", transformationDescription: "DIRECT/AGGREGATION" }] });
    expect(amount.inEdges).toEqual([{ origin: `datasetField:${pg}:${raw.name}:amount`, destination: amount.id }]);
    expect(g.graph).toHaveLength(4);
    const field = await ok(`/api/v1/column-lineage?nodeId=${enc(`datasetField:${pg}:${daily.name}:order_id`)}`, "LineageGraph");
    expect(field.graph.map((n: any) => n.id).sort()).toEqual([`datasetField:${pg}:${daily.name}:order_id`, `datasetField:${pg}:${raw.name}:order_id`]);
    const up = await ok(`/api/v1/column-lineage?nodeId=${enc(`datasetField:${pg}:${raw.name}:order_id`)}`, "LineageGraph");
    expect(up.graph.map((n: any) => n.id)).toEqual([`datasetField:${pg}:${raw.name}:order_id`]);
    const down = await ok(`/api/v1/column-lineage?nodeId=${enc(`datasetField:${pg}:${raw.name}:order_id`)}&withDownstream=true`, "LineageGraph");
    expect(down.graph.map((n: any) => n.id).sort()).toEqual(field.graph.map((n: any) => n.id).sort());
    expect((await get(`/api/v1/column-lineage?nodeId=${enc(`dataset:${pg}:nope`)}`)).status).toBe(404);
    expect((await get("/api/v1/column-lineage?nodeId=job:x")).status).toBe(400);
  });

  it("events in a time window, newest first by default, paged", async () => {
    const w = `after=${enc(at(-1))}&before=${enc(at(200))}`;
    const all = await ok(`/api/v1/events/lineage?${w}`, "LineageEventList");
    expect(all.totalCount).toBe(4);
    expect(all.events.map((e: any) => e.eventType)).toEqual(["FAIL", "START", "COMPLETE", "START"]);
    const asc = await ok(`/api/v1/events/lineage?${w}&sortDirection=asc&limit=2&offset=1`, "LineageEventList");
    expect(asc).toMatchObject({ totalCount: 4, events: [{ eventType: "COMPLETE", run: { runId: loadRun } }, { eventType: "START", run: { runId: publishRun } }] });
    const narrow = await ok(`/api/v1/events/lineage?after=${enc(at(100))}&before=${enc(at(130))}`, "LineageEventList");
    expect(narrow.events.map((e: any) => e.eventTime)).toEqual([at(120)]);
    expect((await get("/api/v1/events/lineage?after=yesterday")).status).toBe(400);
  });

  it("search by a name pattern (Marquez's: a case-insensitive substring, % and _ wildcards)", async () => {
    const r = await ok(`/api/v1/search?q=${enc(`ORDERS_${u}`)}`, "SearchResultList");
    expect(r).toMatchObject({ totalCount: 2, results: [{ type: "JOB", name: load.name, namespace: jobNs, nodeId: `job:${jobNs}:${load.name}` }, { type: "JOB", name: publish.name }] });
    const pub = await ok(`/api/v1/search?q=${enc(`${u}%pub`)}&filter=job`, "SearchResultList");
    expect(pub.results.map((x: any) => x.name)).toEqual([publish.name]);
    const ds = await ok(`/api/v1/search?q=orders_daily&filter=DATASET&namespace=${enc(pg)}`, "SearchResultList");
    expect(ds.results).toEqual([expect.objectContaining({ type: "DATASET", name: daily.name, nodeId: `dataset:${pg}:${daily.name}` })]);
    expect((await get("/api/v1/search")).status).toBe(400);
  });

  it("tags datasets, fields and jobs (lineage:write, audited), lists tags, and untags", async () => {
    const tag = `PII_${u}`;
    const send = async (method: string, path: string, bearer: string | null = writer, body?: object) => {
      const res = await fetch(`${base}${path}`, { method, headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: (await res.json()) as any };
    };
    const dsPath = `/api/v1/namespaces/${enc(pg)}/datasets/${enc(daily.name)}`;
    expect((await send("PUT", `/api/v1/tags/${tag}`, writer, { description: "personal data" })).status).toBe(200);
    const tagged = await send("POST", `${dsPath}/tags/${tag}`);
    expect(tagged.status).toBe(200);
    expect(marquezProblems("Dataset", tagged.body)).toEqual([]);
    expect(tagged.body.tags).toEqual([tag]);
    const field = await send("POST", `${dsPath}/fields/order_id/tags/${tag}`);
    expect(field.body.fields.find((f: any) => f.name === "order_id").tags).toEqual([tag]);
    expect(field.body.fields.find((f: any) => f.name === "amount").tags).toEqual([]);
    const j = await send("POST", `/api/v1/namespaces/${enc(jobNs)}/jobs/${enc(load.name)}/tags/${tag}`);
    expect(j.status).toBe(200);
    expect(marquezProblems("Job", j.body)).toEqual([]);
    expect(j.body.tags).toEqual([tag]);
    expect((await ok("/api/v1/tags?limit=1000", "TagList")).tags).toContainEqual({ name: tag, description: "personal data" });
    expect((await ok(dsPath, "Dataset")).tags).toEqual([tag]);
    // Tagging twice changes nothing and records nothing more.
    expect((await send("POST", `${dsPath}/tags/${tag}`)).body.tags).toEqual([tag]);
    const untagged = await send("DELETE", `${dsPath}/tags/${tag}`);
    expect(untagged.body.tags).toEqual([]);
    const auditor = await token("auditor", "audit:read");
    const all = ok2(await gql(stack.gateway.url, auditor, `query($a: String) { auditEvents(actor: $a, first: 500) { operation subjects } }`, { a: `pipeline-${u}` })).auditEvents;
    // (The same actor's OpenLineage ingests are audited too.)
    const events = all.filter((e: any) => /tag/i.test(e.operation));
    expect(events.map((e: any) => e.operation)).toEqual(["putTag", "tagDataset", "tagDatasetField", "tagJob", "untagDataset"]);
    expect(events[1].subjects).toEqual([datasetId(pg, daily.name)]);
    // Scopes, unknown targets, bad tag names.
    expect((await send("POST", `${dsPath}/tags/${tag}`, reader)).status).toBe(403);
    expect((await send("POST", `${dsPath}/tags/${tag}`, null)).status).toBe(401);
    expect((await send("POST", `/api/v1/namespaces/${enc(pg)}/datasets/nope/tags/${tag}`)).status).toBe(404);
    expect((await send("POST", `${dsPath}/tags/${enc("no spaces")}`)).status).toBe(400);
  });

  it("stats: events by type per hour of the last day, cumulative jobs, datasets and sources", async () => {
    const bucketOf = (list: any[], t: string) => list.find((b) => b.startInterval <= t && t < b.endInterval);
    const before = (await get("/api/v1/stats/lineage-events?period=DAY")).body;
    const jobsBefore = (await get("/api/v1/stats/jobs?period=DAY")).body;
    const now = new Date().toISOString();
    const extra = { namespace: jobNs, name: `orders_${u}.stats_probe` };
    const e = { ...event("FAIL", 0, extra, randomUUID(), [], []), eventTime: now };
    expect((await fetch(`${base}/api/v1/lineage`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${writer}` }, body: JSON.stringify(e) })).status).toBe(201);
    const r = await get("/api/v1/stats/lineage-events?period=DAY");
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(24);
    expect(Object.keys(r.body[0]).sort()).toEqual(["abort", "complete", "endInterval", "fail", "start", "startInterval"]);
    expect(bucketOf(r.body, now).fail).toBeGreaterThanOrEqual((bucketOf(before, now)?.fail ?? 0) + 1);
    const jobs = (await get("/api/v1/stats/jobs?period=DAY")).body;
    expect(jobs.at(-1).count).toBeGreaterThanOrEqual(jobsBefore.at(-1).count + 1);
    const week = await get("/api/v1/stats/datasets?period=WEEK&timezone=Europe/Berlin");
    expect(week.status).toBe(200);
    expect(week.body).toHaveLength(7);
    expect(week.body.at(-1).count).toBeGreaterThanOrEqual(3);
    expect((await get("/api/v1/stats/sources?period=WEEK")).status).toBe(400);
  });

  it("same tokens and scopes: no token is 401, a token without lineage:read is 403", async () => {
    for (const path of ["/api/v1/namespaces", `/api/v1/namespaces/${enc(jobNs)}/jobs`, "/api/v1/jobs", "/api/v1/search?q=x", "/api/v1/events/lineage", "/api/v1/column-lineage?nodeId=dataset:a:b", "/api/v1/tags", "/api/v1/stats/jobs?period=DAY"]) {
      expect((await get(path, null)).status, path).toBe(401);
      expect((await get(path, await token("approver", "approvals:decide"))).status, path).toBe(403);
    }
    expect((await get("/api/v1/namespaces?limit=-1")).status).toBe(400);
  });
});
