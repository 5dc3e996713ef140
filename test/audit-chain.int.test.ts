// type-graphql needs the Reflect metadata polyfill before any decorated class loads (the gpu store maps to its GraphQL classes).
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as gpu from "../subgraphs/gpu/store.js";
import { consistentHead, verifyChain } from "../subgraphs/compliance/audit/store.js";
import { write } from "../runtime/db.js";
import { connectTestDb, ctxFor, disconnect } from "./support/db.js";
import { uniq } from "./support/uniq.js";

beforeAll(connectTestDb);
afterAll(disconnect);

/** Tampering behind the API's back, through the executor so whole numbers stay Cypher INTEGERs (as appendAudit wrote them). */
const cypher = <T = Record<string, any>>(text: string, params: Record<string, unknown> = {}) =>
  write({ op: "test tamper" }, (tx) => tx.run({ cypher: text, params })) as Promise<T[]>;

const site = (name: string) => ({ name, country: "DE", sovereigntyZone: "EU", kind: "ON_PREM" as never, operator: null });

describe("audit hash chain", () => {
  it("gets one event per effect and stays one chain under 30 concurrent writers", async () => {
    const before = (await verifyChain(ctxFor("auditor"))).length;
    const names = Array.from({ length: 30 }, () => uniq("site"));
    await Promise.all(names.map((n) => gpu.registerSite(ctxFor("ops", ["admin"]), site(n))));
    // Replays of the same registration change nothing and write no event.
    await Promise.all(names.slice(0, 10).map((n) => gpu.registerSite(ctxFor("ops", ["admin"]), site(n))));
    const after = await verifyChain(ctxFor("auditor"));
    expect(after).toMatchObject({ verified: true, firstBrokenSeq: null });
    expect(after.length).toBe(before + 30);
    const events = await cypher<{ n: number }>("MATCH (e:AuditEvent {operation: 'registerSite'}) WHERE e.seq > $s RETURN count(e) AS n", { s: before });
    expect(events[0].n).toBe(30);
  });

  it("reports no break while writers append during the check", async () => {
    let writing = true;
    const writers = Promise.all(Array.from({ length: 60 }, () => gpu.registerSite(ctxFor("ops", ["admin"]), site(uniq("site"))))).finally(() => (writing = false));
    const checks = [];
    while (writing) checks.push(await verifyChain(ctxFor("auditor")));
    await writers;
    for (const c of checks) expect(c).toMatchObject({ verified: true, firstBrokenSeq: null });
    expect(await verifyChain(ctxFor("auditor"))).toMatchObject({ verified: true });
  });

  it("writes nothing, not even an event, when the mutation fails", async () => {
    const before = (await verifyChain(ctxFor("auditor"))).length;
    await expect(gpu.registerCluster(ctxFor("ops", ["admin"]), { siteId: "site_does_not_exist", name: "c", gpuModel: "H100", gpuCount: 8 })).rejects.toMatchObject({
      extensions: { code: "NOT_FOUND" },
    });
    expect((await verifyChain(ctxFor("auditor"))).length).toBe(before);
  });

  it("names the first broken sequence number when an event is edited or deleted in Neo4j", async () => {
    await gpu.registerSite(ctxFor("ops", ["admin"]), site(uniq("site")));
    const { length } = await verifyChain(ctxFor("auditor"));
    const victim = length - 1 > 0 ? length - 1 : length;
    const [orig] = await cypher<{ actor: string }>("MATCH (e:AuditEvent {seq: $s}) RETURN e.actor AS actor", { s: victim });
    try {
      await cypher("MATCH (e:AuditEvent {seq: $s}) SET e.actor = 'mallory'", { s: victim });
      expect(await verifyChain(ctxFor("auditor"))).toMatchObject({ verified: false, firstBrokenSeq: victim });
    } finally {
      await cypher("MATCH (e:AuditEvent {seq: $s}) SET e.actor = $a", { s: victim, a: orig.actor });
    }
    const [props] = await cypher<{ p: Record<string, unknown> }>("MATCH (e:AuditEvent {seq: $s}) RETURN properties(e) AS p", { s: victim });
    try {
      await cypher("MATCH (e:AuditEvent {seq: $s}) DELETE e", { s: victim });
      expect(await verifyChain(ctxFor("auditor"))).toMatchObject({ verified: false, firstBrokenSeq: victim });
    } finally {
      await cypher("CREATE (e:AuditEvent) SET e = $p", { p: props.p });
    }
    expect(await verifyChain(ctxFor("auditor"))).toMatchObject({ verified: true });
  });

  it("names head + 1 when an event is planted above the head or the head is rolled back", async () => {
    await gpu.registerSite(ctxFor("ops", ["admin"]), site(uniq("site")));
    const { length, headHash } = await verifyChain(ctxFor("auditor"));
    await cypher("CREATE (e:AuditEvent {seq: $s, at: '2026-01-01T00:00:00.000Z', actor: 'mallory', operation: 'x', variablesDigest: 'x', subjects: [], prevHash: $p, hash: 'x'})", { s: length + 1, p: headHash });
    try {
      expect(await verifyChain(ctxFor("auditor"))).toMatchObject({ verified: false, firstBrokenSeq: length + 1 });
    } finally {
      await cypher("MATCH (e:AuditEvent {seq: $s, actor: 'mallory'}) DELETE e", { s: length + 1 });
    }
    const [prev] = await cypher<{ hash: string }>("MATCH (e:AuditEvent {seq: $s}) RETURN e.hash AS hash", { s: length - 1 });
    await cypher("MATCH (h:AuditHead {id: 'audit'}) SET h.seq = $s, h.hash = $h", { s: length - 1, h: prev.hash });
    try {
      expect(await verifyChain(ctxFor("auditor"))).toMatchObject({ verified: false, firstBrokenSeq: length });
    } finally {
      await cypher("MATCH (h:AuditHead {id: 'audit'}) SET h.seq = $s, h.hash = $h", { s: length, h: headHash });
    }
    expect(await verifyChain(ctxFor("auditor"))).toMatchObject({ verified: true });
  });

  it("refuses to sign a head that its log does not end with", async () => {
    await gpu.registerSite(ctxFor("ops", ["admin"]), site(uniq("site")));
    const { length, headHash } = await verifyChain(ctxFor("auditor"));
    expect(await consistentHead(ctxFor("auditor"))).toEqual({ seq: length, hash: headHash });
    await cypher("MATCH (h:AuditHead {id: 'audit'}) SET h.hash = $h", { h: "f".repeat(64) });
    try {
      await expect(consistentHead(ctxFor("auditor"))).rejects.toMatchObject({ extensions: { code: "CONFLICT" } });
      expect(await verifyChain(ctxFor("auditor"))).toMatchObject({ verified: false, firstBrokenSeq: length });
    } finally {
      await cypher("MATCH (h:AuditHead {id: 'audit'}) SET h.hash = $h", { h: headHash });
    }
  });
});
