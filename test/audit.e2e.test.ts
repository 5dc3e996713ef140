// type-graphql needs the Reflect metadata polyfill before any decorated class loads, whatever the import order.
import "reflect-metadata";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventHash, variablesDigest, type StoredAuditEvent } from "../runtime/audit.js";
import { write } from "../runtime/db.js";
import type { Stack } from "../launcher/stack.js";
import { decisionsDigest } from "../runtime/domain/decision-digest.js";
import { batchIds } from "./support/fault-load.js";
import { runTsx } from "./support/fault-process.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

let stack: Stack;
let url: string;
let auditor: string;
let tmp: string;

beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
  auditor = await token("auditor", "audit:read lineage:read");
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "audit-e2e-"));
});
afterAll(async () => {
  await stack?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

const EVENT = "seq at actor clientId operation variablesDigest subjects prevHash hash";
const EVENTS = `query($actor: String, $subject: String, $from: DateTime, $to: DateTime, $first: Int, $after: Int) {
  auditEvents(actor: $actor, subject: $subject, from: $from, to: $to, first: $first, afterSeq: $after) { ${EVENT} } }`;
const INTEGRITY = `query($cp: String) { auditIntegrity(checkpoint: $cp) { verified length headHash firstBrokenSeq extendsCheckpoint } }`;
const REGISTER_DATASET = `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`;

const events = async (vars: Record<string, unknown>): Promise<StoredAuditEvent[]> => ok(await gql(url, auditor, EVENTS, vars)).auditEvents;
const integrity = async (cp?: string) => ok(await gql(url, auditor, INTEGRITY, { cp })).auditIntegrity;
/** Statements behind the API's back, through the executor (whole numbers stay Cypher INTEGERs). */
const raw = (cypher: string, params: Record<string, unknown> = {}) => write({ op: "test tamper" }, (tx) => tx.run({ cypher, params }));
const verifyCli = (file: string) =>
  runTsx("tools/audit-verify.ts", ["--checkpoint", file], { LINEAGE_URL: url.replace(/\/graphql$/, ""), DATA_DIR: process.env.DATA_DIR! }, 180_000);

async function newModelVersion(writer: string): Promise<string> {
  const sys = ok(await gql(url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("audit-sys"), version: "1", intendedPurpose: "rank claims", providerName: "Acme", riskCategory: "HIGH" },
  })).registerAISystem;
  const model = ok(await gql(url, writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "ranker" } })).registerModel;
  return ok(await gql(url, writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
    i: { modelId: model.id, version: "1.0.0", artifactDigest: `sha256:${"e".repeat(64)}` },
  })).registerModelVersion.id;
}

