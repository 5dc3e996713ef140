// Integration clients as an operator and an integrator meet them: `npm run clients` through the
// gateway, and `registerClient` (admin): public keys only, the field it refuses named, audited,
// and the client's own writes attributed to it. (Their tokens: test/security-tokens.e2e.test.ts.)
import "reflect-metadata";
import type { JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { assertion, expectAccepted, expectRejected, newKey, PROBE, registerClient as registerWith } from "./support/client-keys.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

let stack: Stack;
let admin: string;
const registerClient = (clientId: string, jwks: { keys: JWK[] }, allowedScopes?: string[]) => registerWith(stack.gateway.url, admin, clientId, jwks, allowedScopes);

beforeAll(async () => {
  stack = await startTestStack();
  admin = await token("ops", "admin");
});
afterAll(() => stack?.stop());

describe("npm run clients", () => {
  it("registers, lists and revokes a client through the gateway", async () => {
    const { execFile } = await import("node:child_process");
    const fs = await import("node:fs/promises");
    const path = await import("node:path");
    const os = await import("node:os");
    const run = (...args: string[]) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) =>
        execFile(process.execPath, ["--import", "tsx", "tools/clients.ts", ...args], { env: { ...process.env, LINEAGE_URL: `http://127.0.0.1:${stack.gateway.port}` } }, (e, out, err) =>
          resolve({ code: e ? (e.code as number) : 0, out, err }),
        ),
      );
    const key = await newKey("ES256");
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "jwks-")), "public.json");
    await fs.writeFile(file, JSON.stringify({ keys: [key.jwk] }));
    const clientId = uniq("cli-client");
    const reg = await run("register", "--id", clientId, "--jwks", file, "--scopes", "lineage:read lineage:write");
    expect(reg.code, reg.err).toBe(0);
    expect(JSON.parse(reg.out)).toMatchObject({ clientId, version: 1, revoked: false, allowedScopes: ["lineage:read", "lineage:write"] });
    expectAccepted(await gql(stack.gateway.url, await assertion(clientId, key), PROBE));
    const listed = await run("list");
    expect(listed.out, listed.err).toContain(`${clientId}\tv1\tactive\tlineage:read lineage:write`);
    expect((await run("revoke", "--id", clientId)).code).toBe(0);
    expectRejected(await gql(stack.gateway.url, await assertion(clientId, key), PROBE), /revoked/);
    // A private key is refused with the member named.
    await fs.writeFile(file, JSON.stringify({ keys: [key.privateJwk] }));
    const priv = await run("register", "--id", uniq("cli-private"), "--jwks", file, "--scopes", "lineage:read");
    expect(priv.code).toBe(1);
    expect(priv.err).toMatch(/BAD_USER_INPUT: input\.jwks\.keys\[0\]: holds the private member "d"/);
  }, 180_000);
});

describe("registerClient (admin)", () => {
  it("accepts public keys only and names the field it refuses; needs admin; is audited", async () => {
    const key = await newKey("ES256");
    const reg = (i: Record<string, unknown>, bearer = admin) =>
      gql(stack.gateway.url, bearer, `mutation($i: RegisterClientInput!) { registerClient(input: $i) { clientId } }`, { i: { clientId: uniq("v-client"), name: "v", allowedScopes: ["lineage:read"], ...i } });
    const refused: [Record<string, unknown>, RegExp][] = [
      [{ jwks: { keys: [key.privateJwk] } }, /input\.jwks\.keys\[0\]: holds the private member "d"/],
      [{ jwks: { keys: [{ kty: "oct", k: "c2VjcmV0" }] } }, /input\.jwks\.keys\[0\]: holds the private member "k"/],
      [{ jwks: { keys: [{ ...key.jwk, x: "AAAA" }] } }, /input\.jwks\.keys\[0\]: is not a usable public key/],
      [{ jwks: { keys: [key.jwk] }, jwksUrl: "https://example.test/jwks" }, /input\.jwks: give exactly one/],
      [{}, /input\.jwks: give exactly one/],
      [{ jwksUrl: "http://example.test/jwks" }, /input\.jwksUrl: must be an https URL/],
      [{ jwks: { keys: [key.jwk] }, allowedScopes: ["root"] }, /input\.allowedScopes: "root" is not a scope/],
      [{ jwks: { keys: [key.jwk] }, clientId: "urn:ai-lineage:dev-issuer" }, /input\.clientId/],
      [{ jwks: { keys: [key.jwk] }, clientId: "a b" }, /input\.clientId/],
    ];
    for (const [input, message] of refused) {
      const res = await reg(input);
      expect(res.errors?.[0].extensions?.code, JSON.stringify(input)).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0].message).toMatch(message);
    }
    expect((await reg({ jwks: { keys: [key.jwk] } }, await token("pipeline", "lineage:write"))).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const clientId = uniq("audited-client");
    expect((await reg({ clientId, jwks: { keys: [key.jwk] } })).errors).toBeUndefined();
    expect((await reg({ clientId, jwks: { keys: [key.jwk] } })).errors).toBeUndefined();
    const events = await gql(stack.gateway.url, admin, `query($s: String) { auditEvents(subject: $s) { actor operation } }`, { s: clientId });
    expect(events.data!.auditEvents).toEqual([{ actor: "ops", operation: "registerClient" }]);
    // The client's own writes carry its id into the audit log.
    const clientKey = await newKey("ES256");
    const writer = uniq("writer-client");
    // lineage:read too: reading back registeredBy (not only the id) needs it (docs/security.md "Who may read what").
    await registerClient(writer, { keys: [clientKey.jwk] }, ["lineage:write", "lineage:read"]);
    const sys = await gql(stack.gateway.url, await assertion(writer, clientKey, { scope: "lineage:write lineage:read" }), `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id registeredBy } }`, {
      i: { name: uniq("client-system"), version: "1", intendedPurpose: "test", providerName: "Acme", riskCategory: "MINIMAL" },
    });
    expect(sys.errors).toBeUndefined();
    expect(sys.data!.registerAISystem.registeredBy).toBe(writer);
    const byClient = await gql(stack.gateway.url, admin, `query($s: String) { auditEvents(subject: $s) { actor clientId operation } }`, { s: sys.data!.registerAISystem.id });
    expect(byClient.data!.auditEvents).toEqual([{ actor: writer, clientId: writer, operation: "registerAISystem" }]);
  });
});
