import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { schemaArtifacts } from "../tools/schema-artifacts.js";

describe("committed schema artifacts", () => {
  it("match what the code generates (run `npm run schema` after an API change)", async () => {
    const files = await schemaArtifacts();
    for (const [file, text] of Object.entries(files)) {
      const committed = await fs.readFile(path.resolve("schema", file), "utf8").catch(() => "(missing)");
      expect(committed, `schema/${file} is stale: run npm run schema`).toBe(text);
    }
  });

  it("compose into a supergraph that keeps the contract's root fields", async () => {
    const { "supergraph.graphql": sg } = await schemaArtifacts();
    for (const field of ["aiSystem(", "modelVersion(", "site(", "registerAISystem(", "registerSite(", "recordDecisions("]) {
      expect(sg).toContain(field);
    }
  });
});
