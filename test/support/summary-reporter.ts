import type { Reporter, TestModule } from "vitest/node";

interface Span {
  files: number;
  tests: number;
  first: number;
  last: number;
}

/**
 * Prints each tier's duration (wall-clock span from its first file's start to its last file's
 * end, and its file count), then the closing line CI reads: `N passed, N failed` (and skipped
 * when any), last.
 */
export default class SummaryReporter implements Reporter {
  private started = Date.now();
  private tiers = new Map<string, Span>();

  onInit() {
    this.started = Date.now();
  }

  onTestModuleStart(module: TestModule) {
    const span = this.span(module);
    span.first = Math.min(span.first, Date.now());
  }

  onTestModuleEnd(module: TestModule) {
    const span = this.span(module);
    span.files++;
    span.tests += [...module.children.allTests()].length;
    span.last = Math.max(span.last, Date.now());
  }

  private span(module: TestModule): Span {
    const name = module.project.name || "default";
    let span = this.tiers.get(name);
    if (!span) this.tiers.set(name, (span = { files: 0, tests: 0, first: Infinity, last: 0 }));
    return span;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = errors.length;
    let skipped = 0;
    for (const m of modules) {
      if (m.state() === "failed" && [...m.children.allTests()].length === 0) failed++;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    const s = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
    const lines = [...this.tiers].map(([name, t]) => `  ${name.padEnd(12)} ${String(t.files).padStart(3)} files ${String(t.tests).padStart(4)} tests  ${s(t.last - t.first)} (from ${s(t.first - this.started)} to ${s(t.last - this.started)})`);
    process.stdout.write(`\nTiers (wall-clock spans; tiers run side by side):\n${lines.join("\n")}\n  whole run: ${s(Date.now() - this.started)}\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  }
}