describe("audit log through the gateway", () => {
  it("logs each effect with its actor, operation, subjects and a digest of the variables", async () => {
    const actor = uniq("pipeline");
    const writer = await token(actor, "lineage:write lineage:read");
    const name = uniq("claims");
    const ds = ok(await gql(url, writer, REGISTER_DATASET, { i: { name } })).registerDataset;
    ok(await gql(url, writer, REGISTER_DATASET, { i: { name } })); // a replay changes nothing, so logs nothing
    const [e, ...more] = await events({ actor });
    expect(more).toEqual([]);
    expect(e).toMatchObject({ actor, clientId: null, operation: "registerDataset", subjects: [ds.id], variablesDigest: variablesDigest({ name }) });
    expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(e.hash).toBe(eventHash(e));
    const [before] = await events({ after: e.seq - 2, first: 1 });
    expect(e.prevHash).toBe(e.seq === 1 ? "0".repeat(64) : before.hash);
  });

  it("filters by actor, subject and time, and pages in sequence order", async () => {
    const actor = uniq("pipeline");
    const writer = await token(actor, "lineage:write");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(ok(await gql(url, writer, REGISTER_DATASET, { i: { name: uniq("page") } })).registerDataset.id);
    const all = await events({ actor });
    expect(all.map((e) => e.subjects[0])).toEqual(ids);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));

    expect((await events({ subject: ids[2] })).map((e) => e.seq)).toEqual([all[2].seq]);
    const [from, to] = [all[1].at, all[4].at];
    const window = await events({ actor, from: from.replace("Z", "+00:00"), to });
    expect(window.map((e) => e.seq)).toEqual(all.filter((e) => e.at >= from && e.at < to).map((e) => e.seq));
    expect(window.length).toBeGreaterThanOrEqual(1);

    const pages: StoredAuditEvent[][] = [];
    for (let after = 0; ; ) {
      const page = await events({ actor, first: 2, after });
      if (page.length === 0) break;
      pages.push(page);
      after = page.at(-1)!.seq;
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(all);
  });

  it("refuses the audit log without audit:read", async () => {
    const reader = await token("frontend", "lineage:read lineage:write");
    for (const [field, q] of [["auditEvents", `{ auditEvents { seq } }`], ["auditIntegrity", `{ auditIntegrity { verified } }`], ["auditCheckpoint", `{ auditCheckpoint { jws } }`]]) {
      const res = await gql(url, reader, q);
      expect(res.errors?.[0].extensions?.code, q).toBe("FORBIDDEN");
      expect(res.data?.[field] ?? null).toBeNull();
    }
  });
});

const eventsOf = async (operation: string, subject: string) => (await events({ subject, first: 500 })).filter((e) => e.operation === operation);

