import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as gpu from "../subgraphs/gpu/store.js";
import { verifyChain } from "../subgraphs/compliance/audit-store.js";
import { connectTestDb, ctxFor, cypher, disconnect } from "./support/db.js";
import { uniq } from "./support/uniq.js";

beforeAll(connectTestDb);
afterAll(disconnect);

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
});
