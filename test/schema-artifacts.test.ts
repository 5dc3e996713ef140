import fs from "node:fs/promises";
import path from "node:path";
import { buildSchema, parse, validate } from "graphql";
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

  it("api.graphql is the client-facing schema: buildable, no federation directives or entity plumbing, the contract's root fields", async () => {
    const { "api.graphql": api } = await schemaArtifacts();
    const schema = buildSchema(api);
    for (const hidden of ["@join__", "@link", "@key", "@authenticated", "@requiresScopes", "@inaccessible", "_entities", "_service", "_Any", "join__Graph"]) expect(api).not.toContain(hidden);
    const query = schema.getQueryType()!.getFields();
    for (const field of ["aiSystem", "modelVersion", "site", "search", "lineage", "datasets"]) expect(query[field], field).toBeDefined();
    expect(schema.getMutationType()!.getFields().registerAISystem).toBeDefined();
  });

  it("the queries of docs/codegen.md are valid against api.graphql", async () => {
    const { "api.graphql": api } = await schemaArtifacts();
    const doc = await fs.readFile(path.resolve("docs/codegen.md"), "utf8");
    const queries = [...doc.matchAll(/graphql\(`([^`]+)`\)/g)].map((m) => m[1]);
    expect(queries).toHaveLength(2);
    for (const q of queries) expect(validate(buildSchema(api), parse(q)).map((e) => e.message)).toEqual([]);
  });

  it("compose into a supergraph that keeps the contract's root fields", async () => {
    const { "supergraph.graphql": sg } = await schemaArtifacts();
    for (const field of ["aiSystem(", "modelVersion(", "site(", "registerAISystem(", "registerSite(", "recordDecisions("]) {
      expect(sg).toContain(field);
    }
  });
});