describe("the same mutation 50 times at once", () => {
  const N = 50;

  it("registerDataset: one dataset, one event", async () => {
    const writer = await token(uniq("pipeline"), "lineage:write");
    const name = uniq("replayed");
    const answers = await Promise.all(Array.from({ length: N }, () => gql(url, writer, REGISTER_DATASET, { i: { name } })));
    const ids = new Set(answers.map((a) => ok(a).registerDataset.id));
    expect(ids.size).toBe(1);
    expect(await eventsOf("registerDataset", [...ids][0])).toHaveLength(1);
  }, 180_000);

  it("decideApproval: one approval, one event", async () => {
    const mv = await newModelVersion(await token(uniq("pipeline"), "lineage:write"));
    const approver = await token(uniq("approver"), "approvals:decide lineage:read"); // lineage:read: reads seq back
    const input = { subjectId: mv, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "validation report VR-9 reviewed" };
    const answers = await Promise.all(
      Array.from({ length: N }, () => gql(url, approver, `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { id seq } }`, { i: input })),
    );
    const approvals = new Set(answers.map((a) => JSON.stringify(ok(a).decideApproval)));
    expect([...approvals]).toHaveLength(1);
    const { id, seq } = JSON.parse([...approvals][0]);
    expect(seq).toBe(1);
    const logged = await eventsOf("decideApproval", mv);
    expect(logged).toHaveLength(1);
    expect(logged[0].subjects).toContain(id);
    expect(logged[0].variablesDigest).toBe(variablesDigest({ ...input, conditions: [] }));
  }, 180_000);

  it("recordDecisions: every decision once, one event per batch that stored any", async () => {
    const writer = await token(uniq("pipeline"), "lineage:write");
    const mv = await newModelVersion(writer);
    const ids = batchIds(uniq("dec"), 0, 20);
    const decisions = ids.map((id) => ({ id, modelVersionId: mv, occurredAt: "2026-03-01T10:00:00Z", inputDigest: `sha256:${"f".repeat(64)}`, output: { ok: true } }));
    const answers = await Promise.all(
      Array.from({ length: N }, () => gql(url, writer, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted duplicates } }`, { d: decisions })),
    );
    const payloads = answers.map((a) => ok(a).recordDecisions as { accepted: number; duplicates: number });
    for (const p of payloads) expect(p.accepted + p.duplicates).toBe(ids.length);
    expect(payloads.reduce((s, p) => s + p.accepted, 0)).toBe(ids.length);
    const [{ n }] = await raw(`MATCH (d:Decision) WHERE d.id IN $ids RETURN count(d) AS n`, { ids });
    expect(n).toBe(ids.length);
    // The one event covers the content of the decisions it created: each carries its digest.
    const digests = (await raw(`MATCH (d:Decision) WHERE d.id IN $ids RETURN DISTINCT d.auditDigest AS g`, { ids })).map((r) => r.g);
    expect(digests).toHaveLength(1);
    const logged = (await eventsOf("recordDecisions", mv)).filter((e) => digests.includes(e.variablesDigest));
    expect(logged).toHaveLength(payloads.filter((p) => p.accepted > 0).length);
    expect(logged).toHaveLength(1);
    const stored = await raw(`MATCH (d:Decision) WHERE d.id IN $ids RETURN properties(d) AS p`, { ids });
    expect(logged[0].variablesDigest).toBe(decisionsDigest(stored.map((r) => r.p as { id: string })));
  }, 180_000);
});

describe("tamper evidence", () => {
  it("names an event edited or deleted directly in Neo4j", async () => {
    ok(await gql(url, await token(uniq("pipeline"), "lineage:write"), REGISTER_DATASET, { i: { name: uniq("victim") } }));
    const { length } = await integrity();
    const victim = Math.max(length - 1, 1);
    const [{ p }] = await raw(`MATCH (e:AuditEvent {seq: $s}) RETURN properties(e) AS p`, { s: victim });
    try {
      await raw(`MATCH (e:AuditEvent {seq: $s}) SET e.actor = 'mallory'`, { s: victim });
      expect(await integrity()).toMatchObject({ verified: false, firstBrokenSeq: victim });
      await raw(`MATCH (e:AuditEvent {seq: $s}) DELETE e`, { s: victim });
      expect(await integrity()).toMatchObject({ verified: false, firstBrokenSeq: victim });
    } finally {
      await raw(`MERGE (e:AuditEvent {seq: $s}) SET e = $p`, { s: victim, p });
    }
    expect(await integrity()).toMatchObject({ verified: true, firstBrokenSeq: null });
  });

  it("names the recordDecisions event whose stored decision output was edited afterwards", async () => {
    const writer = await token(uniq("pipeline"), "lineage:write");
    const mv = await newModelVersion(writer);
    const ids = batchIds(uniq("tamper"), 0, 3);
    const decisions = ids.map((id) => ({ id, modelVersionId: mv, occurredAt: "2026-03-02T10:00:00Z", inputDigest: `sha256:${"e".repeat(64)}`, output: { score: 0.2 } }));
    ok(await gql(url, writer, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, { d: decisions }));
    const [event] = await eventsOf("recordDecisions", mv);
    expect(await integrity()).toMatchObject({ verified: true, firstBrokenSeq: null });
    const [{ before }] = await raw(`MATCH (d:Decision {id: $id}) RETURN d.outputJson AS before`, { id: ids[1] });
    try {
      await raw(`MATCH (d:Decision {id: $id}) SET d.outputJson = '{"score":0.9}'`, { id: ids[1] });
      expect(await integrity()).toMatchObject({ verified: false, firstBrokenSeq: event.seq });
      await raw(`MATCH (d:Decision {id: $id}) DETACH DELETE d`, { id: ids[2] });
      expect(await integrity()).toMatchObject({ verified: false, firstBrokenSeq: event.seq });
    } finally {
      await raw(`MATCH (d:Decision {id: $id}) SET d.outputJson = $before`, { id: ids[1], before });
      const [{ p }] = await raw(`MATCH (d:Decision {id: $id}) RETURN properties(d) AS p`, { id: ids[1] });
      // The deleted one had the same content as its neighbour but for its id.
      await raw(`CREATE (d:Decision) SET d = $p`, { p: { ...(p as object), id: ids[2] } });
    }
    expect(await integrity()).toMatchObject({ verified: true, firstBrokenSeq: null });
  });

  it("a kept checkpoint verifies; a consistent rewrite of chain and head passes the self-check but fails against the checkpoint", async () => {
    const writer = await token(uniq("pipeline"), "lineage:write");
    ok(await gql(url, writer, REGISTER_DATASET, { i: { name: uniq("before-cp") } }));
    const cp = ok(await gql(url, auditor, `{ auditCheckpoint { length headHash at jws } }`)).auditCheckpoint;
    const file = path.join(tmp, "checkpoint.json");
    await fs.writeFile(file, JSON.stringify(cp));
    for (let i = 0; i < 2; i++) ok(await gql(url, writer, REGISTER_DATASET, { i: { name: uniq("after-cp") } }));

    const good = await verifyCli(file);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^OK: /m);
    expect(await integrity(cp.jws)).toMatchObject({ verified: true, extendsCheckpoint: true });

    // The attacker rewrites the actor of the checkpoint's last event and re-hashes everything after it, head included.
    const saved = (await raw(`MATCH (e:AuditEvent) WHERE e.seq >= $s RETURN properties(e) AS p ORDER BY e.seq`, { s: cp.length })).map((r) => r.p as StoredAuditEvent);
    const [headBefore] = await raw(`MATCH (h:AuditHead {id: 'audit'}) RETURN h.seq AS seq, h.hash AS hash`);
    let prev = saved[0].prevHash;
    const forged = saved.map((e, i) => {
      const f = { ...e, actor: i === 0 ? "mallory" : e.actor, prevHash: prev };
      prev = f.hash = eventHash(f);
      return f;
    });
    try {
      await raw(`UNWIND $events AS f MATCH (e:AuditEvent {seq: f.seq}) SET e = f`, { events: forged });
      await raw(`MATCH (h:AuditHead {id: 'audit'}) SET h.hash = $h`, { h: prev });
      expect(await integrity()).toMatchObject({ verified: true, headHash: prev });
      expect(await integrity(cp.jws)).toMatchObject({ verified: true, extendsCheckpoint: false });
      const bad = await verifyCli(file);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(new RegExp(`^FAIL: event ${cp.length} no longer has the checkpoint's hash`, "m"));
    } finally {
      await raw(`UNWIND $events AS f MATCH (e:AuditEvent {seq: f.seq}) SET e = f`, { events: saved });
      await raw(`MATCH (h:AuditHead {id: 'audit'}) SET h.seq = $seq, h.hash = $hash`, headBefore);
    }
    expect(await integrity(cp.jws)).toMatchObject({ verified: true, extendsCheckpoint: true });
  }, 300_000);
});

