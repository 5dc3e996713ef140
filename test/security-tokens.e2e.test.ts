// The "Tokens" table of the security matrix, one `it` per row: real gateway over HTTP, real
// Neo4j, real signatures. A second gateway on the same subgraphs trusts three configured issuers:
// an inline RSA one, a remote JWKS with the default-style cooldown, and a rotating remote JWKS.
import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportSPKI, importJWK, SignJWT, type JWK, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type RunningGateway } from "../gateway/index.js";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import { config, DEV_ISSUER, INTERNAL_ISSUER } from "../runtime/config.js";
import { loadKey } from "../runtime/keys.js";
import type { Stack } from "../launcher/stack.js";
import { assertion, expectAccepted, expectRejected, newKey, now, PROBE, registerClient as registerWith, sign, type Key } from "./support/client-keys.js";
import { gql, startTestStack, statementsRun, token, uniq, type GqlResponse } from "./support/stack.js";

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

let stack: Stack;
let peer: RunningGateway;
let jwksServer: http.Server;
let jwksBase: string;
const hits = { remote: 0, rotating: 0, attacker: 0 };
let admin: string;

let idpKey: Key;
let remoteKey: Key;
let rotating: Key[];
const registerClient = (clientId: string, jwks: { keys: JWK[] }, allowedScopes?: string[]) => registerWith(stack.gateway.url, admin, clientId, jwks, allowedScopes);

const devClaims = (over: JWTPayload = {}): JWTPayload => ({ iss: DEV_ISSUER, aud: config.audience, sub: "alice", iat: now(), exp: now() + 300, scope: "lineage:read", ...over });
async function devToken(claims: JWTPayload = devClaims(), header: Record<string, unknown> = {}) {
  const dev = await loadKey("dev-issuer");
  return sign({ privateKey: dev.privateKey, kid: dev.kid }, claims, { alg: "EdDSA", typ: "at+jwt", ...header });
}
const claimsOf = (iss: string, over: JWTPayload = {}): JWTPayload => ({ iss, aud: config.audience, sub: "svc", iat: now(), exp: now() + 300, scope: "lineage:read", ...over });

beforeAll(async () => {
  stack = await startTestStack();
  admin = await token("ops", "admin");
  idpKey = await newKey("RS256");
  remoteKey = await newKey("ES256");
  rotating = [await newKey("ES256"), await newKey("ES256")];
  let rotatingSet = [rotating[0].jwk];
  jwksServer = http.createServer((req, res) => {
    const send = (keys: JWK[]) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
    if (req.url === "/remote") return hits.remote++, send([remoteKey.jwk]);
    if (req.url === "/rotating") return hits.rotating++, send(rotatingSet);
    if (req.url === "/rotate") return (rotatingSet = [rotating[1].jwk]), res.end();
    hits.attacker++;
    send([]);
  });
  await new Promise<void>((r) => jwksServer.listen(0, "127.0.0.1", r));
  jwksBase = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
    peer = await startGateway({
    port: 0,
    host: "127.0.0.1",
    subgraphs: stack.subgraphUrls,
    issuers: [
      { issuer: "https://idp.example.test", jwks: { keys: [idpKey.jwk] }, algorithms: ["RS256"], typ: "at+jwt", scopeClaim: "scp" },
      { issuer: "https://remote.example.test", jwksUrl: `${jwksBase}/remote`, algorithms: ["ES256"], jwksCooldownMs: 60_000 },
      { issuer: "https://rotating.example.test", jwksUrl: `${jwksBase}/rotating`, algorithms: ["ES256"], jwksCooldownMs: 0 },
    ],
  });
});
afterAll(async () => {
  await peer?.stop();
  jwksServer?.closeAllConnections();
  await new Promise((r) => jwksServer?.close(r));
  await stack?.stop();
});

