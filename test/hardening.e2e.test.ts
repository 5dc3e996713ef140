// The lower-severity items of issue 10, each through the real gateway (or a subgraph's own HTTP port).
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import { config } from "../runtime/config.js";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

let stack: Stack;
let url: string;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
  admin = await token("ops", "admin");
});
afterAll(() => stack?.stop());


describe("four-eyes compares identities (issuer + normalised subject)", () => {
  it("Alice, 'alice ' and alice + zero-width space cannot approve alice's model version; bob can", async () => {
    const alice = await token("alice", "lineage:write lineage:read");
    const sys = ok(await gql(url, alice, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("four-eyes"), version: "1", intendedPurpose: "triage", providerName: "Acme", riskCategory: "HIGH" },
    })).registerAISystem;
    const model = ok(await gql(url, alice, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "m" } })).registerModel;
    const mv = ok(await gql(url, alice, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id registeredBy } }`, {
      i: { modelId: model.id, version: "1.0.0", artifactDigest: `sha256:${"f".repeat(64)}` },
    })).registerModelVersion;
    expect(mv.registeredBy).toBe("alice");
    const decide = async (sub: string) =>
      gql(url, await token(sub, "approvals:decide lineage:read"), `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { approver } }`, {
        i: { subjectId: mv.id, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "reviewed" },
      });
    for (const lookalike of ["Alice", "alice ", "alice\u200b", "\uff41lice" /* fullwidth a, NFKC-equal */]) {
      const res = await decide(lookalike);
      expect(res.errors?.[0].extensions?.code, JSON.stringify(lookalike)).toBe("FORBIDDEN");
      expect(res.errors?.[0].message).toMatch(/four-eyes/);
    }
    expect(ok(await decide("bob")).decideApproval.approver).toBe("bob");
  });
});

describe("client assertions give one answer until the signature verifies", () => {
  async function newKey() {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: crypto.randomUUID(), alg: "ES256", use: "sig" } as JWK };
  }
  const assertion = (clientId: string, key: CryptoKey, kid: string) =>
    new SignJWT({ scope: "lineage:read", jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: "ES256", kid, typ: "client-authentication+jwt" })
      .setIssuer(clientId).setSubject(clientId).setAudience(config.audience).setIssuedAt().setExpirationTime("60s").sign(key);

  it("unknown client, revoked client, existing client with a wrong key: the same 401 and message", async () => {
    const real = await newKey();
    const attacker = await newKey();
    const [live, revoked] = [uniq("live-client"), uniq("revoked-client")];
    for (const clientId of [live, revoked]) {
      ok(await gql(url, admin, `mutation($i: RegisterClientInput!) { registerClient(input: $i) { clientId } }`, {
        i: { clientId, name: clientId, jwks: { keys: [real.jwk] }, allowedScopes: ["lineage:read"] },
      }));
    }
    ok(await gql(url, admin, `mutation($c: ID!) { revokeClient(clientId: $c) { revoked } }`, { c: revoked }));
    const probe = `{ __typename }`;
    const answers = [];
    for (const clientId of [uniq("no-such-client"), revoked, live]) {
      const res = await gql(url, await assertion(clientId, attacker.privateKey, attacker.jwk.kid!), probe);
      answers.push({ status: res.status, message: res.errors?.[0].message, code: res.errors?.[0].extensions?.code });
    }
    expect(answers).toEqual(Array(3).fill({ status: 401, message: "token issuer is not trusted", code: "UNAUTHENTICATED" }));
    // With the right key the answers differ: the live client gets in, the revoked one is told so.
    expect(ok(await gql(url, await assertion(live, real.privateKey, real.jwk.kid!), probe))).toEqual({ __typename: "Query" });
    expect((await gql(url, await assertion(revoked, real.privateKey, real.jwk.kid!), probe)).errors?.[0].message).toBe("client revoked");
  });
});

describe("ID arguments are bounded and never echoed in full", () => {
  it("an id over 256 characters is BAD_USER_INPUT; NOT_FOUND echoes at most a 64-character prefix", async () => {
    const writer = await token("pipeline", "lineage:write lineage:read");
    const huge = "x".repeat(100_000);
    const res = await gql(url, writer, `query($id: ID!) { aiSystem(id: $id) { id } }`, { id: huge });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(res).length).toBeLessThan(2000);
    const nested = await gql(url, writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: huge, name: "m" } });
    expect(nested.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.systemId" } });
    const long = "y".repeat(200);
    const missing = await gql(url, writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: long, name: "m" } });
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(missing.errors?.[0].message).toContain("y".repeat(64));
    expect(missing.errors?.[0].message).not.toContain("y".repeat(65));
  });
});

describe("subgraphs check the token before reading a capped body", () => {
  it("no token: 401 without reading the body; valid token and a body over the cap: 413", async () => {
    const sub = stack.subgraphs.find((s) => s.name === "models")!;
    const big = JSON.stringify({ query: "{ __typename }", pad: "z".repeat(5 * 1024 * 1024) });
    const anon = await fetch(sub.url, { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(anon.status).toBe(401);
    expect((await anon.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const internal = await mintInternalToken({ sub: "gateway-test", scopes: [] }, "models", "t");
    const headers = { "content-type": "application/json", authorization: `Bearer ${internal}` };
    const tooBig = await fetch(sub.url, { method: "POST", headers, body: big });
    expect(tooBig.status).toBe(413);
    const small = await fetch(sub.url, { method: "POST", headers, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual({ data: { __typename: "Query" } });
  });
});
