// type-graphql needs the Reflect metadata polyfill before any decorated class loads, whatever the import order.
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { REQUEST_BOUND_MS, type BatchOutcome } from "./support/fault-load.js";
import { lastJsonLine, runTsx } from "./support/fault-process.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

/** Text that would tell a caller about our insides. */
const INTERNALS = /ECONNREFUSED|127\.0\.0\.1|localhost|:\d{4,5}\b|at .*\(|Neo4j|Cypher|stack/i;

describe("a subgraph down", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack({ private: true });
  });
  afterAll(() => stack?.stop());

  it("answers the rest; the failed part is null with an error that leaks nothing", async () => {
    const writer = await token("pipeline", "lineage:write lineage:read");
    const created = await gql(stack.gateway.url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
      i: { name: uniq("fraud"), version: "1", intendedPurpose: "flag card fraud", providerName: "Acme", riskCategory: "HIGH" },
    });
    expect(created.errors).toBeUndefined();
    const sysId = created.data!.registerAISystem.id;

    await stack.subgraphs.find((s) => s.name === "gpu")!.stop();
    const res = await gql(stack.gateway.url, writer, `query($sys: ID!) { aiSystem(id: $sys) { id name } site(id: "site_any") { id name } }`, { sys: sysId });
    expect(res.status).toBe(200);
    expect(res.data!.aiSystem).toMatchObject({ id: sysId });
    expect(res.data!.site).toBeNull();
    expect(res.errors).toHaveLength(1);
    const [err] = res.errors!;
    expect(err.path).toEqual(["site"]);
    expect(err).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(JSON.stringify(err)).not.toMatch(INTERNALS);
  });
});

interface RestartReport {
  skipped?: string;
  batchSize: number;
  timeline: { stopRequested: number; stopped: number; startRequested: number; ready: number };
  outcomes: Omit<BatchOutcome, "ids">[];
  storedBeforeResend: Record<number, number>;
  storedAfterResend: Record<number, number>;
  decisionsStoredTwice: number;
  resent: { batch: number; n: number; before: number; ok: boolean; accepted?: number; duplicates?: number; code?: string }[];
  eventsPerBatch: Record<number, number>;
  chain: { verified: boolean; firstBrokenSeq: number | null };
}

describe("Neo4j stopped and restarted under write load", () => {
  // Its own Neo4j and stack in a child process: runtime/db.ts holds one driver per process.
  it("keeps every acknowledged batch exactly once; the others fail cleanly and complete when sent again", async (ctx) => {
    const out = await runTsx("test/support/fault-neo4j-restart.ts", [], { TEST_SERVICES_BUILD: inject("servicesBuild") }, 15 * 60_000);
    const r = lastJsonLine<RestartReport>(out);
    if (r.skipped) return ctx.skip(r.skipped);
    expect(out.code, out.stderr.slice(-4000)).toBe(0);

    const acked = r.outcomes.filter((o) => o.ok);
    const failed = r.outcomes.filter((o) => !o.ok);
    // The load really ran across the outage.
    expect(r.outcomes.some((o) => o.sentAt >= r.timeline.stopRequested && o.sentAt <= r.timeline.ready)).toBe(true);
    expect(acked.filter((o) => o.sentAt > r.timeline.ready).length).toBeGreaterThan(0);

    // Acknowledged: all of the batch is there, once.
    for (const o of acked) {
      expect(o).toMatchObject({ accepted: r.batchSize, duplicates: 0 });
      expect(r.storedBeforeResend[o.batch]).toBe(r.batchSize);
      expect(r.eventsPerBatch[o.batch]).toBe(1);
    }
    expect(r.decisionsStoredTwice).toBe(0);

    // Failed: an error with a code, within the bound; a batch is all in or all out.
    for (const o of failed) {
      expect(o.timedOut ?? false).toBe(false);
      expect(o.transport).toBeUndefined();
      expect(o.code).toBe("INTERNAL_SERVER_ERROR"); // masked: the contract's code, no driver text
      expect(o.retryable).toBe(true); // but marked as worth sending again
      expect(o.message).not.toMatch(INTERNALS);
      expect(o.ms).toBeLessThan(REQUEST_BOUND_MS);
      expect([0, r.batchSize]).toContain(r.storedBeforeResend[o.batch]);
    }

    // Sent again: completes, counting what had got in as duplicates; one audit event per effect.
    expect(r.resent.map((x) => x.batch).sort()).toEqual(failed.map((o) => o.batch).sort());
    for (const x of r.resent) {
      expect(x).toMatchObject({ ok: true, accepted: x.n - x.before, duplicates: x.before });
      expect(r.eventsPerBatch[x.batch] ?? 0).toBe((x.before > 0 ? 1 : 0) + (x.accepted! > 0 ? 1 : 0));
    }
    for (const o of r.outcomes) expect(r.storedAfterResend[o.batch]).toBe(r.batchSize);
    expect(r.chain).toMatchObject({ verified: true, firstBrokenSeq: null });
  }, 20 * 60_000);
});
