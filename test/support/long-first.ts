import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files that take a minute or more on the 2-core machine (measured, docs/testing.md), longest
 * first. vitest's own order runs projects one after another by name and, without a cache of
 * earlier durations (a fresh clone, as CI has), a project's files in no useful order, so a
 * six-minute file could start last and end the run alone. Here, within each group: these files
 * first, in this order, then the rest by vitest's order, so the long ones overlap with the
 * others. Order only: what runs, and where, is vitest.config.ts's.
 */
export const LONG_FILES = [
  "test/site-recorder.e2e.test.ts",
  "test/site-recorder-central.e2e.test.ts",
  "test/site-recorder-faults.e2e.test.ts",
  "test/faults.e2e.test.ts",
  "test/start.e2e.test.ts",
  "test/act-docs.e2e.test.ts",
  "test/burst.e2e.test.ts",
  "test/site-recorder.test.ts",
  "test/explorer.e2e.test.ts",
  "test/explorer-pipelines.e2e.test.ts",
  "test/docs.e2e.test.ts",
];

const rank = (spec: TestSpecification): number => {
  const i = LONG_FILES.findIndex((f) => spec.moduleId.endsWith(`/${f}`));
  return i < 0 ? LONG_FILES.length : i;
};

export default class LongFirstSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const position = new Map(base.map((s, i) => [s, i]));
    return [...base].sort(
      (a, b) => a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder || rank(a) - rank(b) || position.get(a)! - position.get(b)!,
    );
  }
}
