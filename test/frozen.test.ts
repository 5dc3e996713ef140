import { describe, expect, it } from "vitest";
import { subjectDigest, subjectFacts } from "../runtime/graph/frozen.js";

// The facts an approval's digest covers (runtime/graph/frozen.ts): what the graph returns in any
// order hashes the same; locks and a deployment's end are not what was approved.
const raw = (over: Record<string, unknown> = {}) => ({
  node: { id: "mv_1", version: "1.0", createdAt: "2026-01-01T00:00:00.000Z" },
  trainingRuns: [{
    run: { id: "run_1", startedAt: "2026-01-02T00:00:00.000Z" },
    inputs: [{ role: "TRAINING", version: { id: "dsv_a" } }, { role: "TEST", version: { id: "dsv_b" } }],
    compute: ["alloc_2", "alloc_1"],
    recordedAs: [],
  }],
  derivedFrom: [], schemas: [], writtenBy: [], fields: [], deploys: [], sites: [],
  ...over,
});

describe("subjectFacts and subjectDigest", () => {
  it("hash the same facts alike whatever order the graph returned them in", () => {
    const a = raw();
    const b = raw({ trainingRuns: [{ ...a.trainingRuns[0], inputs: [...a.trainingRuns[0].inputs].reverse(), compute: ["alloc_1", "alloc_2"] }] });
    expect(subjectDigest(subjectFacts("ModelVersion", b))).toBe(subjectDigest(subjectFacts("ModelVersion", a)));
    expect(subjectDigest(subjectFacts("ModelVersion", a))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("change with any covered fact: a new input, a changed time, a new writer", () => {
    const base = subjectDigest(subjectFacts("ModelVersion", raw()));
    const a = raw();
    const more = raw({ trainingRuns: [{ ...a.trainingRuns[0], inputs: [...a.trainingRuns[0].inputs, { role: "TRAINING", version: { id: "dsv_c" } }] }] });
    const later = raw({ trainingRuns: [{ ...a.trainingRuns[0], run: { id: "run_1", startedAt: "2026-04-01T00:00:00.000Z" } }] });
    const writer = raw({ writtenBy: ["ol-run"] });
    for (const r of [more, later, writer]) expect(subjectDigest(subjectFacts("ModelVersion", r))).not.toBe(base);
  });

  it("leave out transient locks, and a deployment's end only on a deployment", () => {
    const base = subjectDigest(subjectFacts("ModelVersion", raw()));
    expect(subjectDigest(subjectFacts("ModelVersion", raw({ node: { ...raw().node, _approvalLock: true } })))).toBe(base);
    const dep = (node: Record<string, unknown>) => subjectDigest(subjectFacts("Deployment", raw({ node, trainingRuns: [] })));
    expect(dep({ id: "dep_1", endedAt: "2026-06-01T00:00:00.000Z", endedBy: "ops" })).toBe(dep({ id: "dep_1" }));
    expect(dep({ id: "dep_1", environment: "staging" })).not.toBe(dep({ id: "dep_1" }));
  });
});
