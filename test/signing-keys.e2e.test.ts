// Who holds which private key, read from the processes the stack really started: a subgraph gets
// public key sets only (a private key only when it signs with it: runtime/keys.ts SIGNERS), and a
// token signed with any key a subgraph holds is refused by every other subgraph and the gateway.
import fs from "node:fs";
import { importJWK, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INTERNAL_ISSUER, DEV_ISSUER, SUBGRAPHS } from "../runtime/config.js";
import type { Stack } from "../launcher/stack.js";
import { startTestStack } from "./support/stack.js";

/** The environment a process was started with, as the kernel keeps it (/proc/<pid>/environ). */
const environOf = (pid: number): Record<string, string> =>
  Object.fromEntries(
    fs
      .readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
  );

/** Every JWK with a private part in an environment, by variable (a JWK or a JWK set as JSON). */
function privateJwks(env: Record<string, string>): Record<string, JWK> {
  const out: Record<string, JWK> = {};
  for (const [name, value] of Object.entries(env)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      continue;
    }
    const keys = (parsed as { keys?: JWK[] })?.keys ?? [parsed as JWK];
    for (const k of keys) if (k && typeof k === "object" && "kty" in k && "d" in k) out[name] = k;
  }
  return out;
}

/** An internal-token-shaped JWT for `subgraph` (as the gateway mints), signed with `jwk`. */
async function internalShaped(jwk: JWK, subgraph: string, iss = INTERNAL_ISSUER): Promise<string> {
  return new SignJWT({ scope: "approvals:decide admin lineage:read lineage:write" })
    .setProtectedHeader({ alg: "EdDSA", typ: "internal+jwt", ...(jwk.kid ? { kid: jwk.kid } : {}) })
    .setIssuer(iss)
    .setAudience(`subgraph:${subgraph}`)
    .setSubject("mallory")
    .setIssuedAt()
    .setExpirationTime("60s")
    .sign(await importJWK({ ...jwk, alg: "EdDSA" }, "EdDSA"));
}

const ask = async (url: string, token: string) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: "{ __typename }" }) });
  const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { status: res.status, code: body.errors?.[0]?.extensions?.code, data: body.data };
};

describe("signing keys by service", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  it("no subgraph process holds the internal key; only approvals, compliance and datasets hold the service key", () => {
    const held = Object.fromEntries(stack.subgraphs.map((s) => [s.name, Object.keys(privateJwks(environOf(s.pid))).sort()]));
    expect(held).toEqual({ models: [], gpu: [], approvals: ["SERVICE_SIGNING_JWK"], compliance: ["SERVICE_SIGNING_JWK"], datasets: ["SERVICE_SIGNING_JWK"] });
    for (const s of stack.subgraphs) expect(environOf(s.pid).INTERNAL_JWKS, s.name).toMatch(/"keys"/);
    expect(Object.keys(privateJwks(environOf(stack.gateway.pid)))).toEqual(["INTERNAL_SIGNING_JWK"]);
  });

  it("a token signed with any key a subgraph holds is refused by every subgraph and by the gateway", async () => {
    const held = stack.subgraphs.flatMap((s) => Object.values(privateJwks(environOf(s.pid))));
    expect(held.length).toBeGreaterThan(0);
    for (const jwk of held) {
      for (const target of stack.subgraphs) {
        for (const iss of [INTERNAL_ISSUER, DEV_ISSUER]) {
          const res = await ask(target.url, await internalShaped(jwk, target.name, iss));
          expect([res.status, res.code], `${target.name} accepted a token signed with a subgraph's key (iss ${iss})`).toEqual([401, "UNAUTHENTICATED"]);
        }
      }
      const asCaller = await new SignJWT({ scope: "approvals:decide admin" })
        .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid: jwk.kid })
        .setIssuer(DEV_ISSUER)
        .setAudience("ai-lineage-api")
        .setSubject("mallory")
        .setIssuedAt()
        .setExpirationTime("60s")
        .sign(await importJWK({ ...jwk, alg: "EdDSA" }, "EdDSA"));
      expect((await ask(stack.gateway.url, asCaller)).code).toBe("UNAUTHENTICATED");
    }
  });

  it("the same token signed with the gateway's internal key is accepted (the check above can fail)", async () => {
    const internal = privateJwks(environOf(stack.gateway.pid)).INTERNAL_SIGNING_JWK;
    for (const name of SUBGRAPHS) {
      const target = stack.subgraphs.find((s) => s.name === name)!;
      expect(await ask(target.url, await internalShaped(internal, name))).toMatchObject({ status: 200, data: { __typename: "Query" } });
    }
  });
});
