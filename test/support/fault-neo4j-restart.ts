// Fault scenario run as its own process (runtime/db.ts keeps one driver per process): a whole
// stack on a dedicated embedded Neo4j with a fixed Bolt port, decision batches streaming in
// through the gateway while Neo4j is stopped and started again. Prints one JSON line (the
// report test/faults.e2e.test.ts asserts on); progress goes to stderr.
// Usage: tsx test/support/fault-neo4j-restart.ts   (env DATA_DIR; FAULT_OUTAGE_MS, default 5000)
import "reflect-metadata"; // before any decorated class loads, whatever the import order
import fs from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { issueDevToken } from "../../runtime/auth/dev-issuer.js";
import { config } from "../../runtime/config.js";
import { newContext } from "../../runtime/context.js";
import { query } from "../../runtime/db.js";
import { provisionNeo4j } from "../../launcher/neo4j/provision.js";
import { verifyChain } from "../../subgraphs/compliance/audit/store.js";
import { startStack } from "../../launcher/stack.js";
import { freePort } from "./free-port.js";
import { decisionLoad, REQUEST_BOUND_MS, sendBatch, until, type BatchOutcome } from "./fault-load.js";
import { servicesBuildOfRun } from "./fault-process.js";

const BATCH = 50;
const CLIENTS = 3;
const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 5000);
const log = (line: string) => process.stderr.write(`[fault] ${line}\n`);
const emit = (report: unknown) => process.stdout.write(`${JSON.stringify(report)}\n`);

async function gql(url: string, token: string, q: string, variables: Record<string, unknown>) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q, variables }) });
  const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`setup failed: ${JSON.stringify(body.errors)}`);
  return Object.values(body.data)[0];
}

/** Per batch: how many of its decisions the graph holds. One statement for all batches. */
async function storedPerBatch(outcomes: BatchOutcome[]): Promise<Map<number, number>> {
  const rows = await query<{ batch: number; n: number }>({ op: "fault check" }, {
    cypher: `UNWIND $batches AS b UNWIND b.ids AS id OPTIONAL MATCH (d:Decision {id: id}) RETURN b.batch AS batch, count(d) AS n`,
    params: { batches: outcomes.map((o) => ({ batch: o.batch, ids: o.ids })) },
  });
  return new Map(rows.map((r) => [r.batch, r.n]));
}

if (process.env.NEO4J_URI) {
  emit({ skipped: "NEO4J_URI is set: this scenario needs an embedded Neo4j it can stop and start" });
  process.exit(0);
}
const dataDir = path.join(config.dataDir, "neo4j-fault");
await fs.rm(dataDir, { recursive: true, force: true });
// A fixed port, so the URI the driver holds is valid again after the restart.
process.env.NEO4J_BOLT_PORT = String(await freePort());
let neo = await provisionNeo4j({ dataDir, log });
const stack = await startStack({ port: 0, subgraphPortBase: 0, neo4j: { ...neo, stop: async () => {} }, build: servicesBuildOfRun() });
try {
  const url = stack.gateway.url;
  const writer = await issueDevToken("fault-pipeline", ["lineage:write", "lineage:read"], 3600);
  const prefix = `fault-${Date.now().toString(36)}`;
  const sys = await gql(url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: prefix, version: "1", intendedPurpose: "score loan applications", providerName: "Acme", riskCategory: "HIGH" },
  });
  const model = await gql(url, writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "scorer" } });
  const mv = await gql(url, writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
    i: { modelId: model.id, version: "1.0.0", artifactDigest: `sha256:${"d".repeat(64)}` },
  });

  const load = decisionLoad({ url, token: writer, mvId: mv.id, prefix, size: BATCH, clients: CLIENTS, boundMs: REQUEST_BOUND_MS });
  await until("10 acknowledged batches", () => load.acknowledged() >= 10, 120_000);
  const timeline: Record<string, number> = { stopRequested: load.elapsed() };
  log(`stopping Neo4j under load (${load.outcomes.length} batches answered)`);
  await neo.stop();
  timeline.stopped = load.elapsed();
  await sleep(OUTAGE_MS); // the outage itself
  log("starting Neo4j again on the same port");
  timeline.startRequested = load.elapsed();
  neo = await provisionNeo4j({ dataDir, log });
  timeline.ready = load.elapsed();
  const ackAtRestart = load.acknowledged();
  await until("10 acknowledged batches after the restart", () => load.acknowledged() >= ackAtRestart + 10, 180_000);
  const outcomes = await load.stop();
  log(`${outcomes.length} batches sent, ${outcomes.filter((o) => o.ok).length} acknowledged`);

  const stored = await storedPerBatch(outcomes);
  const [{ twice }] = await query<{ twice: number }>({ op: "fault check" }, {
    cypher: `MATCH (d:Decision) WHERE d.id STARTS WITH $prefix WITH d.id AS id, count(*) AS c WHERE c > 1 RETURN count(id) AS twice`,
    params: { prefix },
  });

  // Failed batches are sent again, one by one: each must complete, counting what already got in.
  const resent = [];
  for (const o of outcomes.filter((x) => !x.ok)) {
    const again = await sendBatch(url, writer, mv.id, o.batch, o.ids, REQUEST_BOUND_MS);
    resent.push({ batch: o.batch, n: o.ids.length, before: stored.get(o.batch) ?? 0, ok: again.ok, accepted: again.accepted, duplicates: again.duplicates, code: again.code });
  }
  const storedAfter = await storedPerBatch(outcomes);

  // A batch's events: those whose digest its decisions carry (each event covers the decisions it created).
  const events = await query<{ batch: number; n: number }>({ op: "fault check" }, {
    cypher: `UNWIND $batches AS b
             MATCH (d:Decision) WHERE d.id IN b.ids
             WITH b.batch AS batch, collect(DISTINCT d.auditDigest) AS digests
             MATCH (e:AuditEvent {operation: 'recordDecisions'}) WHERE e.variablesDigest IN digests
             RETURN batch, count(e) AS n`,
    params: { batches: outcomes.map((o) => ({ batch: o.batch, ids: o.ids })) },
  });
  const eventsPerBatch = Object.fromEntries(events.map((e) => [e.batch, e.n]));
  const chain = await verifyChain(newContext({ sub: "fault-auditor", scopes: ["audit:read"] }, "fault"));

  emit({
    batchSize: BATCH,
    timeline,
    outcomes: outcomes.map(({ ids: _ids, ...o }) => o),
    storedBeforeResend: Object.fromEntries(stored),
    storedAfterResend: Object.fromEntries(storedAfter),
    decisionsStoredTwice: twice,
    resent,
    eventsPerBatch,
    chain,
  });
} finally {
  await stack.stop().catch((err) => log(`stack stop: ${err}`));
  await neo.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
