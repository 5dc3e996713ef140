import path from "node:path";
import { defineConfig } from "vitest/config";
import LongFirstSequencer from "./test/support/long-first.js";

// Tests keep their own state (embedded Neo4j, keys) apart from a developer's stack.
process.env.DATA_DIR ??= ".data/test";
process.env.TZ = "UTC";
// The run's embedded Neo4j servers live minutes and run thousands of distinct queries: JIT with
// C1 only spends less CPU compiling than it loses in speed on this 2-core machine (docs/testing.md).
process.env.NEO4J_JVM_OPTS ??= "-XX:TieredStopAtLevel=1";
// Its graph grows from empty, so Neo4j would plan each query again whenever a label's count
// quadrupled (every 10 s at most), and plan it once more for every size of a list or string
// parameter: planning was half of its CPU (JFR, docs/testing.md). Plans here live 5 minutes and
// are keyed by parameter types only.
process.env.NEO4J_SETTINGS ??= "dbms.cypher.min_replan_interval=5m internal.cypher.use_parameter_size=false";

// Each tier provisions only what it needs: unit tests start neither Neo4j nor a browser; the
// Neo4j setup shares one server between the tiers of a run; the stacks setup starts the run's
// shared stacks (one per worker, leased per file: test/support/stack.ts); browser tests get
// Chromium provisioned up front.
const NEO4J = "test/support/global-setup.ts";
const STACKS = "test/support/global-stacks.ts";
const CHROMIUM = "test/support/global-chromium.ts";

/** Files that drive a real browser (their own tier: one Chromium at a time). */
const BROWSER = ["test/docs-render.test.ts", "test/act-docs.e2e.test.ts", "test/docs.e2e.test.ts", "test/explorer*.e2e.test.ts", "test/graphiql.e2e.test.ts"];
/**
 * Files that run alone, after everything else: they tamper with the run-wide audit chain or read
 * run-wide gauges that other files' writes would move. The fault scenarios that restart a Neo4j
 * under write load (faults, site-recorder-faults) run in the main group: each has a Neo4j of its
 * own, and their waits on the restart overlap with the other files' work.
 */
const SERIAL = ["test/audit.e2e.test.ts", "test/audit-chain.int.test.ts", "test/metrics.e2e.test.ts"];

/**
 * Files at once in the main group (TEST_WORKERS, default 4 on the 3 shared stacks of
 * test/support/global-stacks.ts: a file that needs a shared stack while all are leased waits for
 * one, and the fourth worker runs the files with a stack of their own or none; 2 cores, much of
 * a file's time is waiting on services).
 */
const WORKERS = Number(process.env.TEST_WORKERS ?? 4);

const tier = (name: string, include: string[], globalSetup: string[], opts: { exclude?: string[]; groupOrder?: number } = {}) => ({
  extends: true as const,
  test: {
    name,
    include,
    exclude: [...(opts.exclude ?? []), ...SERIAL.filter(() => name !== "serial")],
    globalSetup,
    // Tiers of one group share its workers (vitest requires one maxWorkers per group): unit,
    // integration, e2e and browser files run side by side; the serial group runs after them.
    maxWorkers: opts.groupOrder ? 1 : WORKERS,
    sequence: { groupOrder: opts.groupOrder ?? 0 },
  },
});

export default defineConfig({
  // One graphql instance for everyone: the CommonJS build that Node (and so type-graphql,
  // @apollo/subgraph) loads, not the .mjs build Vite would pick for our sources.
  resolve: { alias: [{ find: /^graphql$/, replacement: path.resolve("node_modules/graphql/index.js") }] },
  test: {
    env: { DATA_DIR: process.env.DATA_DIR, TZ: "UTC" },
    // Hang guards, not performance thresholds: a loaded 2-core machine starts seven processes slowly.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
    // Within a group, the files that take minutes start first (test/support/long-first.ts).
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      tier("unit", ["test/**/*.test.ts"], [], { exclude: ["test/**/*.int.test.ts", "test/**/*.e2e.test.ts", ...BROWSER] }),
      tier("integration", ["test/**/*.int.test.ts"], [NEO4J]),
      tier("e2e", ["test/**/*.e2e.test.ts"], [NEO4J, STACKS], { exclude: BROWSER }),
      tier("browser", BROWSER, [NEO4J, STACKS, CHROMIUM]),
      tier("serial", SERIAL, [NEO4J, STACKS], { groupOrder: 1 }),
    ],
  },
});
