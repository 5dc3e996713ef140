// Issue 22 items 4, 5 and 8 (OpenLineage parts) and issue 26 item 1, through the real gateway.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { cypher } from "./support/db.js";
import { pythonClientEvent } from "./support/openlineage-client-events.js";
import { dbtModelEvents } from "./support/openlineage-events.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

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

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${writer}` },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, bytes: text.length, body: JSON.parse(text) };
};
const get = async (path: string) => {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${reader}` } });
  return { status: res.status, body: (await res.json()) as any };
};
const datasetsHealth = () => fetch(new URL("/healthz", stack.subgraphs.find((s) => s.name === "datasets")!.url)).then((r) => r.status);

const PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark";
const runEvent = (extra: Record<string, unknown> = {}): Record<string, any> => ({
  eventTime: "2026-03-01T00:00:00Z", eventType: "START", producer: PRODUCER, schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  job: { namespace: uniq("spark"), name: "etl" }, run: { runId: randomUUID() }, ...extra,
});
/** An event whose custom run facet `deep` nests `levels` deep, as JSON text (JSON.stringify would overflow this process's stack). */
const withDeepFacet = (levels: number) => {
  const base = { _producer: PRODUCER, _schemaURL: `${PRODUCER}/deep.json` };
  const open = JSON.stringify({ ...base, child: 0 }).replace(/0}$/, "");
  const deep = open.repeat(levels) + JSON.stringify(base) + "}".repeat(levels);
  return JSON.stringify(runEvent({ run: { runId: randomUUID(), facets: { deep: "@DEEP@" } } })).replace('"@DEEP@"', deep);
};

describe("OpenLineage: bounded work per request (issue 22 item 4)", () => {
  it("50,000 empty inputs, a 5,000-level nested facet and 100,000 unclosed brackets: each a 400 with a short error list; the service answers meanwhile and after", async () => {
    const probes = [
      runEvent({ inputs: Array.from({ length: 50_000 }, () => ({})) }),
      withDeepFacet(5000),
      runEvent({ inputs: Array.from({ length: 5_000 }, () => ({})) }),
      "[".repeat(100_000),
    ];
    const [answers, health] = await Promise.all([Promise.all([...probes, ...probes].map((p) => post("/api/v1/lineage", p))), datasetsHealth()]);
    expect(health).toBe(200);
    for (const a of answers) {
      expect(a.status).toBe(400);
      expect(a.body.error.code).toBe("BAD_USER_INPUT");
      expect(a.bytes).toBeLessThan(4_000);
    }
    expect(answers[0].body.error.details).toEqual({ problems: [{ path: "/inputs", message: "must have at most 10000 items (has 50000)" }], problemCount: 1 });
    expect(answers[1].body.error.details.problems[0].message).toBe("nested more than 64 levels deep");
    expect(answers[2].body.error.details.problems).toHaveLength(1);
    expect(answers[3].body.error.message).toMatch(/^malformed JSON/);
    // The same service still stores a valid event.
    expect(await datasetsHealth()).toBe(200);
    expect((await post("/api/v1/lineage", runEvent())).status).toBe(201);
  }, SLOW);

  it("lists the first 20 problems of an event and counts them all", async () => {
    const a = await post("/api/v1/lineage", runEvent({ inputs: Array.from({ length: 30 }, () => ({})) }));
    expect(a.status).toBe(400);
    expect(a.body.error.details.problems).toHaveLength(20);
    expect(a.body.error.details.problemCount).toBe(60);
  }, SLOW);
});

describe("OpenLineage: one bad event is one failed_events entry (issue 22 item 8)", () => {
  it("a leap second and a deeply nested facet are refused, not retriable; the other events are stored", async () => {
    const ns = `postgres://${uniq("leap")}:5432`;
    const good = [0, 1].map((i) => dbtModelEvents({ project: "p", model: `m${i}`, inputs: [{ namespace: ns, name: "raw" }], output: { namespace: ns, name: `out${i}` } }).start);
    const leap: Record<string, any> = { ...dbtModelEvents({ project: "p", model: "leap", inputs: [{ namespace: ns, name: "raw" }], output: { namespace: ns, name: "leap" } }).start, eventTime: "2016-12-31T23:59:60Z" };
    const a = await post("/api/v1/lineage/batch", `[${JSON.stringify(good[0])},${JSON.stringify(leap)},${withDeepFacet(5000)},${JSON.stringify(good[1])}]`);
    expect(a.status).toBe(200);
    expect(a.body.status).toBe("partial_success");
    expect(a.body.summary).toMatchObject({ received: 4, successful: 2, failed: 2, retriable: 0, non_retriable: 2 });
    expect(a.body.failed_events.map((f: any) => [f.index, f.retriable, f.problems[0].path.slice(0, 15)])).toEqual([[1, false, "/eventTime"], [2, false, "/run/facets/dee"]]);
    expect(a.body.failed_events[0].problems[0].message).toMatch(/leap second/);
    for (const e of good) expect((await get(`/api/v1/lineage/events?runId=${e.run.runId}`)).body.events).toEqual([e]);
    expect((await get(`/api/v1/lineage/events?runId=${leap.run.runId}`)).body.events).toEqual([]);
  }, SLOW);
});

