import { readFileSync } from "node:fs";
// The "GraphQL surface" table of the security matrix, one `it` per row: real gateway over HTTP,
// real Neo4j. A second gateway runs with production settings (no dev issuer, introspection and
// suggestions off) and a trusted issuer configured inline, and collects its log lines.
import "reflect-metadata";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { getIntrospectionQuery, parse, type ObjectTypeDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startGateway, type RunningGateway } from "../gateway/index.js";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import { stableId } from "../runtime/canonical.js";
import { config } from "../runtime/config.js";
import type { Stack } from "../launcher/stack.js";
import { cypher } from "./support/db.js";
import { gql, serviceLines, startTestStack, statementsRun, token, uniq, type GqlResponse } from "./support/stack.js";

const ISSUER = "https://idp.example.test";
let stack: Stack;
let prod: RunningGateway;
let idp: CryptoKey;
const prodLog: Record<string, unknown>[] = [];
let reader: string;

/** A token of the production gateway's trusted issuer. */
const idpToken = (scope: string) =>
  new SignJWT({ scope }).setProtectedHeader({ alg: "ES256", kid: "idp-1" }).setIssuer(ISSUER).setAudience(config.audience)
    .setSubject("auditor").setIssuedAt().setExpirationTime("5m").sign(idp);

const limitOf = (res: GqlResponse) => res.errors?.[0]?.extensions?.limit;
async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

beforeAll(async () => {
  stack = await startTestStack();
  reader = await token("frontend", "lineage:read audit:read");
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  idp = privateKey;
    prod = await startGateway({
    port: 0,
    host: "127.0.0.1",
    subgraphs: stack.subgraphUrls,
    production: true,
    issuers: [{ issuer: ISSUER, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "idp-1" }] }, algorithms: ["ES256"] }],
    limits: { maxDepth: 4 },
    log: (entry) => prodLog.push(entry),
  });
});
afterAll(async () => {
  await prod?.stop();
  await stack?.stop();
});

