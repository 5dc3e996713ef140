import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

// POST /ingest/decisions through the gateway: the bulk route beside recordDecisions.
let stack: Stack;
let base: string;
let writer: string;
let auditor: string;
let mv: string;

const ingest = (body: string, bearer: string | null = writer) =>
  fetch(`${base}/ingest/decisions`, { method: "POST", headers: { "content-type": "application/x-ndjson", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) }, body });
const line = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, modelVersionId: mv, occurredAt: "2026-03-01T10:00:00Z", inputDigest: `sha256:${"a".repeat(64)}`, output: { score: 0.7 }, ...extra });
const events = async () =>
  ok(await gql(stack.gateway.url, auditor, `query($s: String) { auditEvents(subject: $s, first: 500) { operation } }`, { s: mv })).auditEvents.filter(
    (e: { operation: string }) => e.operation === "recordDecisions",
  );

beforeAll(async () => {
  stack = await startTestStack();
  base = new URL(stack.gateway.url).origin;
  [writer, auditor] = await Promise.all([token(uniq("pipeline"), "lineage:write lineage:read"), token(uniq("auditor"), "audit:read lineage:read")]);
  const m = async (q: string, v: Record<string, unknown>) => ok(await gql(stack.gateway.url, writer, q, v));
  const sys = (await m(`mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("ingest-sys"), version: "1", intendedPurpose: "score loans", providerName: "Acme", riskCategory: "HIGH" },
  })).registerAISystem.id;
  const model = (await m(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys, name: "scorer" } })).registerModel.id;
  mv = (await m(`mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model, version: "1", artifactDigest: `sha256:${"b".repeat(64)}` } }))
    .registerModelVersion.id;
}, 240_000);
afterAll(() => stack?.stop());

describe("POST /ingest/decisions", () => {
  it("stores a batch with one audit event, and a replay stores nothing new", async () => {
    const ids = Array.from({ length: 50 }, (_, i) => uniq(`bulk-${i}`));
    const body = ids.map((id) => line(id)).join("\n") + "\n\n";
    const first = await ingest(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 50, duplicates: 0 });
    const { decision } = ok(await gql(stack.gateway.url, writer, `query($id: ID!) { decision(id: $id) { id output modelVersion { id } } }`, { id: ids[7] }));
    expect(decision).toEqual({ id: ids[7], output: { score: 0.7 }, modelVersion: { id: mv } });
    expect(await events()).toHaveLength(1);

    const replay = await ingest(body);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ accepted: 0, duplicates: 50 });
    expect(await events()).toHaveLength(1);
  });

  it("rejects a bad line with 400 naming it, and stores none of the batch", async () => {
    const good = uniq("good");
    for (const [bad, problem] of [
      ["{not json", "line 2: is not valid JSON"],
      [line(uniq("x"), { occurredAt: "yesterday" }), "line 2.occurredAt"],
      [line(uniq("x"), { inputDigest: "md5:1" }), "line 2.inputDigest"],
    ]) {
      const res = await ingest([line(good), bad].join("\n"));
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe("BAD_USER_INPUT");
      expect(body.error.message).toContain(problem);
    }
    const missing = await ingest(line(uniq("y"), { modelVersionId: "no-such-version" }));
    expect(missing.status).toBe(404);
    expect(ok(await gql(stack.gateway.url, writer, `query($id: ID!) { decision(id: $id) { id } }`, { id: good })).decision).toBeNull();
  });

  it("401 without a token, 403 without lineage:write, 413 over the limits", async () => {
    expect((await ingest(line(uniq("z")), null)).status).toBe(401);
    const reader = await token(uniq("reader"), "lineage:read");
    const forbidden = await ingest(line(uniq("z")), reader);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("FORBIDDEN");
    const tooMany = Array.from({ length: 10_001 }, (_, i) => line(`many-${i}`)).join("\n");
    expect((await ingest(tooMany)).status).toBe(413);
    const tooBig = line(uniq("big"), { explanation: "x".repeat(33 * 1024 * 1024) });
    expect((await ingest(tooBig)).status).toBe(413);
  });
});
