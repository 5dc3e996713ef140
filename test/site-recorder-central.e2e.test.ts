import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientAssertion, loadClientKey } from "../site-recorder/assertion.js";
import { cypher } from "./support/db.js";
import { stack, admin, mv, sys, link, decision, post, site, status, caughtUp, gauge, useCentralStack } from "./support/site-central.js";
import { gql, ok, token, uniq } from "./support/stack.js";

// What the centre makes of a site recorder's reports: the log extract's record sequences per
// site, heartbeats, and both report formats (test/support/site-central.ts).
useCentralStack();

describe("site recorder -> centre: what the centre makes of the reports", () => {
  it("log extract: per site of the system's deployments, whether its record sequence is whole for the period, gaps and breaks named", async () => {
    const reports = await token(uniq("auditor"), "reports:read");
    const from = new Date(Date.now() - 1000).toISOString(); // the sites' clock is this machine's
    const deploy = async (siteId: string) =>
      ok(await gql(stack.gateway.url, admin, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { i: { modelVersionId: mv, siteId, environment: "floor", startedAt: "2026-01-01T00:00:00Z" } }));
    // B: records made while offline, one of them edited on the site's disk before it forwards.
    const b = await site();
    await deploy(b.siteId);
    const offline = await b.start({ RECORDER_UPSTREAM_URL: "" });
    await post(offline, Array.from({ length: 10 }, (_, i) => decision(`${b.siteId}-x${i}`)));
    await offline.stop();
    const file = path.join(b.dir, fs.readdirSync(b.dir).find((f) => f.startsWith("seg-"))!);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"output":{"score":0.9}}}\n{"seq":5', '"output":{"score":0.2}}}\n{"seq":5'));
    // A: a sound site.
    const a = await site();
    await deploy(a.siteId);
    await post(await a.start(), Array.from({ length: 5 }, (_, i) => decision(`${a.siteId}-y${i}`)));
    await caughtUp(a.siteId, 5);
    await b.start();
    await caughtUp(b.siteId, 10);
    // C: the centre got 1-3 and 7-9 only, reported as a recorder reports (its client's signed assertion, through the gateway).
    const c = await site();
    await deploy(c.siteId);
    const key = await loadClientKey(c.clientId, c.keyFile);
    const h = (n: number) => createHash("sha256").update(`${c.siteId}:${n}`).digest("hex");
    const at = new Date(Date.parse(from) + 10).toISOString();
    for (const [first, last] of [[1, 3], [7, 9]]) {
      const records = Array.from({ length: last - first + 1 }, (_, i) => ({ seq: first + i, prev: first + i === 1 ? "0".repeat(64) : h(first + i - 1), hash: h(first + i), status: "stored", at }));
      const res = await fetch(`${new URL(stack.gateway.url).origin}/sites/${c.siteId}/recorder`, {
        method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await clientAssertion(key)}` },
        body: JSON.stringify({ records, backlog: 0, sentAt: new Date().toISOString() }),
      });
      expect(res.status).toBe(200);
    }
    // D: deployed at a site with no recorder.
    const d = ok(await gql(stack.gateway.url, admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("plant"), country: "FR", kind: "ON_PREM" } })).registerSite.id;
    await deploy(d);

    const EXTRACT = `query($sys: ID!, $from: DateTime!, $to: DateTime!) { logExtract(systemId: $sys, from: $from, to: $to, first: 1) {
      siteSequences { siteId status reason firstSequence lastSequence records gaps { from to } chainBreaks rejected reportedThrough } } }`;
    type Seq = { siteId: string; status: string; reason: string | null; firstSequence: number | null; lastSequence: number | null; records: number; gaps: { from: number; to: number }[]; chainBreaks: number[]; rejected: number[]; reportedThrough: string | null };
    const extract = async (to: string) => {
      const out: Seq[] = ok(await gql(stack.gateway.url, reports, EXTRACT, { sys, from, to })).logExtract.siteSequences;
      return Object.fromEntries(out.map((x) => [x.siteId, x]));
    };
    // To tomorrow: no site has reported that far.
    const open = await extract(new Date(Date.now() + 86_400_000).toISOString());
    expect(open[a.siteId]).toMatchObject({ status: "UNKNOWN", gaps: [], chainBreaks: [], records: 5, reason: expect.stringContaining("not recorded yet") });
    expect(open[b.siteId]).toMatchObject({ status: "INCOMPLETE", chainBreaks: [4], gaps: [] });
    expect(open[c.siteId]).toMatchObject({ status: "INCOMPLETE", gaps: [{ from: 4, to: 6 }], chainBreaks: [], records: 6 });
    expect(open[c.siteId].reason).toContain("sequences never received: 4-6");
    expect(open[d]).toMatchObject({ status: "UNKNOWN", reason: expect.stringContaining("no site recorder"), records: 0, reportedThrough: null });

    // To the time every site has reported through: A is whole; B and C still name what is missing.
    const to = [a, b, c].map((x) => open[x.siteId].reportedThrough!).sort()[0];
    const closed = await extract(to);
    expect(closed[a.siteId]).toMatchObject({ status: "COMPLETE", reason: null, firstSequence: 1, lastSequence: 5, records: 5, gaps: [], chainBreaks: [] });
    expect(closed[b.siteId]).toMatchObject({ status: "INCOMPLETE", chainBreaks: [4], gaps: [], firstSequence: 1, lastSequence: 10 });
    expect(closed[b.siteId].reason).toBe("sequences failing the hash chain: 4");
    expect(closed[c.siteId]).toMatchObject({ status: "INCOMPLETE", gaps: [{ from: 4, to: 6 }] });
    expect(closed[d].status).toBe("UNKNOWN");
    // Sites of other systems are not in this system's extract.
    expect(Object.keys(closed).sort()).toEqual([a.siteId, b.siteId, c.siteId, d].sort());

    // Before the sites recorded anything: nothing in the period, and each recorder reported past it.
    const before = ok(await gql(stack.gateway.url, reports, EXTRACT, { sys, from: "2026-01-01T00:00:00Z", to: new Date(Date.parse(from) - 60_000).toISOString() })).logExtract.siteSequences;
    expect(before.find((x: Seq) => x.siteId === a.siteId)).toMatchObject({ status: "COMPLETE", records: 0, firstSequence: null });
  });

  it("heartbeat: a quiet recorder keeps reporting, so a period without traffic is COMPLETE and the site is not silent; without it the period stays UNKNOWN", async () => {
    const reports = await token(uniq("auditor"), "reports:read");
    const from = new Date(Date.now() - 1000).toISOString();
    const deploy = async (siteId: string) =>
      ok(await gql(stack.gateway.url, admin, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { i: { modelVersionId: mv, siteId, environment: "floor", startedAt: "2026-01-01T00:00:00Z" } }));
    const quiet = await site({ RECORDER_HEARTBEAT_S: "1" });
    const mute = await site({ RECORDER_HEARTBEAT_S: "0" });
    for (const s of [quiet, mute]) {
      await deploy(s.siteId);
      await post(await s.start(), Array.from({ length: 3 }, (_, i) => decision(`${s.siteId}-q${i}`)));
    }
    const first = await caughtUp(quiet.siteId, 3);
    await caughtUp(mute.siteId, 3);
    // A period ending after both sites' last reports, with no record in its last part.
    const to = new Date(Date.now() + 50).toISOString();
    const EXTRACT = `query($sys: ID!, $from: DateTime!, $to: DateTime!) { logExtract(systemId: $sys, from: $from, to: $to, first: 1) {
      siteSequences { siteId status reason lastSequence records gaps { from to } reportedThrough } } }`;
    const extract = async () => Object.fromEntries(ok(await gql(stack.gateway.url, reports, EXTRACT, { sys, from, to })).logExtract.siteSequences.map((x: { siteId: string }) => [x.siteId, x]));
    let seen = await extract();
    while (seen[quiet.siteId].status !== "COMPLETE") {
      expect(seen[quiet.siteId]).toMatchObject({ status: "UNKNOWN", gaps: [] });
      await new Promise((res) => setTimeout(res, 500));
      seen = await extract();
    }
    expect(seen[quiet.siteId]).toMatchObject({ status: "COMPLETE", reason: null, lastSequence: 3, records: 3, gaps: [] });
    expect(seen[quiet.siteId].reportedThrough >= to).toBe(true);
    // The same quiet period at a recorder without heartbeats: not provably whole.
    expect(seen[mute.siteId]).toMatchObject({ status: "UNKNOWN", records: 3, reason: expect.stringContaining("not recorded yet") });
    expect(seen[mute.siteId].reportedThrough < to).toBe(true);
    // The centre saw the quiet site again (what SiteRecorderSilent watches), with no new batch and nothing missing.
    const later = await status(quiet.siteId);
    expect(Date.parse(later.lastSeenAt)).toBeGreaterThan(Date.parse(first.lastSeenAt));
    expect(later).toMatchObject({ lastSequence: 3, backlog: 0, gaps: [], chainBreaks: [] });
    expect(await gauge("lineage_site_recorder_last_seen_seconds", quiet.siteId)).toBeGreaterThanOrEqual(Math.floor(Date.parse(later.lastSeenAt) / 1000) - 1);
    const [rows] = await cypher<{ batches: number; heartbeats: number }>(
      `MATCH (b:SiteRecordBatch {siteId: $id}) WITH count(b) AS batches
       OPTIONAL MATCH (e:AuditEvent {operation: "reportSiteHeartbeat"}) WHERE $id IN e.subjects
       RETURN batches, count(e) AS heartbeats`, { id: quiet.siteId });
    expect(rows).toMatchObject({ batches: 1 });
    expect(rows.heartbeats).toBeGreaterThan(0);

    // A heartbeat naming a sequence the centre never received shows a gap, never a whole period.
    const c = await site();
    await deploy(c.siteId);
    const key = await loadClientKey(c.clientId, c.keyFile);
    const res = await fetch(`${new URL(stack.gateway.url).origin}/sites/${c.siteId}/recorder`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await clientAssertion(key)}` },
      body: JSON.stringify({ records: [], lastSequence: 4, backlog: 0, sentAt: new Date(Date.parse(to) + 1000).toISOString() }),
    });
    expect(res.status).toBe(200);
    expect(await status(c.siteId)).toMatchObject({ lastSequence: 4, gaps: [{ from: 1, to: 4 }] });
    expect((await extract())[c.siteId]).toMatchObject({ status: "INCOMPLETE", gaps: [{ from: 1, to: 4 }] });
    const bad = await fetch(`${new URL(stack.gateway.url).origin}/sites/${c.siteId}/recorder`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await clientAssertion(key)}` },
      body: JSON.stringify({ records: [], backlog: 0 }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("lastSequence");
  }, 120_000);

  it("both report formats at the centre: an earlier recorder's rows and the columns, linked across them, a resend stored once", async () => {
    const e = await site();
    const key = await loadClientKey(e.clientId, e.keyFile);
    const h = (n: number) => createHash("sha256").update(`${e.siteId}:${n}`).digest("hex");
    const at = (n: number) => new Date(Date.UTC(2026, 11, 8, 0, 0, n)).toISOString();
    const report = async (body: unknown) => {
      const res = await fetch(`${new URL(stack.gateway.url).origin}/sites/${e.siteId}/recorder`, {
        method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await clientAssertion(key)}` }, body: JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    };
    const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const columns = (from: number, to: number, over: Record<string, unknown> = {}) =>
      ({ from, prev: h(from - 1), hashes: seqs(from, to).map(h), ats: seqs(from, to).map(at), broken: [], rejected: [], backlog: 1, sentAt: new Date().toISOString(), ...over });
    // 1-3 as rows (with an id, as earlier recorders sent), 4-6 as columns linking to 3, 7-8 as columns with a refused record.
    const rows = seqs(1, 3).map((n) => ({ seq: n, kind: "decision", id: `${e.siteId}-${n}`, prev: n === 1 ? "0".repeat(64) : h(n - 1), hash: h(n), status: "stored", at: at(n) }));
    expect(await report({ records: rows, backlog: 5, sentAt: new Date().toISOString() })).toMatchObject({ status: 200, json: { lastSequence: 3, chainBreaks: [] } });
    expect(await report(columns(4, 6))).toMatchObject({ status: 200, json: { lastSequence: 6, chainBreaks: [] } });
    expect(await report(columns(7, 8, { rejected: [8] }))).toMatchObject({ status: 200, json: { lastSequence: 8, chainBreaks: [] } });
    // Sent again (the answer was lost): the same batch, stored once.
    expect(await report(columns(4, 6))).toMatchObject({ status: 200, json: { chainBreaks: [] } });
    // A range reported anew from the middle of a batch is judged against the hash the centre has there;
    // a first link to anything else is a break, and so is a record the site found broken.
    expect(await report(columns(5, 6))).toMatchObject({ status: 200, json: { chainBreaks: [] } });
    expect(await report(columns(9, 10, { prev: h(99), broken: [10] }))).toMatchObject({ status: 200, json: { lastSequence: 10, chainBreaks: [9, 10] } });
    expect(await status(e.siteId)).toMatchObject({ lastSequence: 10, gaps: [], chainBreaks: [9, 10] });
    const batches = await cypher<{ from: number; to: number; hashes: string[]; ats: string[]; rejected: number[]; ids: unknown }>(
      `MATCH (b:SiteRecordBatch {siteId: $id}) RETURN b.from AS from, b.to AS to, b.hashes AS hashes, b.ats AS ats, b.rejected AS rejected, b.ids AS ids ORDER BY b.from`, { id: e.siteId });
    expect(batches.map((b) => [b.from, b.to])).toEqual([[1, 3], [4, 6], [5, 6], [7, 8], [9, 10]]);
    expect(batches[1]).toMatchObject({ hashes: seqs(4, 6).map(h), ats: seqs(4, 6).map(at), rejected: [], ids: null });
    expect(batches[0]).toMatchObject({ hashes: seqs(1, 3).map(h), ats: seqs(1, 3).map(at), ids: null });
    expect(batches[3].rejected).toEqual([8]);
    // Bad input in the columnar format is a 400 naming the field, and writes nothing.
    expect(await report(columns(11, 12, { ats: [at(11)] }))).toMatchObject({ status: 400, json: { error: { code: "BAD_USER_INPUT", message: expect.stringContaining("ats:") } } });
    expect((await status(e.siteId)).lastSequence).toBe(10);
  }, 60_000);
});
