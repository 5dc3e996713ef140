import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

let stack: Stack;
let writer: string;
let admin: string;
let reader: string;

beforeAll(async () => {
  stack = await startTestStack();
  writer = await token("pipeline", "lineage:write lineage:read");
  admin = await token("ops", "admin");
  reader = await token("frontend", "lineage:read");
});
afterAll(() => stack?.stop());

const REGISTER_SYSTEM = `mutation($input: RegisterAISystemInput!) { registerAISystem(input: $input) { id name version riskCategory registeredBy createdAt } }`;

describe("vertical slice through the gateway", () => {
  it("registers an AI system and reads it back", async () => {
    const name = uniq("credit-scoring");
    const input = { name, version: "1.0", intendedPurpose: "score loan applications", providerName: "Acme", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES" };
    const created = await gql(stack.gateway.url, writer, REGISTER_SYSTEM, { input });
    expect(created.errors).toBeUndefined();
    const sys = created.data!.registerAISystem;
    expect(sys).toMatchObject({ name, version: "1.0", riskCategory: "HIGH", registeredBy: "pipeline" });

    const read = await gql(stack.gateway.url, reader, `query($id: ID!) { aiSystem(id: $id) { id name intendedPurpose annexIIIArea models { id } } }`, { id: sys.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.aiSystem).toEqual({ id: sys.id, name, intendedPurpose: "score loan applications", annexIIIArea: "ESSENTIAL_SERVICES", models: [] });
  });

  it("registers a site (admin) and reads it back", async () => {
    const name = uniq("frankfurt");
    const res = await gql(stack.gateway.url, admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id name country sovereigntyZone kind } }`, {
      i: { name, country: "DE", sovereigntyZone: "EU", kind: "COLOCATION" },
    });
    expect(res.errors).toBeUndefined();
    const site = res.data!.registerSite;
    const read = await gql(stack.gateway.url, reader, `query($id: ID!) { site(id: $id) { name country kind } }`, { id: site.id });
    expect(read.data!.site).toEqual({ name, country: "DE", kind: "COLOCATION" });
  });

  it("resolves a cross-subgraph entity reference (deployment -> site) through the gateway", async () => {
    const sysName = uniq("vision");
    const sys = (await gql(stack.gateway.url, writer, REGISTER_SYSTEM, { input: { name: sysName, version: "1", intendedPurpose: "inspect welds", providerName: "Acme", riskCategory: "HIGH" } })).data!.registerAISystem;
    const model = (await gql(stack.gateway.url, writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "weld-net" } })).data!.registerModel;
    const mv = (await gql(stack.gateway.url, writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id status } }`, {
      i: { modelId: model.id, version: "1.0.0", artifactDigest: `sha256:${"a".repeat(64)}` },
    })).data!.registerModelVersion;
    expect(mv.status).toBe("REGISTERED");
    const site = (await gql(stack.gateway.url, admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("plant"), country: "FR", kind: "ON_PREM" } })).data!.registerSite;
    const dep = await gql(stack.gateway.url, writer, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id environment site { id country kind } modelVersion { id version } } }`, {
      i: { modelVersionId: mv.id, siteId: site.id, environment: "production", startedAt: "2026-01-01T00:00:00+01:00" },
    });
    expect(dep.errors).toBeUndefined();
    expect(dep.data!.recordDeployment.site).toEqual({ id: site.id, country: "FR", kind: "ON_PREM" });
    expect(dep.data!.recordDeployment.modelVersion).toEqual({ id: mv.id, version: "1.0.0" });
  });

  it("refuses a request without a token, and a query without the scope", async () => {
    const none = await gql(stack.gateway.url, null, `{ aiSystem(id: "x") { id } }`);
    expect(none.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(none.data ?? null).toBeNull();
    const writeOnly = await token("ingest", "lineage:write");
    const res = await gql(stack.gateway.url, writeOnly, `{ aiSystem(id: "x") { id } }`);
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
