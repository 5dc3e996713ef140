import { describe, expect, it } from "vitest";
import { HttpError, parseJson } from "../subgraphs/datasets/openlineage/body.js";
import { datasetId, mapEvent, runVersion, schemaOf, versionId } from "../subgraphs/datasets/openlineage/mapping.js";
import { checkEvent, validateEvent } from "../subgraphs/datasets/openlineage/validate.js";
import { airflowTaskEvents, dbtModelEvents, sparkEvent } from "./support/openlineage-events.js";

const PRODUCER = "https://example.com/producer";
const base = { eventTime: "2026-03-01T00:00:00Z", producer: PRODUCER, schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json" };

describe("validateEvent (OpenLineage 2-0-2)", () => {
  it("accepts the events the dbt, Spark and Airflow integrations send, custom facets included", () => {
    const dbt = dbtModelEvents({ project: "p", model: "m", inputs: [{ namespace: "pg://h", name: "a" }], output: { namespace: "pg://h", name: "b" } });
    const airflow = airflowTaskEvents({ dag: "d", task: "t", inputs: [], aiLineage: { modelVersionId: "mv_1" }, fail: true });
    for (const e of [dbt.start, dbt.complete, sparkEvent({ app: "a", input: { namespace: "s3://b", name: "i" }, output: { namespace: "s3://b", name: "o" }, outputVersion: "3" }).event, airflow.start, airflow.end]) {
      expect(validateEvent(e)).toEqual([]);
    }
  });

  it("accepts a DatasetEvent and a JobEvent", () => {
    expect(validateEvent({ ...base, dataset: { namespace: "pg://h", name: "t", facets: { version: { _producer: PRODUCER, _schemaURL: PRODUCER, datasetVersion: "1" } } } })).toEqual([]);
    expect(validateEvent({ ...base, job: { namespace: "n", name: "j" }, inputs: [{ namespace: "pg://h", name: "t" }] })).toEqual([]);
  });

  it("refuses a standard facet that lacks a required field, at its JSON path", () => {
    const e = dbtModelEvents({ project: "p", model: "m", inputs: [{ namespace: "pg://h", name: "a" }], output: { namespace: "pg://h", name: "b" } }).start;
    delete e.outputs[0].facets.columnLineage.fields.status.inputFields;
    e.run.facets.processing_engine = { _producer: PRODUCER, _schemaURL: PRODUCER, name: "dbt" };
    expect(validateEvent(e)).toEqual([
      { path: "/run/facets/processing_engine", message: "must have required property 'version'" },
      { path: "/outputs/0/facets/columnLineage/fields/status", message: "must have required property 'inputFields'" },
    ]);
  });

  it("refuses a custom facet without the base facet fields, and an aiLineage facet naming neither id nor digest", () => {
    const e = airflowTaskEvents({ dag: "d", task: "t", inputs: [], aiLineage: {} }).start;
    e.run.facets.mine = { anything: true };
    const problems = validateEvent(e).map((p) => p.path);
    expect(problems).toContain("/run/facets/mine");
    expect(problems).toContain("/run/facets/aiLineage");
  });

  it("skips the schema of a deleted facet (_deleted: true)", () => {
    expect(validateEvent({ ...base, job: { namespace: "n", name: "j", facets: { sql: { _producer: PRODUCER, _schemaURL: PRODUCER, _deleted: true } } } })).toEqual([]);
  });

  it("refuses an eventType outside the spec; a runId that is not a UUID is a format warning, not a refusal", () => {
    const e = airflowTaskEvents({ dag: "d", task: "t", inputs: [] }).start;
    e.eventType = "DONE";
    e.run.runId = "42";
    expect(validateEvent(e)).toEqual([{ path: "/eventType", message: "must be equal to one of the allowed values: START, RUNNING, COMPLETE, ABORT, FAIL, OTHER" }]);
    e.eventType = "START";
    expect(checkEvent(e)).toMatchObject({ problems: [], warnings: [{ path: "/run/runId", message: expect.stringMatching(/not a valid uuid/) }] });
  });
});

describe("parseJson", () => {
  it("names the position, line and column of the first error", () => {
    try {
      parseJson('{\n  "a": 1,\n  "b": }');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(HttpError);
      expect((err as HttpError).details).toEqual({ position: 19, line: 3, column: 8 });
    }
  });
});

describe("mapEvent", () => {
  it("gives an output without a version facet a version per writing run, and links inputs to it", () => {
    const ev = dbtModelEvents({ project: "p", model: "m", inputs: [{ namespace: "pg://h", name: "a" }], output: { namespace: "pg://h", name: "b" } });
    const rows = mapEvent(ev.complete);
    const out = versionId(datasetId("pg://h", "b"), runVersion(ev.runId));
    expect(rows.versions.map((v) => v.id)).toEqual([out]);
    expect(rows.runs[0]).toMatchObject({ id: ev.runId, state: "COMPLETE", parent: { id: ev.parentRunId } });
    expect(rows.derivations).toEqual([{ outputId: out, input: { datasetId: datasetId("pg://h", "a"), versionId: null, at: "2026-03-01T06:00:42.000Z" }, transformation: "OpenLineage job dbt/p.model.p.m" }]);
    expect(Object.keys(rows.versions[0].facts)).toEqual(expect.arrayContaining(["facet_columnLineage", "facet_outputStatistics"]));
    // The schema facet is not a fact: it is the version's content-addressed DatasetSchema.
    expect(Object.keys(rows.versions[0].facts)).not.toContain("facet_schema");
    const schema = ev.complete.outputs[0].facets.schema;
    expect(rows.schemas.find((s) => s.ref.versionId === out)).toMatchObject({ id: schemaOf(schema).id });
    expect(JSON.parse(schemaOf(schema).facet)).toEqual(schema);
    expect(Object.keys(rows.runs[0].facts)).toContain("facet_dbt_version");
  });
});
