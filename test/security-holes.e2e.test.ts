// The three holes found by probing (issue 10), each replayed through the real gateway over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

let stack: Stack;
let url: string;
let writer: string;
let approver: string;

beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
  writer = await token("pipeline", "lineage:write lineage:read");
  approver = await token("bob", "approvals:decide lineage:read");
});
afterAll(() => stack?.stop());


/** A system with one model, one version, one decision (personal data in its output) and one approval. */
async function world() {
  const systemId = ok(await gql(url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("probe-sys"), version: "1", intendedPurpose: "score loans", providerName: "Acme", riskCategory: "HIGH" },
  })).registerAISystem.id as string;
  const modelName = uniq("probe-model");
  const modelId = ok(await gql(url, writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId, name: modelName } })).registerModel.id as string;
  const mvId = ok(await gql(url, writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
    i: { modelId, version: "1.0.0", artifactDigest: `sha256:${"c".repeat(64)}` },
  })).registerModelVersion.id as string;
  ok(await gql(url, writer, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, {
    d: [{ id: uniq("dec"), modelVersionId: mvId, occurredAt: "2026-01-05T10:00:00Z", inputDigest: `sha256:${"d".repeat(64)}`, output: { applicant: "Jane Roe", score: 0.12 } }],
  }));
  ok(await gql(url, approver, `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id } }`, {
    i: { subjectId: mvId, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "secret-rationale: validation VR-9 reviewed" },
  }));
  return { systemId, modelName, modelId };
}

/** `fragment F<levels> on AISystem { ...F<levels-1> ...F<levels-1> }` down to F0 = { id }: 2^levels fields once expanded, ~1 KB of text. */
function fragmentBomb(levels: number): string {
  const defs = ["fragment F0 on AISystem { id }"];
  for (let i = 1; i <= levels; i++) defs.push(`fragment F${i} on AISystem { ...F${i - 1} ...F${i - 1} }`);
  return `{ aiSystem(id: "x") { ...F${levels} } } ${defs.join(" ")}`;
}

describe("hole 1: a fragment bomb is refused before anything walks it", () => {
  it("refuses 30 levels of nested spreads at once, and /healthz sent alongside is answered before the bomb's reply", async () => {
    // Any valid token, no scope at all: the limits come before every other check.
    const nobody = await token("nobody", "");
    const bomb = fragmentBomb(30);
    expect(bomb.length).toBeLessThan(2000);
    const order: string[] = [];
    const bombReply = gql(url, nobody, bomb).then((r) => (order.push("bomb"), r));
    const health = fetch(`http://127.0.0.1:${stack.gateway.port}/healthz`).then(async (r) => (order.push("healthz"), r.status));
    const [res, healthStatus] = await Promise.all([bombReply, health]);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "cost" });
    expect(res.data ?? null).toBeNull();
    expect(healthStatus).toBe(200);
    expect(order).toEqual(["healthz", "bomb"]);
    // Depth counts through fragments too: 13 fields nested inside fragments is over the limit of 12.
    let deep = "fragment D0 on AISystem { id }";
    for (let i = 1; i <= 6; i++) deep += ` fragment D${i} on AISystem { models { system { ...D${i - 1} } } }`;
    const depth = await gql(url, nobody, `{ aiSystem(id: "x") { ...D6 } } ${deep}`);
    expect(depth.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "depth", max: 12 });
  });
});

describe("hole 2: the cost limit uses coerced variables (defaults applied)", () => {
  it("refuses versions(first: $n) decisions(first: $n) with $n defaulting to 5000, sent without variables", async () => {
    const { systemId } = await world();
    const reader = await token("frontend", "lineage:read");
    const q = (n: number) => `query($n: Int = ${n}, $id: ID!) { aiSystem(id: $id) { models { versions(first: $n) { decisions(first: $n) { id } } } } }`;
    const res = await gql(url, reader, q(5000), { id: systemId });
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "cost", max: 100000 });
    expect(res.data ?? null).toBeNull();
    // An explicit value wins over the default, both ways.
    expect((await gql(url, reader, q(5000), { id: systemId, n: 2 })).errors).toBeUndefined();
    expect((await gql(url, reader, q(2), { id: systemId, n: 5000 })).errors?.[0].extensions?.limit).toBe("cost");
    // A small default runs and returns the graph.
    const small = ok(await gql(url, reader, q(2), { id: systemId })).aiSystem;
    expect(small.models[0].versions[0].decisions).toHaveLength(1);
  });
});

describe("hole 3: a write-only token reads nothing through mutation payloads", () => {
  it("the issue's registerModel probe gets FORBIDDEN on system and no decision output or rationale", async () => {
    const { systemId, modelName, modelId } = await world();
    const writeOnly = await token("ingest", "lineage:write");
    const probe = `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id system { models { versions { decisions { output } approvals { rationale } } } } } }`;
    const res = await gql(url, writeOnly, probe, { i: { systemId, name: modelName } });
    // The written record's id comes back; everything else it leads to is refused.
    expect(res.data?.registerModel).toEqual({ id: modelId, system: null });
    expect(res.errors?.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual([["registerModel.system", "FORBIDDEN"]]);
    const body = JSON.stringify(res);
    expect(body).not.toContain("Jane Roe");
    expect(body).not.toContain("secret-rationale");
    // Its own fields other than id need lineage:read too (an existing record is returned as stored).
    const own = await gql(url, writeOnly, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id name } }`, { i: { systemId, name: modelName } });
    expect(own.data?.registerModel).toEqual({ id: modelId, name: null });
    expect(own.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    // The same probe with lineage:read does see the data: the refusal is about the scope.
    const full = ok(await gql(url, writer, probe, { i: { systemId, name: modelName } })).registerModel;
    expect(JSON.stringify(full)).toContain("Jane Roe");
    expect(JSON.stringify(full)).toContain("secret-rationale");
  });

  it("other payloads and entities are cut the same way (recordDeployment, decideApproval without lineage:read)", async () => {
    const { modelId } = await world();
    const writeOnly = await token("ingest", "lineage:write");
    const mv = await gql(url, writeOnly, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id model { id name } decisions { output } } }`, {
      i: { modelId, version: "2.0.0", artifactDigest: `sha256:${"e".repeat(64)}` },
    });
    expect(mv.data?.registerModelVersion?.id).toEqual(expect.any(String));
    expect(mv.data?.registerModelVersion?.model ?? null).toBeNull();
    expect(new Set(mv.errors?.map((e) => e.extensions?.code))).toEqual(new Set(["FORBIDDEN"]));
    expect(JSON.stringify(mv)).not.toContain("Jane Roe");
  });
});
