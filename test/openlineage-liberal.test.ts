import { describe, expect, it } from "vitest";
import { BOUNDS, MAX_PROBLEMS } from "../subgraphs/datasets/openlineage/bounds.js";
import { readEventTime } from "../subgraphs/datasets/openlineage/event-time.js";
import { eventId } from "../subgraphs/datasets/openlineage/mapping.js";
import { prepare, REQUEST_LIST_BUDGET } from "../subgraphs/datasets/openlineage/prepare.js";
import { checkEvent } from "../subgraphs/datasets/openlineage/validate.js";
import { pythonClientEvent } from "./support/openlineage-client-events.js";
import { dbtModelEvents } from "./support/openlineage-events.js";

const PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark";
const START = { eventTime: "2026-03-01T00:00:00Z", eventType: "START", producer: PRODUCER, schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", job: { namespace: "spark", name: "etl" } };
const runEvent = (extra: Record<string, unknown> = {}) => ({ ...START, run: { runId: "3f2e6a1c-9a0b-4c1d-8e2f-1a2b3c4d5e6f" }, ...extra });
const nested = (levels: number) => {
  let facet: Record<string, unknown> = { _producer: PRODUCER, _schemaURL: `${PRODUCER}/deep.json` };
  for (let i = 0; i < levels; i++) facet = { _producer: PRODUCER, _schemaURL: `${PRODUCER}/deep.json`, child: facet };
  return facet;
};

describe("liberal in what it accepts: format is an annotation", () => {
  it("accepts the Python client's own test event, reads its naive eventTime as UTC and flags it", () => {
    const sent = pythonClientEvent();
    const { ready, refused, warnings } = prepare([sent]);
    expect(refused).toEqual([]);
    expect(warnings.get(0)?.warnings).toEqual([
      { path: "/eventTime", message: "has no UTC offset: read as UTC" },
      { path: "/producer", message: expect.stringMatching(/^is not a valid uri/) },
    ]);
    const [raw] = ready[0].rows.events;
    expect(raw.eventTime).toBe("2021-11-03T10:53:52.427Z");
    expect(ready[0].rows.runs[0].at).toBe("2021-11-03T10:53:52.427Z");
    // The raw copy is the event as sent, under the id of the event as sent, and keeps its warnings.
    expect(JSON.parse(raw.json)).toEqual(sent);
    expect(raw.id).toBe(eventId(sent));
    expect(JSON.parse(raw.warnings!)).toEqual({ warnings: warnings.get(0)!.warnings, warningCount: 2 });
  });

  it("accepts the Python client's full core event, whose nominalTime facet holds dates, not date-times", () => {
    const sent = { ...pythonClientEvent(), producer: "https://github.com/OpenLineage/OpenLineage/tree/0.0.1/client/python" };
    sent.run.facets = { nominalTime: { _producer: sent.producer, _schemaURL: "https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json", nominalStartTime: "2020-01-01", nominalEndTime: "2020-01-02" } };
    const checked = checkEvent(sent);
    expect(checked.problems).toEqual([]);
    expect(checked.warnings.map((w) => w.path)).toEqual(["/eventTime", "/run/facets/nominalTime/nominalStartTime", "/run/facets/nominalTime/nominalEndTime"]);
  });

  it("accepts a dataSource whose uri is not a URI, and keeps a newer minor version's extra fields", () => {
    const dataSource = { _producer: PRODUCER, _schemaURL: "https://openlineage.io/spec/facets/1-1-0/DatasourceDatasetFacet.json", name: "bigquery", uri: "bigquery", region: "EU" };
    const { ready, refused, warnings } = prepare([runEvent({ outputs: [{ namespace: "bigquery", name: "proj.sales.orders", facets: { dataSource } }] })]);
    expect(refused).toEqual([]);
    expect(warnings.get(0)?.warnings).toEqual([{ path: "/outputs/0/facets/dataSource/uri", message: expect.stringMatching(/^is not a valid uri/) }]);
    expect(JSON.parse(ready[0].rows.versions[0].facts.facet_dataSource)).toEqual(dataSource);
  });

  it("stays strict on required fields, types and enums, with JSON paths", () => {
    const e = { ...pythonClientEvent(), eventType: "FINISHED", job: { namespace: "openlineage", name: 7 }, inputs: [{ namespace: "pg://h" }] };
    expect(checkEvent(e).problems).toEqual([
      { path: "/eventType", message: "must be equal to one of the allowed values: START, RUNNING, COMPLETE, ABORT, FAIL, OTHER" },
      { path: "/job/name", message: "must be string" },
      { path: "/inputs/0", message: "must have required property 'name'" },
    ]);
    // An eventTime that names no instant is listed with the schema's problems.
    expect(checkEvent({ ...e, eventTime: "yesterday" }).problems.map((p) => p.path)).toEqual(["/eventTime", "/eventType", "/job/name", "/inputs/0"]);
    const { refused } = prepare([{ ...pythonClientEvent(), eventTime: "yesterday" }]);
    expect(refused[0].problems).toEqual([{ path: "/eventTime", message: expect.stringMatching(/^must be a date-time/) }]);
  });
});

describe("eventTime", () => {
  it("reads offsets, fractions and naive times; refuses leap seconds and days that do not exist", () => {
    expect(readEventTime("2021-11-03T10:53:52.427343+02:00")).toEqual({ iso: "2021-11-03T08:53:52.427Z" });
    expect(readEventTime("2021-11-03 10:53:52-0530")).toEqual({ iso: "2021-11-03T16:23:52.000Z" });
    expect(readEventTime("0021-01-01T00:00:00Z")).toEqual({ iso: "0021-01-01T00:00:00.000Z" });
    expect(readEventTime("2021-11-03T10:53:52")).toMatchObject({ iso: "2021-11-03T10:53:52.000Z", warning: { path: "/eventTime" } });
    expect(readEventTime("2016-12-31T23:59:60Z")).toEqual({ problem: { path: "/eventTime", message: expect.stringMatching(/^a leap second/) } });
    for (const bad of ["2021-02-29T00:00:00Z", "2021-13-01T00:00:00Z", "2021-01-01T24:00:00Z", "2021-01-01T00:00:00+24:00", "2021-01-01"]) {
      expect(readEventTime(bad)).toHaveProperty("problem");
    }
  });
});

describe("bounded work per event", () => {
  it("refuses 50,000 empty inputs at once, with one problem", () => {
    const checked = checkEvent(runEvent({ inputs: Array.from({ length: 50_000 }, () => ({})) }));
    expect(checked).toMatchObject({ problems: [{ path: "/inputs", message: `must have at most ${BOUNDS.items} items (has 50000)` }], problemCount: 1 });
  });

  it("refuses a custom facet nested 5,000 levels deep", () => {
    const checked = checkEvent(runEvent({ run: { runId: "3f2e6a1c-9a0b-4c1d-8e2f-1a2b3c4d5e6f", facets: { deep: nested(5000) } } }));
    expect(checked.problems).toHaveLength(1);
    expect(checked.problems[0].message).toBe(`nested more than ${BOUNDS.depth} levels deep`);
    expect(checked.problems[0].path).toMatch(/^\/run\/facets\/deep(\/child)+$/);
  });

  it("lists at most 20 problems and counts them all; a large refused event gets its first", () => {
    const small = checkEvent(runEvent({ inputs: Array.from({ length: 30 }, () => ({})) }));
    expect(small.problems).toHaveLength(MAX_PROBLEMS);
    expect(small.problemCount).toBe(60);
    const large = checkEvent(runEvent({ inputs: Array.from({ length: 5_000 }, () => ({})) }));
    expect(large.problems).toEqual([{ path: "/inputs/0", message: expect.stringMatching(/^must have required property 'namespace' \(the first problem found/) }]);
  });

  it("a request lists at most REQUEST_LIST_BUDGET problems in all: past it, each event its first, every count kept", () => {
    const { refused } = prepare(Array.from({ length: 100 }, () => runEvent({ inputs: Array.from({ length: 30 }, () => ({})) })));
    expect(refused.map((r) => r.problems!.length)).toEqual([...Array(REQUEST_LIST_BUDGET / MAX_PROBLEMS).fill(MAX_PROBLEMS), ...Array(100 - REQUEST_LIST_BUDGET / MAX_PROBLEMS).fill(1)]);
    expect(refused.every((r) => r.problemCount === 60)).toBe(true);
  });

  it("a batch with a leap second and a deeply nested facet refuses those two only, not retriable", () => {
    const good = () => dbtModelEvents({ project: "p", model: "m", inputs: [{ namespace: "pg://h", name: "a" }], output: { namespace: "pg://h", name: "b" } }).start;
    const { ready, refused } = prepare([good(), { ...good(), eventTime: "2016-12-31T23:59:60Z" }, runEvent({ run: { runId: "3f2e6a1c-9a0b-4c1d-8e2f-1a2b3c4d5e6f", facets: { deep: nested(5000) } } }), good()]);
    expect(ready.map((p) => p.index)).toEqual([0, 3]);
    expect(refused.map((r) => ({ index: r.index, retriable: r.retriable, path: r.problems![0].path.slice(0, 15) }))).toEqual([
      { index: 1, retriable: false, path: "/eventTime" },
      { index: 2, retriable: false, path: "/run/facets/dee" },
    ]);
  });
});
