// `npx tsx tools/bench-audit.ts`: what the audit append costs recordDecisions. Batches of 1,000
// decisions go through the store function (mutation + audit event in one transaction) and
// through the same statements without the audit append, interleaved in one run, at 1 and 4
// concurrent writers (every audited write queues on the chain head). Env: BENCH_AUDIT_BATCHES
// (per writer, variant and round, default 5), BENCH_AUDIT_ROUNDS (default 3),
// BENCH_AUDIT_BATCH_SIZE (default 1000). Uses NEO4J_URI if set, else an embedded Neo4j under
// $DATA_DIR/bench-audit. `measureAuditCost` can be called from the main benchmark.
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config, env } from "../runtime/config.js";
import { newContext } from "../runtime/context.js";
import { connect, disconnect, write } from "../runtime/db.js";
import { migrate } from "../runtime/migrate.js";
import { provisionNeo4j } from "../launcher/neo4j/provision.js";
import { requireIds } from "../runtime/nodes.js";
import { recordDecisions, type DecisionRow } from "../subgraphs/models/decisions.js";
import { fmt, throughput } from "./bench/measure.js";

export interface AuditCost {
  writers: number;
  /** Decisions per second. */
  withoutAudit: number;
  withAudit: number;
  /** withAudit / withoutAudit over the whole run. */
  ratio: number;
  /** The same ratio per round (each round measures both back to back): its spread shows the noise. */
  roundRatios: number[];
}

const MV = "bench-audit-mv";

/**
 * The same writes as recordDecisions (existence check + one UNWIND MERGE) in a plain write
 * transaction: the baseline without the audit event. Kept in step with subgraphs/models/decisions.ts.
 */
function recordWithoutAudit(rows: DecisionRow[]) {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const batch = crypto.randomUUID();
  return write({ op: "recordDecisions (no audit)" }, async (tx) => {
    await requireIds(tx, "ModelVersion", [...new Set(rows.map((r) => r.modelVersionId))]);
    return tx.one({
      cypher: `UNWIND $rows AS r
               MERGE (d:Decision {id: r.id})
               ON CREATE SET d += r, d.createdAt = $now, d.batch = $batch
               RETURN count(CASE WHEN d.batch = $batch THEN 1 END) AS accepted`,
      params: { rows: sorted, now: new Date().toISOString(), batch },
    });
  });
}

/** Measures both variants on an already connected and migrated database. */
export async function measureAuditCost(opts: { batches?: number; rounds?: number; batchSize?: number; writers?: number[]; log?: (s: string) => void } = {}): Promise<AuditCost[]> {
  const { batches = 5, rounds = 3, batchSize = 1000, writers = [1, 4], log = () => {} } = opts;
  await write({ op: "bench fixture" }, (tx) => tx.run({ cypher: `MERGE (mv:ModelVersion:Entity {id: $id}) ON CREATE SET mv.createdAt = $now`, params: { id: MV, now: new Date().toISOString() } }));
  const ctx = newContext({ sub: "bench-audit", scopes: ["lineage:write"] }, "bench-audit");
  const run = `${Date.now().toString(36)}`;
  let serial = 0;
  const rows = (): DecisionRow[] => {
    const b = serial++;
    return Array.from({ length: batchSize }, (_, i) => ({
      id: `ba-${run}-${b}-${i}`, modelVersionId: MV, deploymentId: null, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      inputDigest: `sha256:${"a".repeat(64)}`, outputJson: `{"score":${i / batchSize}}`, confidence: 0.5, explanation: null,
    }));
  };
  const variants = { without: () => recordWithoutAudit(rows()), with: () => recordDecisions(ctx, rows()) };
  await variants.without(); // warm-up: plans cached, JIT warm
  await variants.with();

  const results: AuditCost[] = [];
  for (const w of writers) {
    const secs = { without: 0, with: 0 };
    const roundRatios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const round = { without: 0, with: 0 };
      // Alternate which goes first, so drift (page cache, store growth) hits both alike.
      for (const v of r % 2 === 0 ? (["without", "with"] as const) : (["with", "without"] as const)) {
        round[v] = (batches * w) / (await throughput(() => variants[v](), batches * w, w));
        secs[v] += round[v];
      }
      roundRatios.push(round.without / round.with);
    }
    const decisions = rounds * batches * w * batchSize;
    const cost = { writers: w, withoutAudit: decisions / secs.without, withAudit: decisions / secs.with, ratio: secs.without / secs.with, roundRatios };
    log(`${w} writer(s): without audit ${fmt(cost.withoutAudit, 0)} decisions/s, with audit ${fmt(cost.withAudit, 0)} decisions/s, ratio ${fmt(cost.ratio, 2)}`);
    results.push(cost);
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const log = (s: string) => console.log(`[bench-audit] ${s}`);
  const dataDir = path.join(config.dataDir, "bench-audit");
  if (!env.NEO4J_URI) await fs.rm(dataDir, { recursive: true, force: true });
  const neo4j = await provisionNeo4j({ dataDir, log });
  try {
    connect(neo4j);
    await migrate();
    const batchSize = env.BENCH_AUDIT_BATCH_SIZE;
    log(`recordDecisions, batches of ${batchSize}, with and without the audit append (same run)`);
    const results = await measureAuditCost({ batches: env.BENCH_AUDIT_BATCHES, rounds: env.BENCH_AUDIT_ROUNDS, batchSize, log });
    for (const r of results) {
      const spread = `per round ${fmt(Math.min(...r.roundRatios), 2)}-${fmt(Math.max(...r.roundRatios), 2)}`;
      console.log(`${r.writers} writer(s)  without audit ${fmt(r.withoutAudit, 0)}/s  with audit ${fmt(r.withAudit, 0)}/s  ratio ${fmt(r.ratio, 2)} (${spread})`);
    }
  } finally {
    await disconnect();
    await neo4j.stop();
  }
}