describe("GraphQL surface (security matrix)", () => {
  it("query deeper / more aliases / more tokens / costlier than the limits -> rejected before execution", async () => {
    const url = stack.gateway.url;
    let deep = "id";
    for (let i = 0; i < 7; i++) deep = `models { system { ${deep} } }`;
    const before = await statementsRun(stack);
    const depth = await gql(url, reader, `{ aiSystem(id: "x") { ${deep} } }`);
    expect(depth.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "depth", max: 12 });

    const siteName = uniq("alias-bomb");
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: registerSite(input: { name: "${siteName}-${i}", country: "DE", kind: CLOUD }) { id }`).join(" ");
    expect(limitOf(await gql(url, await token("ops", "admin"), `mutation { ${aliases} }`))).toBe("aliases");

    expect(limitOf(await gql(url, reader, `{ ${"__typename ".repeat(2001)} }`))).toBe("tokens");
    expect(limitOf(await gql(url, reader, `{ ${Array.from({ length: 21 }, (_, i) => `t${i}: __typename @include(if: true)`).join(" ")} }`))).toBe("directives");

    const costly = `query($n: Int) { auditEvents(first: $n) { seq hash actor } }`;
    const cost = await gql(url, reader, costly, { n: 30000 });
    expect(cost.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "cost", max: 100000, actual: 120000 });
    // Fragments count as often as they are spread; a nested-fragment "bomb" is measured, not expanded.
    const bomb = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { ${i === 11 ? "__typename" : `a: __typename ...F${i + 1} b: __typename ...F${i + 1}`} }`).join(" ");
    expect(limitOf(await gql(url, reader, `{ ...F0 } ${bomb}`))).toBe("aliases");
    // Nothing ran: no statement reached Neo4j, no site was written.
    expect(await statementsRun(stack)).toBe(before);
    expect(await cypher(`MATCH (s:Site) WHERE s.name STARTS WITH $p RETURN s`, { p: siteName })).toHaveLength(0);

    // Within the limits the same shapes run; the limits are per gateway (here maxDepth 4).
    expect((await gql(url, reader, costly, { n: 10 })).errors).toBeUndefined();
    expect((await gql(url, reader, getIntrospectionQuery())).errors).toBeUndefined();
    const five = `{ aiSystem(id: "x") { models { system { models { id } } } } }`;
    expect((await gql(url, reader, five)).errors).toBeUndefined();
    expect(limitOf(await gql(prod.url, await idpToken("lineage:read"), five))).toBe("depth");
  });

  it("HTTP array batching -> rejected", async () => {
    const before = await statementsRun(stack);
    const res = await post(stack.gateway.url, [{ query: `{ site(id: "a") { id } }` }, { query: `{ site(id: "b") { id } }` }], { authorization: `Bearer ${reader}` });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Batching is not supported/);
    expect(await statementsRun(stack)).toBe(before);
  });

  it("introspection and field suggestions in production -> off", async () => {
    const t = await idpToken("lineage:read");
    for (const q of [`{ __schema { queryType { name } } }`, `{ __type(name: "Query") { name } }`, getIntrospectionQuery()]) {
      const res = await gql(prod.url, t, q);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0].message).toMatch(/introspection/i);
    }
    const typo = await gql(prod.url, t, `{ sitee(id: "x") { id } }`);
    expect(typo.errors?.[0].message).toBe(`Cannot query field "sitee" on type "Query".`);
    const argTypo = await gql(prod.url, t, `{ site(idd: "x") { id } }`);
    expect(argTypo.errors?.map((e) => e.message).join(" ")).not.toMatch(/Did you mean/);
    // The same mistakes on a local stack do get hints, and the dev issuer does not exist in production.
    expect((await gql(stack.gateway.url, reader, `{ sitee(id: "x") { id } }`)).errors?.[0].message).toMatch(/Did you mean "site"/);
    const dev = await gql(prod.url, reader, `{ __typename }`);
    expect(dev.errors?.[0]).toMatchObject({ message: "token issuer is not trusted", extensions: { code: "UNAUTHENTICATED" } });
    expect((await gql(prod.url, t, `{ __typename }`)).data).toEqual({ __typename: "Query" });
  });

  it("CSRF-style simple request -> rejected", async () => {
    const q = encodeURIComponent(`{ __typename }`);
    const auth = { authorization: `Bearer ${reader}` };
    expect((await fetch(`${stack.gateway.url}?query=${q}`, { headers: auth })).status).toBe(403);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await fetch(stack.gateway.url, { method: "POST", headers: { ...auth, "content-type": type }, body: JSON.stringify({ query: "{ __typename }" }) });
      expect(res.status).toBe(403);
    }
    // A client that can set a custom header (so passed a CORS preflight) may use GET for queries.
    const ok = await fetch(`${stack.gateway.url}?query=${q}`, { headers: { ...auth, "x-graphql-csrf": "1" } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("resolver or database error -> masked message, no stack trace, no Cypher text", async () => {
    // A node squatting on the id registerSite will derive makes Neo4j refuse the write (constraint on :Entity(id)).
    const name = uniq("clash");
    const id = stableId("site", name);
    await cypher(`CREATE (:Entity {id: $id, squatter: true})`, { id });
    try {
      const res = await fetch(prod.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await idpToken("admin")}` },
        body: JSON.stringify({ query: `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, variables: { i: { name, country: "DE", kind: "CLOUD" } } }),
      });
      const text = await res.text();
      const body = JSON.parse(text) as GqlResponse;
      const requestId = res.headers.get("x-request-id");
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]).toEqual({ message: "Internal server error", path: ["registerSite"], extensions: { code: "INTERNAL_SERVER_ERROR", requestId } });
      expect(text).not.toMatch(/Entity|MERGE|constraint|Neo4j|Neo\.|Cypher|stack|\.ts:|at /i);
      // Operators find the cause by the request id: in the gateway's log and the subgraph's.
      expect(prodLog.some((l) => l.requestId === requestId && l.level === "error")).toBe(true);
      // The subgraph runs in its own process: its log line comes through the supervisor, prefixed [gpu].
      await vi.waitFor(() => expect(serviceLines(stack).join("\n")).toMatch(new RegExp(`\\[gpu\\] \\{.*"requestId":"${requestId}".*already exists`)));
    } finally {
      await cypher(`MATCH (n:Entity {id: $id, squatter: true}) DELETE n`, { id });
    }
  });

  it("direct call to a subgraph without the gateway's internal token -> rejected", async () => {
    const callerToken = await token("mallory", "admin");
    for (const s of stack.subgraphs) {
      expect(new URL(s.url).hostname).toBe("127.0.0.1");
      for (const auth of [undefined, `Bearer ${callerToken}`, "Bearer garbage"]) {
        for (const query of [`{ __typename }`, `{ _service { sdl } }`]) {
          const res = await post(s.url, { query }, auth ? { authorization: auth } : {});
          expect(res.status).toBe(401);
          expect(JSON.parse(res.text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
        }
      }
    }
  });

  it("_entities called with another tenant's or a forbidden key -> rejected / authorised per entity", async () => {
    const admin = await token("ops", "admin");
    const site = (await gql(stack.gateway.url, admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("entity"), country: "FR", kind: "ON_PREM" } })).data!.registerSite;
    const gpu = stack.subgraphs.find((s) => s.name === "gpu")!;
    const entities = { query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id country } } }`, variables: { r: [{ __typename: "Site", id: site.id }] } };
    const as = async (auth?: string) => {
      const res = await post(gpu.url, entities, auth ? { authorization: `Bearer ${auth}` } : {});
      return { status: res.status, body: JSON.parse(res.text) as GqlResponse };
    };
    expect((await as()).status).toBe(401);
    // A token the gateway minted for another subgraph (audience subgraph:models) does not open this one.
    const forModels = await as(await mintInternalToken({ sub: "frontend", scopes: ["lineage:read"] }, "models", "t"));
    expect(forModels.status).toBe(401);
    expect(forModels.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const forGpu = await as(await mintInternalToken({ sub: "frontend", scopes: ["lineage:read"] }, "gpu", "t"));
    expect(forGpu.body).toEqual({ data: { _entities: [{ id: site.id, country: "FR" }] } });
  });

  it("every Query and Mutation field declares @requiresScopes; every entity type @authenticated", async () => {
    const res = await gql(stack.gateway.url, reader, `{ __typename }`);
    expect(res.errors).toBeUndefined();
    const { SUPERGRAPH_FILE } = await import("../gateway/supergraph.js");
    const doc = parse(readFileSync(SUPERGRAPH_FILE, "utf8"));
    const objects = doc.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === "ObjectTypeDefinition");
    const has = (node: { directives?: readonly { name: { value: string } }[] }, name: string) => node.directives?.some((d) => d.name.value === name);
    const unscoped = objects.filter((t) => ["Query", "Mutation"].includes(t.name.value)).flatMap((t) => t.fields!.filter((f) => !has(f, "requiresScopes")).map((f) => `${t.name.value}.${f.name.value}`));
    expect(unscoped).toEqual([]);
    const open = objects.filter((t) => has(t, "join__type") && t.directives!.some((d) => d.name.value === "join__type" && d.arguments?.some((a) => a.name.value === "key"))).filter((t) => !has(t, "authenticated")).map((t) => t.name.value);
    expect(open).toEqual([]);
  });
});