// Moved from hardening.e2e (issue 10): it breaks the run-wide chain for a moment, so it runs in the serial group.
describe("auditCheckpoint refuses a broken chain", () => {
  it("names the first broken event instead of signing", async () => {
    const writer = await token(uniq("pipeline"), "lineage:write");
    ok(await gql(url, writer, REGISTER_DATASET, { i: { name: uniq("cp-victim") } }));
    const { length } = ok(await gql(url, auditor, `{ auditIntegrity { length } }`)).auditIntegrity;
    const victim = Math.max(length - 1, 1);
    const [{ actor }] = await raw(`MATCH (e:AuditEvent {seq: $s}) RETURN e.actor AS actor`, { s: victim });
    try {
      await raw(`MATCH (e:AuditEvent {seq: $s}) SET e.actor = 'mallory'`, { s: victim });
      const res = await gql(url, auditor, `{ auditCheckpoint { jws } }`);
      expect(res.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", firstBrokenSeq: victim });
      expect(res.errors?.[0].message).toContain(`event ${victim}`);
    } finally {
      await raw(`MATCH (e:AuditEvent {seq: $s}) SET e.actor = $a`, { s: victim, a: actor });
    }
    expect(ok(await gql(url, auditor, `{ auditCheckpoint { length } }`)).auditCheckpoint.length).toBeGreaterThanOrEqual(length);
  });
});
