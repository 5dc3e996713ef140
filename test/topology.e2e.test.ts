import { exportJWK, generateKeyPair, SignJWT } from "jose";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { config } from "../runtime/config.js";
import type { Stack } from "../launcher/stack.js";
import { spawnService, type ServiceProcess } from "../launcher/supervise.js";
import { gql, spawnGateway, startTestStack, token, uniq } from "./support/stack.js";

// The stack as `npm start` runs it: five subgraph processes and a gateway process, apart from
// this test process. Replicas, a killed subgraph and a taken port, seen from outside.
let stack: Stack;
let replica: ServiceProcess;
const replicaLog: string[] = [];

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const serviceEnv = () => ({
  NEO4J_URI: stack.neo4j.uri,
  NEO4J_USER: stack.neo4j.user,
  NEO4J_PASSWORD: stack.neo4j.password,
  NEO4J_DATABASE: stack.neo4j.database,
  DATA_DIR: config.dataDir,
});

beforeAll(async () => {
  stack = await startTestStack({ private: true });
  // A second gateway replica on the same subgraphs, as a load balancer would put beside the first.
  replica = await spawnGateway(stack, { log: (l) => replicaLog.push(l) });
});
afterAll(async () => {
  await replica?.stop();
  await stack?.stop();
});

describe("one process per service", () => {
  it("runs the gateway and each subgraph in its own process, each with /healthz, /readyz and /metrics", async () => {
    const pids = [stack.gateway.pid, ...stack.subgraphs.map((s) => s.pid)];
    expect(new Set([...pids, process.pid]).size).toBe(7);
    expect(stack.subgraphs.map((s) => s.name).sort()).toEqual(["approvals", "compliance", "datasets", "gpu", "models"]);
    for (const s of stack.subgraphs) {
      expect(await get(new URL("/healthz", s.url).href)).toEqual({ status: 200, body: { status: "ok", service: s.name } });
      expect(await get(new URL("/readyz", s.url).href)).toEqual({ status: 200, body: { status: "ready", service: s.name, neo4j: true } });
      const metrics = await (await fetch(new URL("/metrics", s.url))).text();
      expect(metrics).toContain(`service="${s.name}"`);
    }
    const ready = await get(new URL("/readyz", stack.gateway.url).href);
    expect(ready).toMatchObject({ status: 200, body: { status: "ready", neo4j: true } });
    expect(Object.keys(ready.body.subgraphs).sort()).toEqual(["approvals", "compliance", "datasets", "gpu", "models"]);
  });

  it("gateway replicas answer alike, and a client assertion used at one is refused at the other", async () => {
    const writer = await token("pipeline", "lineage:write lineage:read");
    const created = await gql(stack.gateway.url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("replica"), version: "1", intendedPurpose: "rank job applicants", providerName: "Acme HR", riskCategory: "HIGH" },
    });
    expect(created.errors).toBeUndefined();
    const q = `query($id: ID!) { aiSystem(id: $id) { id name riskCategory models { id } } }`;
    const replicaUrl = replica.url;
    const [a, b] = await Promise.all([gql(stack.gateway.url, writer, q, { id: created.data!.registerAISystem.id }), gql(replicaUrl, writer, q, { id: created.data!.registerAISystem.id })]);
    expect(a.errors).toBeUndefined();
    expect(b).toEqual(a);

    // An integration client, registered through replica A.
    const admin = await token("ops", "admin");
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const clientId = uniq("replica-client");
    const reg = await gql(stack.gateway.url, admin, `mutation($i: RegisterClientInput!) { registerClient(input: $i) { clientId } }`, {
      i: { clientId, name: clientId, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "k1" }] }, allowedScopes: ["lineage:read"] },
    });
    expect(reg.errors).toBeUndefined();
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope: "lineage:read", jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: "ES256", kid: "k1", typ: "client-authentication+jwt" })
      .setIssuer(clientId).setSubject(clientId).setAudience(config.audience).setIssuedAt(now).setExpirationTime(now + 60)
      .sign(privateKey);
    const first = await gql(stack.gateway.url, assertion, `{ __typename }`);
    expect(first.errors).toBeUndefined();
    // Replica B has never seen this jti itself: the replay store is the shared graph.
    const replayed = await gql(replicaUrl, assertion, `{ __typename }`);
    expect(replayed.status).toBe(401);
    expect(replayed.errors?.[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect(replayed.errors?.[0].message).toMatch(/already used/);
  });

  it("a gateway started while a subgraph is down starts, names it in /readyz, and composes from live SDL on request", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise((r) => closed.close(r));
    const lonely = await spawnGateway(stack, { env: { SUBGRAPH_URL_GPU: deadUrl } });
    const composed = await spawnGateway(stack, { env: { GATEWAY_SUPERGRAPH: "compose" } });
    try {
      const ready = await get(new URL("/readyz", lonely.url).href);
      expect(ready).toMatchObject({ status: 503, body: { missing: ["gpu"] } });
      const reader = await token("frontend", "lineage:read");
      const res = await gql(lonely.url, reader, `{ site(id: "site_none") { id } }`);
      expect(res.errors?.[0]).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
      // Composed from the subgraphs' own SDL, it answers like the gateway serving the committed file.
      const q = `{ site(id: "site_none") { id } aiSystem(id: "sys_none") { id } }`;
      expect(await gql(composed.url, reader, q)).toEqual(await gql(stack.gateway.url, reader, q));
    } finally {
      await Promise.all([lonely.stop(), composed.stop()]);
    }
  });

  it("a port in use: the service exits with one line naming itself and the port", async () => {
    const squatter = http.createServer();
    await new Promise<void>((r) => squatter.listen(0, "127.0.0.1", r));
    const port = (squatter.address() as AddressInfo).port;
    const lines: string[] = [];
    try {
      await expect(spawnService("gpu", { build: inject("servicesBuild"), env: { ...serviceEnv(), PORT: String(port) }, log: (l) => lines.push(l), onUnexpectedExit: () => {} })).rejects.toThrow(/gpu exited \(1\) before it was ready/);
      expect(lines).toContain(`[gpu] gpu failed to start: port ${port} on 127.0.0.1 is already in use (set PORT to a free port)`);
    } finally {
      squatter.close();
    }
  });

  // Last: it takes a subgraph away for good.
  it("a killed subgraph: partial answers with a masked error, and /readyz names it", async () => {
    const writer = await token("pipeline", "lineage:write lineage:read");
    const created = await gql(stack.gateway.url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("killed"), version: "1", intendedPurpose: "flag card fraud", providerName: "Acme", riskCategory: "HIGH" },
    });
    const gpu = stack.subgraphs.find((s) => s.name === "gpu")!;
    process.kill(gpu.pid, "SIGKILL");
    expect(await gpu.exited).toBe("SIGKILL");
    const res = await gql(stack.gateway.url, writer, `query($id: ID!) { aiSystem(id: $id) { id } site(id: "site_any") { id } }`, { id: created.data!.registerAISystem.id });
    expect(res.data!.aiSystem).toEqual({ id: created.data!.registerAISystem.id });
    expect(res.data!.site).toBeNull();
    expect(res.errors).toEqual([expect.objectContaining({ message: "Internal server error", path: ["site"], extensions: expect.objectContaining({ code: "INTERNAL_SERVER_ERROR" }) })]);
    const ready = await get(new URL("/readyz", stack.gateway.url).href);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: "not ready", missing: ["gpu"], subgraphs: { gpu: false, models: true } });
  });
});
