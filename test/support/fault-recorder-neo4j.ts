// Fault scenario run as its own process (runtime/db.ts keeps one driver per process): a whole
// central stack on a dedicated embedded Neo4j with a fixed Bolt port, a site recorder process
// forwarding to it with the site's integration client while the site keeps taking decisions, and
// the central Neo4j stopped and started again during the forwarding. Prints one JSON line (the
// report test/site-recorder-faults.e2e.test.ts asserts on); progress goes to stderr.
// Usage: tsx test/support/fault-recorder-neo4j.ts   (env DATA_DIR; FAULT_OUTAGE_MS, default 25000)
import "reflect-metadata"; // before any decorated class loads, whatever the import order
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { exportJWK, generateKeyPair } from "jose";
import { issueDevToken } from "../../runtime/auth/dev-issuer.js";
import { config } from "../../runtime/config.js";
import { query } from "../../runtime/db.js";
import { provisionNeo4j } from "../../launcher/neo4j/provision.js";
import { startStack } from "../../launcher/stack.js";
import { until } from "./fault-load.js";
import { servicesBuildOfRun } from "./fault-process.js";
import { freePort } from "./free-port.js";
import { startRecorderProcess, tempDir } from "./recorder.js";

// Longer than the central driver's retries (runtime/db.ts: 10 s to acquire a connection, 15 s of
// transaction retries): a shorter outage is absorbed by the centre's retries on an idle machine,
// and the forwarding never sees it fail (the scenario asserts that it did).
const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 25_000);
const SERVICES_BUILD = servicesBuildOfRun();
const PER_REQUEST = 20;
/**
 * One request every PACE_MS: 100 decisions a second, a busy line's rate. The scenario needs
 * acknowledgements before, during and after the outage, not volume: sent back to back, the load
 * made 37,000 decisions and half the scenario's CPU (docs/testing.md).
 */
const PACE_MS = 200;
const log = (line: string) => process.stderr.write(`[fault-recorder] ${line}\n`);
const emit = (report: unknown) => process.stdout.write(`${JSON.stringify(report)}\n`);
const digest = (id: string) => `sha256:${createHash("sha256").update(id).digest("hex")}`;

async function gql(url: string, token: string, q: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q, variables }) });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  return Object.values(body.data)[0];
}

/** What the centre's graph says of the site: the highest sequence and the backlog the recorder last reported. */
async function centre(siteId: string): Promise<{ last: number; backlog: number | null }> {
  const rows = await query<{ last: number; backlog: number | null }>({ op: "fault check" }, {
    cypher: `MATCH (r:SiteRecorder {siteId: $siteId}) RETURN r.lastSequence AS last, r.backlog AS backlog`,
    params: { siteId },
  }).catch(() => []);
  return rows[0] ?? { last: 0, backlog: null };
}