describe("OpenLineage: liberal in what it accepts, strict in structure (issue 26 item 1)", () => {
  it("stores the Python client's own test event (no UTC offset, producer not a URI) with its warnings; the time is read as UTC", async () => {
    const namespace = uniq("openlineage");
    const sent = pythonClientEvent(randomUUID(), namespace);
    const a = await post("/api/v1/lineage", sent);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: "success", duplicate: false, warningCount: 2 });
    expect(a.body.warnings).toEqual([
      { path: "/eventTime", message: "has no UTC offset: read as UTC" },
      { path: "/producer", message: expect.stringMatching(/^is not a valid uri/) },
    ]);
    // Kept as sent, with its warnings beside it.
    expect((await get(`/api/v1/lineage/events/${a.body.eventId}`)).body).toEqual(sent);
    const [stored] = await cypher<{ warnings: string }>(`MATCH (e:OpenLineageEvent {id: $id}) RETURN e.warnings AS warnings`, { id: a.body.eventId });
    expect(JSON.parse(stored.warnings)).toEqual({ warnings: a.body.warnings, warningCount: 2 });
    const job = (await get(`/api/v1/lineage?nodeId=job:${namespace}:job&depth=0`)).body.graph[0];
    expect(job.data.latestRun.startedAt).toBe("2021-11-03T10:53:52.427Z");
  }, SLOW);

  it("a batch lists each event's warnings; a dataSource uri that is not a URI and a newer facet version's extra fields are kept", async () => {
    const dataSource = { _producer: PRODUCER, _schemaURL: "https://openlineage.io/spec/facets/1-1-0/DatasourceDatasetFacet.json", name: "bigquery", uri: "bigquery", region: "EU" };
    const withSource = runEvent({ outputs: [{ namespace: "bigquery", name: uniq("proj.sales.orders"), facets: { dataSource } }] });
    const a = await post("/api/v1/lineage/batch", [runEvent(), withSource, { ...runEvent(), eventType: "FINISHED" }]);
    expect(a.body.summary).toMatchObject({ received: 3, successful: 2, failed: 1, with_warnings: 1 });
    expect(a.body.warnings).toEqual([{ index: 1, warnings: [{ path: "/outputs/0/facets/dataSource/uri", message: expect.stringMatching(/^is not a valid uri/) }], warningCount: 1 }]);
    expect(a.body.failed_events).toEqual([{ index: 2, reason: "invalid OpenLineage event", retriable: false, problemCount: 1, problems: [{ path: "/eventType", message: expect.stringMatching(/^must be equal to one of the allowed values: START/) }] }]);
    const out = withSource.outputs[0] as { namespace: string; name: string };
    const node = (await get(`/api/v1/lineage?nodeId=dataset:${out.namespace}:${out.name}&depth=0`)).body.graph[0];
    expect(node.data.facets.dataSource).toEqual(dataSource);
  }, SLOW);
});

describe("four-eyes with look-alike subjects (issue 22 item 5)", () => {
  it("every invisible-character and confusable variant of the registrant gets FORBIDDEN; another person approves", async () => {
    const alice = await token("alice", "lineage:write lineage:read");
    const sys = ok(await gql(stack.gateway.url, alice, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("lookalikes"), version: "1", intendedPurpose: "triage", providerName: "Acme", riskCategory: "HIGH" },
    })).registerAISystem;
    const model = ok(await gql(stack.gateway.url, alice, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "m" } })).registerModel;
    const mv = ok(await gql(stack.gateway.url, alice, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
      i: { modelId: model.id, version: "1.0.0", artifactDigest: `sha256:${"e".repeat(64)}` },
    })).registerModelVersion;
    const decide = async (sub: string) =>
      gql(stack.gateway.url, await token(sub, "approvals:decide lineage:read"), `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { approver } }`, {
        i: { subjectId: mv.id, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "reviewed" },
      });
    const variants = ["alice\u200E", "alice\u2062", "alice\uFE0F", "alice\u180E", "alice\u3164", "alice\u2800", "alice\u{E0020}", "ali\u034Fce", "\u202Aalice", "ALİCE", "\u0430lice", "aIice"];
    for (const sub of variants) {
      const res = await decide(sub);
      expect(res.errors?.[0].extensions?.code, JSON.stringify(sub)).toBe("FORBIDDEN");
      expect(res.errors?.[0].message).toMatch(/four-eyes/);
    }
    expect(ok(await decide("alina")).decideApproval.approver).toBe("alina");
  }, SLOW);
});
