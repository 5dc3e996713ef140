import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { clientAssertion, loadClientKey } from "../site-recorder/assertion.js";
import { verifyLog } from "../site-recorder/verify.js";
import { connectTestDb, cypher, disconnect } from "./support/db.js";
import { startRecorderProcess, tempDir, type RecorderProcess } from "./support/recorder.js";
import { gql, ok, startTestStack, token, uniq } from "./support/stack.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

// A site recorder forwarding to the real central stack through a link the test can cut
// (a TCP proxy), with the site's own integration client (signed client assertions).
let stack: Stack;
let admin: string;
let reader: string;
let mv: string;
let sys: string;
let link: TcpProxy;
const running: RecorderProcess[] = [];

/** Each decision its own input digest (the centre must keep the one recorded at the site). */
const digest = (id: string) => `sha256:${createHash("sha256").update(id).digest("hex")}`;
const decision = (id: string, modelVersionId = mv) =>
  JSON.stringify({ id, modelVersionId, occurredAt: "2026-03-01T10:00:00Z", inputDigest: digest(id), output: { score: 0.9 } });
const post = async (r: RecorderProcess, lines: string[]) => {
  const res = await fetch(`${r.url}/ingest/decisions`, { method: "POST", headers: { authorization: `Bearer ${await token("inference", "lineage:write")}` }, body: lines.join("\n") });
  expect(res.status).toBe(200);
  return res.json();
};

/** A central Site and its integration client (lineage:write), and a recorder for it behind the link. */
async function site(env: Record<string, string> = {}, dir = tempDir("site")) {
  const siteId = ok(await gql(stack.gateway.url, admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("plant"), country: "DE", kind: "ON_PREM" } })).registerSite.id;
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = uniq("k");
  const clientId = uniq("site-client");
  ok(await gql(stack.gateway.url, admin, `mutation($i: RegisterClientInput!) { registerClient(input: $i) { clientId } }`, {
    i: { clientId, name: clientId, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" }] }, allowedScopes: ["lineage:write"] },
  }));
  const keyFile = path.join(tempDir("key"), "client.jwk");
  fs.writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: "ES256" }), { mode: 0o600 });
  const env2 = {
    RECORDER_DATA_DIR: dir, RECORDER_SITE_ID: siteId, RECORDER_UPSTREAM_URL: `http://127.0.0.1:${link.port}`, RECORDER_CLIENT_ID: clientId, RECORDER_CLIENT_KEY_FILE: keyFile,
    RECORDER_BACKOFF_MS: "100", RECORDER_BACKOFF_MAX_MS: "2000", ...env,
  };
  const start = async (over: Record<string, string> = {}) => {
    const r = await startRecorderProcess({ ...env2, ...over }, { build: inject("servicesBuild") });
    running.push(r);
    return r;
  };
  return { siteId, dir, start, clientId, keyFile };
}

const STATUS = `query($id: ID!) { site(id: $id) { recorder { lastSequence lastSeenAt backlog gaps { from to } chainBreaks clockSkewSeconds } } }`;
const status = async (siteId: string) => ok(await gql(stack.gateway.url, reader, STATUS, { id: siteId })).site.recorder;
/** Waits (by polling the central view) until the centre has `last` and the recorder reports no backlog. */
async function caughtUp(siteId: string, last: number) {
  for (;;) {
    const s = await status(siteId);
    if (s?.lastSequence === last && s.backlog === 0) return s;
    await new Promise((res) => setTimeout(res, 500));
  }
}
/** The gpu service's per-site gauge `name` for `siteId` (its /metrics, as Prometheus scrapes it). */
async function gauge(name: string, siteId: string): Promise<number | undefined> {
  const text = await (await fetch(new URL("/metrics", stack.subgraphUrls.gpu))).text();
  const m = new RegExp(`^${name}\\{[^}]*site="${siteId}"[^}]*\\} (\\S+)$`, "m").exec(text);
  return m ? Number(m[1]) : undefined;
}
/** The central decisions among `ids`, ordered by when the centre created them. */
const central = (ids: string[]) =>
  cypher<{ id: string; createdAt: string; inputDigest: string }>(`MATCH (d:Decision) WHERE d.id IN $ids RETURN d.id AS id, d.createdAt AS createdAt, d.inputDigest AS inputDigest ORDER BY d.createdAt`, { ids });

beforeAll(async () => {
  stack = await startTestStack();
  connectTestDb();
  admin = await token("ops", "admin");
  reader = await token(uniq("auditor"), "lineage:read");
  const m = async (q: string, v: Record<string, unknown>) => ok(await gql(stack.gateway.url, admin, q, v));
  sys = (await m(`mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, { i: { name: uniq("site-sys"), version: "1", intendedPurpose: "inspect welds", providerName: "Acme", riskCategory: "HIGH" } })).registerAISystem.id;
  const model = (await m(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys, name: "weld-inspector" } })).registerModel.id;
  mv = (await m(`mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model, version: "1", artifactDigest: `sha256:${"d".repeat(64)}` } })).registerModelVersion.id;
  link = await startTcpProxy("127.0.0.1", new URL(stack.gateway.url).port ? Number(new URL(stack.gateway.url).port) : 80);
}, 600_000);
afterAll(async () => {
  for (const r of running) if (r.child.exitCode === null) await r.kill9();
  await link?.close();
  await disconnect();
  await stack?.stop();
});

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
