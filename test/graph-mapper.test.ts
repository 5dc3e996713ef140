import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { PropertyTypeError } from "../runtime/graph/mapper.js";
import { toMetric, toTrainingRun } from "../subgraphs/models/mappers.js";
import { toProfile } from "../subgraphs/compliance/profile/mappers.js";

// Stores return GraphQL classes through one typed mapper per entity (runtime/graph/mapper.ts).
describe("typed mappers from node properties", () => {
  const metric = { id: "m1", name: "auc", value: 0.9, threshold: null, passed: null, lowerIsBetter: false, datasetVersionId: "dsv1", modelVersionId: "mv1", recordedBy: "alice", createdAt: "2026-01-01T00:00:00.000Z", contentHash: "x" };

  it("reads each field of the class with its type and leaves other stored properties out", () => {
    expect(toMetric(metric)).toEqual({
      id: "m1", name: "auc", value: 0.9, threshold: null, passed: null, lowerIsBetter: false, dataset: { id: "dsv1" }, subgroup: null, recordedBy: "alice", createdAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it("parses JSON stored as text and reads an absent optional fact as null (not recorded)", () => {
    const run = toTrainingRun({ id: "r1", startedAt: "2026-01-01T00:00:00.000Z", parametersJson: '{"lr":0.1}', modelVersionId: "mv1" });
    expect(run.parameters).toEqual({ lr: 0.1 });
    expect(run.precision).toBeNull();
    expect(run.endedAt).toBeNull();
  });

  it("keeps an absent required property absent, so GraphQL reports that field only when asked", () => {
    expect("recordedBy" in toMetric({ ...metric, recordedBy: undefined })).toBe(false);
  });

  it("refuses a property stored with another type, naming it", () => {
    expect(() => toMetric({ ...metric, value: "0.9" })).toThrow(PropertyTypeError);
    expect(() => toMetric({ ...metric, value: "0.9" })).toThrow("property value is stored as string, not a number");
    expect(() => toTrainingRun({ id: "r1", startedAt: "t", modelVersionId: "mv1", precision: 8 })).toThrow("property precision");
  });

  it("orNull passes a missing node through", () => {
    expect(toMetric.orNull(null)).toBeNull();
    expect(toMetric.orNull(undefined)).toBeNull();
  });

  it("a profile's descriptive lists are never null; its Art. 5 and Art. 50 lists stay null when not recorded", () => {
    const p = toProfile({ id: "p1", systemId: "s1", seq: 1, recordedBy: "alice", createdAt: "t", hardware: ["gpu"] });
    expect(p.hardware).toEqual(["gpu"]);
    expect(p.marketForms).toEqual([]);
    expect(p.memberStates).toEqual([]);
    expect(p.prohibitedPractices).toBeNull();
    expect(p.transparencyTriggers).toBeNull();
    expect(p.logRetentionMonths).toBeNull();
    expect(p.interactions).toBeNull();
  });
});