describe("Tokens (security matrix)", () => {
  it("no token, malformed token -> UNAUTHENTICATED, no resolver runs", async () => {
    const siteName = uniq("never-written");
    const mutation = `mutation { registerSite(input: { name: "${siteName}", country: "DE", kind: CLOUD }) { id } }`;
    const before = await statementsRun(stack);
    expectRejected(await gql(stack.gateway.url, null, mutation), /bearer token is required/);
    for (const bad of ["abc.def.ghi", "not-a-jwt", `${b64({ alg: "EdDSA" })}.%%%.x`, `${b64({ alg: "EdDSA" })}.${b64("just a string")}.sig`]) {
      expectRejected(await gql(stack.gateway.url, bad, mutation));
    }
    const raw = await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json", authorization: "Basic YWxpY2U6c2VjcmV0" }, body: JSON.stringify({ query: PROBE }) });
    expect(raw.status).toBe(401);
    expect(raw.headers.get("www-authenticate")).toBe("Bearer");
    // Nothing reached Neo4j: no resolver (and so no subgraph) ran.
    expect(await statementsRun(stack)).toBe(before);
  });

  it("alg: none (any casing) -> rejected", async () => {
    for (const alg of ["none", "None", "NONE", "nOnE"]) {
      const unsigned = `${b64({ alg, typ: "at+jwt" })}.${b64(devClaims({ scope: "admin" }))}.`;
      expectRejected(await gql(stack.gateway.url, unsigned, PROBE));
    }
  });

  it("HS256 token signed with the RSA/EC public key as HMAC secret -> rejected", async () => {
    const enc = new TextEncoder();
    const rsaPem = await exportSPKI((await importJWK(idpKey.jwk, "RS256")) as CryptoKey);
    const secrets = [enc.encode(rsaPem), enc.encode(JSON.stringify(idpKey.jwk)), enc.encode(idpKey.jwk.n!)];
    for (const secret of secrets) {
      const forged = await new SignJWT(claimsOf("https://idp.example.test", { scp: ["admin"] })).setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: idpKey.jwk.kid }).sign(secret);
      expectRejected(await gql(peer.url, forged, PROBE));
    }
    const dev = await loadKey("dev-issuer");
    for (const secret of [enc.encode(JSON.stringify(dev.publicJwk)), Buffer.from(dev.publicJwk.x!, "base64url")]) {
      const forged = await new SignJWT(devClaims({ scope: "admin" })).setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: dev.kid }).sign(secret);
      expectRejected(await gql(stack.gateway.url, forged, PROBE));
    }
  });

  it("allowed key, algorithm not on the allow-list -> rejected", async () => {
    // The same RSA key signs: RS256 (allowed) passes, PS256 and RS512 (not on the issuer's list) do not.
    expectAccepted(await gql(peer.url, await sign({ ...idpKey, kid: idpKey.jwk.kid }, claimsOf("https://idp.example.test", { scp: ["lineage:read"] }), { alg: "RS256", typ: "at+jwt" }), PROBE));
    for (const alg of ["PS256", "RS512"]) {
      const sameKey = (await importJWK(idpKey.privateJwk, alg)) as CryptoKey;
      expectRejected(await gql(peer.url, await sign({ privateKey: sameKey, kid: idpKey.jwk.kid }, claimsOf("https://idp.example.test", { scp: ["lineage:read"] }), { alg, typ: "at+jwt" }), PROBE), /alg/);
    }
  });

  it("payload tampered (one byte) -> rejected", async () => {
    const good = await token("alice", "lineage:read");
    expectAccepted(await gql(stack.gateway.url, good, PROBE));
    const [h, p, s] = good.split(".");
    const json = Buffer.from(p, "base64url").toString("utf8");
    const oneByte = json.replace('"sub":"alice"', '"sub":"alicf"');
    expect(oneByte).not.toBe(json);
    expectRejected(await gql(stack.gateway.url, `${h}.${Buffer.from(oneByte).toString("base64url")}.${s}`, PROBE));
    // And a byte of the encoded payload itself.
    const flipped = p.slice(0, 10) + (p[10] === "A" ? "B" : "A") + p.slice(11);
    expectRejected(await gql(stack.gateway.url, `${h}.${flipped}.${s}`, PROBE));
  });

  it("expired; nbf or iat in the future (beyond a small clock tolerance) -> rejected", async () => {
    const tol = config.clockToleranceS;
    expectRejected(await gql(stack.gateway.url, await devToken(devClaims({ iat: now() - 600, exp: now() - tol - 30 })), PROBE), /exp/);
    expectRejected(await gql(stack.gateway.url, await devToken(devClaims({ nbf: now() + tol + 60 })), PROBE), /nbf/);
    expectRejected(await gql(stack.gateway.url, await devToken(devClaims({ iat: now() + tol + 60, exp: now() + 600 })), PROBE), /iat/);
    // Within the tolerance a slightly fast issuer clock is fine.
    expectAccepted(await gql(stack.gateway.url, await devToken(devClaims({ iat: now() + 5, nbf: now() + 5 })), PROBE));
  });

  it("missing exp, iat, sub (or jti for integration assertions) -> rejected", async () => {
    for (const claim of ["exp", "iat", "sub"] as const) {
      const claims = devClaims();
      delete claims[claim];
      expectRejected(await gql(stack.gateway.url, await devToken(claims), PROBE), new RegExp(claim));
    }
    const key = await newKey("ES256");
    const clientId = uniq("no-jti-client");
    await registerClient(clientId, { keys: [key.jwk] });
    expectRejected(await gql(stack.gateway.url, await assertion(clientId, key, { jti: undefined }), PROBE), /jti/);
    expectAccepted(await gql(stack.gateway.url, await assertion(clientId, key), PROBE));
  });

  it("wrong iss, wrong aud -> rejected", async () => {
    expectRejected(await gql(stack.gateway.url, await devToken(devClaims({ iss: "https://evil.example" })), PROBE), /not trusted/);
    // A trusted issuer's name on a token its keys did not sign.
    expectRejected(await gql(peer.url, await devToken(devClaims({ iss: "https://idp.example.test" }), { typ: "at+jwt" }), PROBE));
    expectRejected(await gql(stack.gateway.url, await devToken(devClaims({ aud: "another-api" })), PROBE), /aud/);
    const key = await newKey("ES256");
    const clientId = uniq("aud-client");
    await registerClient(clientId, { keys: [key.jwk] });
    expectRejected(await gql(stack.gateway.url, await assertion(clientId, key, { aud: "another-api" }), PROBE), /aud/);
    expectRejected(await gql(stack.gateway.url, await assertion(clientId, key, { sub: "someone-else" }), PROBE), /sub/);
  });

  it("token meant for another use (wrong typ) -> rejected", async () => {
    expectRejected(await gql(stack.gateway.url, await devToken(devClaims(), { typ: "JWT" }), PROBE), /typ/);
    expectRejected(await gql(stack.gateway.url, await devToken(devClaims(), { typ: undefined }), PROBE), /typ/);
    // The gateway's own internal token for a subgraph is no caller token.
    expectRejected(await gql(stack.gateway.url, await mintInternalToken({ sub: "alice", scopes: ["admin"] }, "compliance", "x"), PROBE));
    const key = await newKey("ES256");
    const clientId = uniq("typ-client");
    await registerClient(clientId, { keys: [key.jwk] });
    expectRejected(await gql(stack.gateway.url, await assertion(clientId, key, {}, { typ: "at+jwt" }), PROBE), /typ/);
  });

  it("unknown kid flood -> at most one key-set refetch per cooldown, then rejected", async () => {
    const remote = (k: Key, kid = k.jwk.kid) => sign({ privateKey: k.privateKey, kid }, claimsOf("https://remote.example.test"), { alg: "ES256" });
    expectAccepted(await gql(peer.url, await remote(remoteKey), PROBE));
    const before = hits.remote;
    const flood = await Promise.all(Array.from({ length: 25 }, async () => gql(peer.url, await remote(remoteKey, uniq("unknown-kid")), PROBE)));
    for (const res of flood) expectRejected(res);
    expect(hits.remote - before).toBeLessThanOrEqual(1);
    expectAccepted(await gql(peer.url, await remote(remoteKey), PROBE));
  });

  it("jku / x5u / embedded jwk header pointing elsewhere -> ignored, rejected", async () => {
    const attacker = await newKey("ES256");
    const header = { alg: "ES256", typ: "at+jwt", jwk: attacker.jwk, jku: `${jwksBase}/attacker`, x5u: `${jwksBase}/attacker-cert`, kid: attacker.jwk.kid };
    for (const iss of [DEV_ISSUER, "https://remote.example.test", "https://idp.example.test"]) {
      const url = iss === DEV_ISSUER ? stack.gateway.url : peer.url;
      expectRejected(await gql(url, await sign({ privateKey: attacker.privateKey }, devClaims({ iss }), header), PROBE));
    }
    expect(hits.attacker).toBe(0);
  });

  it("revoked integration client -> rejected from the next request on", async () => {
    const key = await newKey("ES256");
    const clientId = uniq("revoked-client");
    await registerClient(clientId, { keys: [key.jwk] });
    expectAccepted(await gql(stack.gateway.url, await assertion(clientId, key), PROBE));
    const revoked = await gql(stack.gateway.url, admin, `mutation($c: ID!) { revokeClient(clientId: $c) { revoked revokedBy } }`, { c: clientId });
    expect(revoked.data!.revokeClient).toEqual({ revoked: true, revokedBy: "ops" });
    expectRejected(await gql(stack.gateway.url, await assertion(clientId, key), PROBE), /revoked/);
    // Revocation is final: the id cannot be registered again.
    const again = await gql(stack.gateway.url, admin, `mutation($i: RegisterClientInput!) { registerClient(input: $i) { clientId } }`, {
      i: { clientId, name: clientId, jwks: { keys: [key.jwk] }, allowedScopes: ["lineage:read"] },
    });
    expect(again.errors?.[0].extensions?.code).toBe("CONFLICT");
  });

  it("integration client's keys or scopes changed -> the next request is checked against them; an unchanged client costs one statement per assertion", async () => {
    const statements = async (op: string) => {
      const text = await (await fetch(new URL("/metrics", stack.gateway.url))).text();
      return [...text.matchAll(/^lineage_cypher_statements_total\{([^}]*)\} ([0-9.e+]+)$/gm)].filter((m) => m[1].includes(`op="${op}"`)).reduce((n, m) => n + Number(m[2]), 0);
    };
    const [oldKey, newer] = [await newKey("ES256"), await newKey("ES256")];
    const clientId = uniq("rotating-client");
    await registerClient(clientId, { keys: [oldKey.jwk] }, ["lineage:read", "lineage:write"]);
    expectAccepted(await gql(stack.gateway.url, await assertion(clientId, oldKey, { scope: "lineage:read" }), PROBE));
    // The registration is remembered: three more assertions, three jti writes, no read of the client.
    const [reads, writes] = [await statements("gateway:findClient"), await statements("gateway:recordAssertion")];
    for (let i = 0; i < 3; i++) expectAccepted(await gql(stack.gateway.url, await assertion(clientId, oldKey, { scope: "lineage:read" }), PROBE));
    expect([(await statements("gateway:findClient")) - reads, (await statements("gateway:recordAssertion")) - writes]).toEqual([0, 3]);
    const write = async (key: Key) => gql(stack.gateway.url, await assertion(clientId, key, { scope: "lineage:write" }), `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("client-sys"), version: "1", intendedPurpose: "test", providerName: "Acme", riskCategory: "MINIMAL" },
    });
    expect((await write(oldKey)).errors).toBeUndefined();
    // Scopes narrowed, same key: the remembered copy still verifies the signature, the jti write finds the client changed.
    await registerClient(clientId, { keys: [oldKey.jwk] }, ["lineage:read"]);
    expect((await write(oldKey)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    // Keys replaced: the old key is refused, the new one accepted, from the next request on.
    await registerClient(clientId, { keys: [newer.jwk] }, ["lineage:read"]);
    expectRejected(await gql(stack.gateway.url, await assertion(clientId, oldKey, { scope: "lineage:read" }), PROBE));
    expectAccepted(await gql(stack.gateway.url, await assertion(clientId, newer, { scope: "lineage:read" }), PROBE));
  });

  it("replayed integration assertion (same jti within its lifetime) -> rejected", async () => {
    const key = await newKey("ES256");
    const clientId = uniq("replay-client");
    await registerClient(clientId, { keys: [key.jwk] });
    const once = await assertion(clientId, key);
    expectAccepted(await gql(stack.gateway.url, once, PROBE));
    expectRejected(await gql(stack.gateway.url, once, PROBE), /jti already used/);
    // Concurrent replays: exactly one wins.
    const twice = await assertion(clientId, key);
    const results = await Promise.all([1, 2, 3, 4].map(() => gql(stack.gateway.url, twice, PROBE)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    // A fresh jti from the same client passes; so does nothing longer-lived than 5 minutes.
    expectAccepted(await gql(stack.gateway.url, await assertion(clientId, key), PROBE));
    expectRejected(await gql(stack.gateway.url, await assertion(clientId, key, { exp: now() + 301 }), PROBE), /lifetime/);
  });

  it("key rotation -> new key accepted; removed key rejected after reload", async () => {
    const rot = (k: Key) => sign({ privateKey: k.privateKey, kid: k.jwk.kid }, claimsOf("https://rotating.example.test"), { alg: "ES256" });
    // One token under the old key, verified once and then answered from the gateway's token cache...
    const old = await rot(rotating[0]);
    expectAccepted(await gql(peer.url, old, PROBE));
    expectAccepted(await gql(peer.url, old, PROBE));
    await fetch(`${jwksBase}/rotate`);
    // The new key's unknown kid triggers a refetch (this issuer's cooldown is 0).
    expectAccepted(await gql(peer.url, await rot(rotating[1]), PROBE));
    await peer.reloadKeys();
    // ...is refused once the key is gone: a reload forgets every cached verdict.
    expectRejected(await gql(peer.url, old, PROBE));
    expectRejected(await gql(peer.url, await rot(rotating[0]), PROBE));
    expectAccepted(await gql(peer.url, await rot(rotating[1]), PROBE));

    // A client rotates by registering its new key set: the old key stops at once (version + 1).
    const [k1, k2] = [await newKey("ES256"), await newKey("ES256")];
    const clientId = uniq("rotating-client");
    expect((await registerClient(clientId, { keys: [k1.jwk] })).version).toBe(1);
    expectAccepted(await gql(stack.gateway.url, await assertion(clientId, k1), PROBE));
    expect((await registerClient(clientId, { keys: [k1.jwk, k2.jwk] })).version).toBe(2);
    expectAccepted(await gql(stack.gateway.url, await assertion(clientId, k2), PROBE));
    await registerClient(clientId, { keys: [k2.jwk] });
    expectRejected(await gql(stack.gateway.url, await assertion(clientId, k1), PROBE));
    expectAccepted(await gql(stack.gateway.url, await assertion(clientId, k2), PROBE));
  });

  it("an internal token a subgraph verified (and cached) is refused once it has expired", async () => {
    const key = await loadKey("internal");
    const exp = now() + 2;
    const internal = await new SignJWT({ scope: "lineage:read" })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "internal+jwt" })
      .setIssuer(INTERNAL_ISSUER).setAudience("subgraph:models").setSubject(uniq("alice")).setIssuedAt().setExpirationTime(exp)
      .sign(key.privateKey);
    const ask = () => fetch(stack.subgraphUrls.models, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${internal}` }, body: JSON.stringify({ query: "{ __typename }" }) });
    // Verified once, then answered from the subgraph's cache of verified internal tokens.
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    // Past its exp and the subgraphs' clock tolerance (5 s): refused, cached or not.
    while (Date.now() / 1000 <= exp + 6) await new Promise((r) => setTimeout(r, 250));
    const late = await ask();
    expect(late.status).toBe(401);
    expect(((await late.json()) as GqlResponse).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("scope missing for a field or mutation -> FORBIDDEN, other fields of the response intact", async () => {
    const site = (await gql(stack.gateway.url, admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("scoped"), country: "DE", kind: "CLOUD" } })).data!.registerSite;
    const reader = await token("frontend", "lineage:read");
    const mixed = await gql(stack.gateway.url, reader, `query($id: ID!) { site(id: $id) { id country } clients { clientId } }`, { id: site.id });
    expect(mixed.status).toBe(200);
    expect(mixed.data!.site).toEqual({ id: site.id, country: "DE" });
    expect(mixed.data!.clients ?? null).toBeNull();
    expect(mixed.errors).toHaveLength(1);
    expect(mixed.errors![0]).toMatchObject({ path: ["clients"], extensions: { code: "FORBIDDEN" } });

    const writer = await token("pipeline", "lineage:write");
    const denied = await gql(stack.gateway.url, writer, `mutation { registerSite(input: { name: "${uniq("nope")}", country: "DE", kind: CLOUD }) { id } }`);
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");

    // An integration gets only what it asks for AND is allowed: admin is dropped here.
    const key = await newKey("ES256");
    const clientId = uniq("scoped-client");
    await registerClient(clientId, { keys: [key.jwk] }, ["lineage:read"]);
    const asClient = await gql(stack.gateway.url, await assertion(clientId, key, { scope: "lineage:read admin" }), `query($id: ID!) { site(id: $id) { id } clients { clientId } }`, { id: site.id });
    expect(asClient.data!.site).toEqual({ id: site.id });
    expect(asClient.errors![0]).toMatchObject({ path: ["clients"], extensions: { code: "FORBIDDEN" } });

    // Defence in depth: the subgraph checks the scope again, even with a valid internal token.
    const compliance = stack.subgraphs.find((s) => s.name === "compliance")!;
    const internal = await mintInternalToken({ sub: "frontend", scopes: ["lineage:read"] }, "compliance", "scope-test");
    const direct = await fetch(compliance.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${internal}` },
      body: JSON.stringify({ query: "{ clients { clientId } }" }),
    }).then((r) => r.json() as Promise<GqlResponse>);
    expect(direct.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
