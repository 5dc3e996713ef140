import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { verifyLog } from "../site-recorder/verify.js";
import { cypher } from "./support/db.js";
import { stack, admin, reader, mv, link, digest, decision, post, site, status, caughtUp, gauge, central, useCentralStack } from "./support/site-central.js";
import { gql, ok, token } from "./support/stack.js";

// A site recorder forwarding to the real central stack: outages, crashes, refusals, tampering and
// quota (test/support/site-central.ts). What the centre makes of the reports: site-recorder-central.e2e.
useCentralStack();

describe("site recorder -> centre", () => {
  it("link down: 10,000 decisions recorded at the site arrive once each, in order, and the gap view is empty", async () => {
    const N = 10_000;
    const s = await site();
    link.down();
    const r = await s.start();
    const ids = Array.from({ length: N }, (_, i) => `${s.siteId}-${String(i + 1).padStart(5, "0")}`);
    for (let i = 0; i < N; i += 1000) expect((await post(r, ids.slice(i, i + 1000).map((id) => decision(id)))).accepted).toBe(1000);
    const ready = await (await fetch(`${r.url}/readyz`)).json();
    expect(ready).toMatchObject({ lastSequence: N, acknowledgedSequence: 0, backlog: N });
    expect(await status(s.siteId)).toBeNull();

    link.up();
    const view = await caughtUp(s.siteId, N);
    expect(view).toMatchObject({ lastSequence: N, backlog: 0, gaps: [], chainBreaks: [] });
    expect(Math.abs(view.clockSkewSeconds)).toBeLessThan(60);
    // One report covers several batches of 500 (RECORDER_REPORT_RECORDS, default 5,000): fewer audited writes at the centre than batches.
    const reports = await cypher<{ from: number; to: number }>(`MATCH (b:SiteRecordBatch {siteId: $id}) RETURN b.from AS from, b.to AS to ORDER BY b.from`, { id: s.siteId });
    expect(reports.length).toBeLessThan(N / 500);
    expect(reports.every((b) => Number(b.to) - Number(b.from) + 1 <= 5000)).toBe(true);
    const rows = await central(ids);
    expect(rows.map((x) => x.id).sort()).toEqual(ids);
    expect(rows.every((x) => x.inputDigest === digest(x.id))).toBe(true);
    // In order: the centre created them batch after batch in sequence order.
    const rank = new Map(ids.map((id, i) => [id, i]));
    const batchOf = (id: string) => Math.floor(rank.get(id)! / 500);
    expect(rows.map((x) => batchOf(x.id))).toEqual([...rows.map((x) => batchOf(x.id))].sort((a, b) => a - b));
    const metrics = await (await fetch(`${r.url}/metrics`)).text();
    expect(metrics).toMatch(/recorder_queue_depth\{[^}]*\} 0\n/);
    expect(metrics).toMatch(/recorder_forward_failures_total\{[^}]*\} [1-9]/);
    expect(await gauge("lineage_site_recorder_last_sequence", s.siteId)).toBe(N);
    expect(await gauge("lineage_site_recorder_missing_records", s.siteId)).toBe(0);
    expect(await gauge("lineage_site_recorder_backlog", s.siteId)).toBe(0);

    // Operators list every site that has a recorder (admin only).
    const denied = await gql(stack.gateway.url, reader, `{ siteRecorders { edges { node { id } } } }`);
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const listed: { id: string; recorder: { lastSequence: number } }[] = [];
    for (let after: string | null = null; ; ) {
      const page: any = ok(await gql(stack.gateway.url, admin, `query($a: String) { siteRecorders(first: 100, after: $a) { edges { node { id recorder { lastSequence } } } pageInfo { hasNextPage endCursor } } }`, { a: after })).siteRecorders;
      listed.push(...page.edges.map((e: { node: (typeof listed)[number] }) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(listed.find((x) => x.id === s.siteId)).toEqual({ id: s.siteId, recorder: { lastSequence: N } });
    expect(listed.every((x) => x.recorder !== null)).toBe(true);
  });

  it("kill -9 while receiving and forwarding: every acknowledged decision arrives once", async () => {
    const s = await site({ RECORDER_BATCH_SIZE: "50" });
    const r = await s.start();
    const acked: string[] = [];
    let stop = false;
    const sender = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const ids = Array.from({ length: 25 }, (_, k) => `${s.siteId}-w${w}-${i}-${k}`);
        try {
          const res = await fetch(`${r.url}/ingest/decisions`, { method: "POST", headers: { authorization: `Bearer ${await token("inference", "lineage:write")}` }, body: ids.map((id) => decision(id)).join("\n") });
          if (res.status === 200) acked.push(...ids);
        } catch {
          return;
        }
      }
    };
    const senders = [1, 2].map(sender);
    // Killed once the centre has some of it and the site still has more to send.
    for (;;) {
      const st = await status(s.siteId);
      if (st && st.lastSequence > 0 && acked.length > st.lastSequence + 200) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    await r.kill9();
    stop = true;
    await Promise.all(senders);
    await s.start();
    // Everything durable at the site goes: the acknowledged records and any whose answer the kill cut off.
    const view = await caughtUp(s.siteId, (await verifyLog(s.dir)).lastSeq!);
    expect(view.gaps).toEqual([]);
    expect(view.chainBreaks).toEqual([]);
    const rows = await central(acked);
    expect(rows.length).toBe(acked.length);
  });

  it("OpenLineage events between decisions go to the centre's OpenLineage route, in sequence", async () => {
    const s = await site();
    const r = await s.start();
    const runId = crypto.randomUUID();
    const event = { eventType: "COMPLETE", eventTime: "2026-03-01T10:00:00Z", producer: "https://example.test/site", schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", run: { runId }, job: { namespace: `site-${s.siteId}`, name: "inspect" } };
    await post(r, [decision(`${s.siteId}-a`)]);
    const ol = await fetch(`${r.url}/api/v1/lineage`, { method: "POST", headers: { authorization: `Bearer ${await token("pipeline", "lineage:write")}` }, body: JSON.stringify(event) });
    expect(await ol.json()).toMatchObject({ status: "success", sequence: 2 });
    await post(r, [decision(`${s.siteId}-b`)]);
    expect(await caughtUp(s.siteId, 3)).toMatchObject({ gaps: [], chainBreaks: [] });
    const events = await (await fetch(`${new URL(stack.gateway.url).origin}/api/v1/lineage/events?runId=${runId}`, { headers: { authorization: `Bearer ${reader}` } })).json();
    expect(events.events).toHaveLength(1);
    expect((await central([`${s.siteId}-a`, `${s.siteId}-b`])).map((x) => x.id)).toEqual([`${s.siteId}-a`, `${s.siteId}-b`]);
  });

  it("a decision the centre refuses (unknown model version) is isolated; the rest of its batch is stored", async () => {
    const s = await site();
    const r = await s.start();
    const ids = Array.from({ length: 20 }, (_, i) => `${s.siteId}-r${i}`);
    await post(r, ids.map((id, i) => decision(id, i === 13 ? "mv-that-does-not-exist" : mv)));
    const view = await caughtUp(s.siteId, 20);
    expect(view.gaps).toEqual([]);
    expect((await central(ids)).map((x) => x.id).sort()).toEqual(ids.filter((_, i) => i !== 13).sort());
    expect(r.output()).toMatch(/"seq":14,[^\n]*the centre refused a site record/);
  });

  it("a tampered record at the site: not forwarded, the verifier and the central view name its sequence", async () => {
    const s = await site();
    const offline = await s.start({ RECORDER_UPSTREAM_URL: "" });
    const ids = Array.from({ length: 10 }, (_, i) => `${s.siteId}-t${i}`);
    await post(offline, ids.map((id) => decision(id)));
    await offline.stop();
    const file = path.join(s.dir, fs.readdirSync(s.dir).find((f) => f.startsWith("seg-"))!);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"output":{"score":0.9}}}\n{"seq":5', '"output":{"score":0.1}}}\n{"seq":5'));
    await s.start();
    const view = await caughtUp(s.siteId, 10);
    expect(view.chainBreaks).toEqual([4]);
    expect(view.gaps).toEqual([]);
    expect(await gauge("lineage_site_recorder_chain_breaks", s.siteId)).toBe(1);
    expect((await central(ids)).map((x) => x.id).sort()).toEqual(ids.filter((_, i) => i !== 3).sort());
  });
  it("quota full while the link is down: refusals are clear, and every acknowledged decision arrives once the link is back", async () => {
    const s = await site({ RECORDER_MAX_BYTES: "30000" });
    link.down();
    onTestFinished(() => link.up());
    const r = await s.start();
    const acked: string[] = [];
    let refusal: Response | undefined;
    for (let i = 0; i < 500 && !refusal; i++) {
      const ids = [`${s.siteId}-q${i}a`, `${s.siteId}-q${i}b`];
      const res = await fetch(`${r.url}/ingest/decisions`, { method: "POST", headers: { authorization: `Bearer ${await token("inference", "lineage:write")}` }, body: ids.map((id) => decision(id)).join("\n") });
      if (res.status === 200) acked.push(...ids);
      else refusal = res;
    }
    expect(refusal?.status).toBe(507);
    expect((await refusal!.json()).error).toMatchObject({ code: "INSUFFICIENT_STORAGE", message: expect.stringContaining("quota") });
    expect(await (await fetch(`${r.url}/readyz`)).json()).toMatchObject({ lastSequence: acked.length, acknowledgedSequence: 0, backlog: acked.length });
    link.up();
    expect(await caughtUp(s.siteId, acked.length)).toMatchObject({ gaps: [], chainBreaks: [] });
    const rows = await central(acked);
    expect(rows.map((x) => x.id).sort()).toEqual([...acked].sort());
  });
});