if (process.env.NEO4J_URI) {
  emit({ skipped: "NEO4J_URI is set: this scenario needs an embedded Neo4j it can stop and start" });
  process.exit(0);
}
const dataDir = path.join(config.dataDir, "neo4j-fault-recorder");
fs.rmSync(dataDir, { recursive: true, force: true });
// A fixed port, so the URI the driver holds is valid again after the restart.
process.env.NEO4J_BOLT_PORT = String(await freePort());
let neo = await provisionNeo4j({ dataDir, log });
const stack = await startStack({ port: 0, subgraphPortBase: 0, neo4j: { ...neo, stop: async () => {} }, build: SERVICES_BUILD });
const siteDir = tempDir("fault-site");
let recorder: Awaited<ReturnType<typeof startRecorderProcess>> | undefined;
try {
  const url = stack.gateway.url;
  const admin = await issueDevToken("fault-ops", ["admin"], 3600);
  const reader = await issueDevToken("fault-auditor", ["lineage:read"], 3600);
  const prefix = `fr-${Date.now().toString(36)}`;
  const sys = await gql(url, admin, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: prefix, version: "1", intendedPurpose: "inspect welds", providerName: "Acme", riskCategory: "HIGH" },
  });
  const model = await gql(url, admin, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "inspector" } });
  const mv = await gql(url, admin, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
    i: { modelId: model.id, version: "1.0.0", artifactDigest: `sha256:${"d".repeat(64)}` },
  });
  const site = await gql(url, admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: `${prefix}-plant`, country: "DE", kind: "ON_PREM" } });
  // The site's integration client: its public key at the centre, its private key at the site.
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const clientId = `${prefix}-site`;
  await gql(url, admin, `mutation($i: RegisterClientInput!) { registerClient(input: $i) { clientId } }`, {
    i: { clientId, name: clientId, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" }] }, allowedScopes: ["lineage:write"] },
  });
  const keyFile = path.join(tempDir("fault-key"), "client.jwk");
  fs.writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid: "k1", alg: "ES256" }), { mode: 0o600 });
  recorder = await startRecorderProcess({
    RECORDER_DATA_DIR: siteDir, RECORDER_SITE_ID: site.id, RECORDER_UPSTREAM_URL: url.replace(/\/graphql$/, ""), RECORDER_CLIENT_ID: clientId, RECORDER_CLIENT_KEY_FILE: keyFile,
    RECORDER_BATCH_SIZE: "100", RECORDER_BACKOFF_MS: "100", RECORDER_BACKOFF_MAX_MS: "1000",
  }, { build: SERVICES_BUILD });

  // The site's inference service: a request of PER_REQUEST decisions every PACE_MS; each acknowledged id with its sequence.
  const inference = await issueDevToken("fault-inference", ["lineage:write"], 3600);
  const acked: { id: string; seq: number; at: number }[] = [];
  const t0 = Date.now();
  let stop = false;
  let unanswered = 0;
  const load = (async () => {
    for (let n = 0; !stop; n++) {
      const ids = Array.from({ length: PER_REQUEST }, (_, i) => `${prefix}-r${n}-d${i}`);
      const body = ids.map((id) => JSON.stringify({ id, modelVersionId: mv.id, occurredAt: "2026-03-01T10:00:00Z", inputDigest: digest(id), output: { ok: true } })).join("\n");
      const sent = Date.now();
      let res: Response;
      try {
        res = await fetch(`${recorder!.url}/ingest/decisions`, { method: "POST", headers: { authorization: `Bearer ${inference}` }, body });
      } catch (err) {
        // No answer (a connection reset on a loaded machine): not acknowledged, as for any client; sent on with new ids.
        if (recorder!.child.exitCode !== null || recorder!.child.signalCode !== null) throw new Error(`the recorder exited (${recorder!.child.exitCode ?? recorder!.child.signalCode}):\n${recorder!.output().slice(-4000)}`);
        unanswered++;
        log(`a request got no answer (${(err as Error).cause ?? err}); not counted as acknowledged`);
        continue;
      }
      const json = (await res.json()) as { firstSequence: number };
      if (res.status !== 200) throw new Error(`the site refused a request: ${res.status} ${JSON.stringify(json)}`);
      ids.forEach((id, i) => acked.push({ id, seq: json.firstSequence + i, at: Date.now() - t0 }));
      await sleep(Math.max(0, PACE_MS - (Date.now() - sent)));
    }
  })();
  load.catch(() => undefined); // awaited below; a failure ends the scenario there

  await until("500 records at the centre", async () => (await centre(site.id)).last >= 500, 180_000);
  const timeline: Record<string, number> = { stopRequested: Date.now() - t0 };
  log(`stopping the central Neo4j while the site forwards (${acked.length} acknowledged at the site)`);
  await neo.stop();
  timeline.stopped = Date.now() - t0;
  await sleep(OUTAGE_MS);
  log("starting the central Neo4j again on the same port");
  timeline.startRequested = Date.now() - t0;
  neo = await provisionNeo4j({ dataDir, log });
  timeline.ready = Date.now() - t0;
  const atRestart = (await centre(site.id)).last;
  await until("500 more records at the centre", async () => (await centre(site.id)).last >= atRestart + 500, 300_000);
  stop = true;
  await load;
  const lastAcked = acked.at(-1)!.seq;
  log(`${acked.length} acknowledged at the site; waiting for the centre to have all of them`);
  await until("the centre caught up", async () => {
    const c = await centre(site.id);
    return c.last >= lastAcked && c.backlog === 0;
  }, 300_000);

  // Every acknowledged decision: how many times the centre holds it, with which digest, when it was created.
  const rows = await query<{ id: string; n: number; digests: string[]; createdAt: string }>({ op: "fault check" }, {
    cypher: `UNWIND $ids AS id OPTIONAL MATCH (d:Decision {id: id}) RETURN id, count(d) AS n, collect(d.inputDigest) AS digests, min(d.createdAt) AS createdAt`,
    params: { ids: acked.map((a) => a.id) },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bySeq = [...acked].sort((a, b) => a.seq - b.seq);
  let outOfOrder = 0;
  for (let i = 1; i < bySeq.length; i++) if ((byId.get(bySeq[i].id)?.createdAt ?? "") < (byId.get(bySeq[i - 1].id)?.createdAt ?? "")) outOfOrder++;
  const view = await gql(url, reader, `query($id: ID!) { site(id: $id) { recorder { lastSequence backlog gaps { from to } chainBreaks } } }`, { id: site.id });
  const metrics = await (await fetch(`${recorder.url}/metrics`)).text();
  emit({
    outageMs: OUTAGE_MS,
    timeline,
    acknowledged: acked.length,
    acknowledgedDuringOutage: acked.filter((a) => a.at >= timeline.stopped && a.at <= timeline.ready).length,
    lastAcknowledgedSequence: lastAcked,
    unanswered,
    // Acknowledged sequences rise with each answer (a request without an answer may have taken some).
    sequencesIncreasing: acked.every((a, i) => i === 0 || a.seq > acked[i - 1].seq),
    missing: rows.filter((r) => r.n === 0).length,
    storedTwice: rows.filter((r) => r.n > 1).length,
    wrongDigest: rows.filter((r) => r.n > 0 && r.digests.some((d) => d !== digest(r.id))).length,
    outOfOrder,
    forwardFailures: Number(/^recorder_forward_failures_total(?:\{[^}]*\})? (\S+)$/m.exec(metrics)?.[1] ?? 0),
    central: view.recorder,
  });
} finally {
  if (recorder && recorder.child.exitCode === null) await recorder.stop().catch((err) => log(`recorder stop: ${err}`));
  await stack.stop().catch((err) => log(`stack stop: ${err}`));
  await neo.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(siteDir, { recursive: true, force: true });
}
