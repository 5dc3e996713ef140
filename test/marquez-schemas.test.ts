import { describe, expect, it } from "vitest";
import { lineageGraphProblems, marquezProblems } from "./support/marquez-schemas.js";

// The validators the Marquez contract tests use do reject what Marquez's schemas reject.
describe("Marquez's OpenAPI schemas as ajv validators", () => {
  const run = { id: "870492da-ecfb-4be0-91b9-9a89ddd3db90", createdAt: "2019-05-09T19:49:24.201Z", state: "COMPLETED", durationMs: 12, facets: {} };

  it("accept Marquez's shapes, with null for absent values", () => {
    expect(marquezProblems("Run", run)).toEqual([]);
    expect(marquezProblems("Job", { id: { namespace: "n", name: "j" }, type: "BATCH", name: "j", inputs: [], latestRun: null, facets: {} })).toEqual([]);
    expect(marquezProblems("DatasetList", { datasets: [{ name: "d", fields: [{ name: "a", type: "INTEGER", tags: [] }], description: null }], totalCount: 1 })).toEqual([]);
  });

  it("reject wrong types, enums, formats and facets without _producer/_schemaURL", () => {
    expect(marquezProblems("Run", { ...run, state: "DONE" })).not.toEqual([]);
    expect(marquezProblems("Run", { ...run, id: "not-a-uuid" })).not.toEqual([]);
    expect(marquezProblems("Run", { ...run, createdAt: "yesterday" })).not.toEqual([]);
    expect(marquezProblems("Dataset", { fields: [{ name: "a" }] }).some((p) => p.includes("required property 'type'"))).toBe(true);
    expect(marquezProblems("Dataset", { facets: { schema: { fields: [] } } }).some((p) => p.includes("_producer"))).toBe(true);
    expect(marquezProblems("SearchResultList", { totalCount: 1, results: [{ type: "TABLE" }] })).not.toEqual([]);
  });

  it("check a lineage node's data against the schema its type names", () => {
    const node = (type: string, data: object) => ({ graph: [{ id: "x", type, data, inEdges: [], outEdges: [] }] });
    expect(lineageGraphProblems(node("DATASET_FIELD", { namespace: "n", dataset: "d", field: "f", inputFields: [] }))).toEqual([]);
    expect(lineageGraphProblems(node("DATASET_FIELD", { namespace: "n", dataset: "d", inputFields: [] }))).not.toEqual([]);
    expect(lineageGraphProblems(node("JOB", { inputs: "none" }))).not.toEqual([]);
    expect(lineageGraphProblems(node("RUN", {}))).not.toEqual([]);
  });
});
