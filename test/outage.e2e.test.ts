// type-graphql needs the Reflect metadata polyfill before any decorated class loads, whatever the import order.
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startStack, type Stack } from "../launcher/stack.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";
import { gql, token, uniq } from "./support/stack.js";

const REGISTER = `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id name } }`;
const READ = `query($id: ID!) { aiSystem(id: $id) { id name } }`;

describe("a database outage", () => {
  let stack: Stack;
  let proxy: TcpProxy;
  beforeAll(async () => {
    // The stack reaches the run's Neo4j through a proxy the test can cut: Neo4j itself stays up.
    const target = inject("neo4j");
    const bolt = new URL(target.uri);
    proxy = await startTcpProxy(bolt.hostname, Number(bolt.port));
    stack = await startStack({
      port: 0,
      subgraphPortBase: 0,
      neo4j: { ...target, uri: `bolt://127.0.0.1:${proxy.port}`, embedded: false, stop: async () => {} },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await proxy?.close();
  });

  it("gives errors marked retryable: true, and the same request succeeds once the database is back", async () => {
    const writer = await token("pipeline", "lineage:write lineage:read");
    const input = { name: uniq("outage"), version: "1", intendedPurpose: "score loans", providerName: "Acme", riskCategory: "HIGH" };
    // A deliberate error is not retryable.
    const bad = await gql(stack.gateway.url, writer, REGISTER, { i: { ...input, name: "" } });
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0].extensions?.retryable).toBeUndefined();

    proxy.down();
    const failed = await gql(stack.gateway.url, writer, REGISTER, { i: input });
    expect(failed.data?.registerAISystem ?? null).toBeNull();
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors![0]).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR", retryable: true } });
    expect(JSON.stringify(failed.errors)).not.toMatch(/Neo4j|bolt|127\.0\.0\.1|ECONNREFUSED/i);

    proxy.up();
    // registerAISystem is idempotent: resending after a retryable error is safe.
    const again = await gql(stack.gateway.url, writer, REGISTER, { i: input });
    expect(again.errors).toBeUndefined();
    const read = await gql(stack.gateway.url, writer, READ, { id: again.data!.registerAISystem.id });
    expect(read.data!.aiSystem).toMatchObject({ name: input.name });
  });
});
