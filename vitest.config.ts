import path from "node:path";
import { defineConfig } from "vitest/config";

// Tests keep their own state (embedded Neo4j, keys) apart from a developer's stack.
process.env.DATA_DIR ??= ".data/test";
process.env.TZ = "UTC";

// Each tier provisions only what it needs: unit tests start no Neo4j; the Neo4j setup shares
// one server between the tiers of a run; browser tests get Chromium provisioned up front.
const NEO4J = "test/support/global-setup.ts";
const CHROMIUM = "test/support/global-chromium.ts";
const tier = (name: string, include: string[], exclude: string[], globalSetup: string[]) => ({
  extends: true as const,
  test: { name, include, exclude, globalSetup },
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
    fileParallelism: false,
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      tier("unit", ["test/**/*.test.ts"], ["test/**/*.int.test.ts", "test/**/*.e2e.test.ts"], [CHROMIUM]),
      tier("integration", ["test/**/*.int.test.ts"], [], [NEO4J]),
      tier("e2e", ["test/**/*.e2e.test.ts"], [], [NEO4J, CHROMIUM]),
    ],
  },
});
