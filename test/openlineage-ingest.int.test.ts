import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatementStats } from "../runtime/db.js";
import { mapEvent } from "../subgraphs/datasets/openlineage/mapping.js";
import { ingest } from "../subgraphs/datasets/openlineage/store.js";
import { connectTestDb, cypher, disconnect } from "./support/db.js";
import { dbtModelEvents } from "./support/openlineage-events.js";
import { uniq } from "./support/uniq.js";

const caller = { sub: "ingest-test", scopes: ["lineage:write"] };
beforeAll(() => connectTestDb());
afterAll(() => disconnect());

/** `n` START events of dbt models, each reading one dataset and writing another, all new. */
const batch = (n: number) => {
  const ns = `postgres://${uniq("db")}`;
  return Array.from({ length: n }, (_, i) => ({
    index: i,
    rows: mapEvent(dbtModelEvents({ project: "p", model: `m${i}`, inputs: [{ namespace: ns, name: `in${i}` }], output: { namespace: ns, name: `out${i}` } }).start),
  }));
};

describe("OpenLineage ingest", () => {
  it("stores a schema once by content, shared by every version reported with it, in the facet's order", async () => {
    const b = batch(20);
    await ingest(caller, b);
    const versions = b.flatMap((p) => p.rows.versions.map((v) => v.id));
    const rows = await cypher<{ v: string; schemas: string[] }>(
      `MATCH (v:DatasetVersion) WHERE v.id IN $versions OPTIONAL MATCH (v)-[:HAS_SCHEMA]->(s:DatasetSchema) RETURN v.id AS v, collect(s.facet) AS schemas`,
      { versions },
    );
    expect(rows).toHaveLength(20);
    // dbt reports the same columns for every model here: twenty versions, one schema node.
    expect(new Set(rows.flatMap((r) => r.schemas)).size).toBe(1);
    expect(rows.every((r) => r.schemas.length === 1)).toBe(true);
    expect(JSON.parse(rows[0].schemas[0]).fields.map((f: { name: string }) => f.name)).toEqual(["order_id", "customer_id", "status"]);
  });

  it("writes facts only where they change, and a later event's changed facet replaces the earlier", async () => {
    const [first] = batch(1);
    await ingest(caller, [first]);
    const job = first.rows.jobs[0];
    const key = Object.keys(job.facts)[0];
    const next = (facts: Record<string, string>) => {
      const rows = mapEvent(dbtModelEvents({ project: "p", model: "again", inputs: [{ namespace: "x", name: "i" }], output: { namespace: "x", name: uniq("o") } }).start);
      rows.jobs[0] = { ...job, facts };
      rows.runs[0] = { ...rows.runs[0], jobId: job.id };
      return { index: 0, rows };
    };
    const factOf = async () => (await cypher<{ v: string }>(`MATCH (j:Job {id: $id}) RETURN j[$key] AS v`, { id: job.id, key }))[0].v;
    await ingest(caller, [next({ [key]: job.facts[key] })]);
    expect(await factOf()).toBe(job.facts[key]);
    // Two events of one batch name the job: the later one's facet wins, written once.
    await ingest(caller, [next({ [key]: '"changed"' }), { ...next({ [key]: '"changed again"' }), index: 1 }]);
    expect(await factOf()).toBe('"changed again"');
  });

  it("costs the same number of statements for 1 event and for 200", async () => {
    const one: StatementStats = { statements: 0 };
    const many: StatementStats = { statements: 0 };
    await ingest(caller, batch(1), one);
    const outcomes = await ingest(caller, batch(200), many);
    expect(outcomes.every((o) => o.ok && !o.duplicate)).toBe(true);
    expect(many.statements).toBe(one.statements);
  });

  it("writes each edge once: a run's COMPLETE and START in one batch, and batches in flight together on one table", async () => {
    const ns = `postgres://${uniq("db")}`;
    const shared = { namespace: ns, name: "orders" };
    const model = (name: string) => dbtModelEvents({ project: "p", model: name, inputs: [shared], output: { namespace: ns, name } });
    const [a, b, c] = [model("a"), model("b"), model("c")];
    // The COMPLETE arrives before the START, in the same batch; b and c go in two other batches at once.
    const outcomes = await Promise.all([
      ingest(caller, [{ index: 0, rows: mapEvent(a.complete) }, { index: 1, rows: mapEvent(a.start) }]),
      ingest(caller, [{ index: 0, rows: mapEvent(b.start) }, { index: 1, rows: mapEvent(b.complete) }]),
      ingest(caller, [{ index: 0, rows: mapEvent(c.start) }]),
    ]);
    expect(outcomes.flat().every((o) => o.ok && !o.duplicate)).toBe(true);
    const edges = await cypher<{ run: string; state: string; started: string; ended: string | null; runOf: number; parent: number; read: number; written: number; versionOf: number; schema: number; derived: number }>(
      `MATCH (r:Run) WHERE r.id IN $ids
       MATCH (v:DatasetVersion)-[:WRITTEN_BY]->(r)
       RETURN r.id AS run, r.state AS state, r.startedAt AS started, r.endedAt AS ended,
              COUNT { (r)-[:RUN_OF]->() } AS runOf, COUNT { (r)-[:PARENT_RUN]->() } AS parent, COUNT { (r)-[:READ]->() } AS read,
              COUNT { (v)-[:WRITTEN_BY]->() } AS written, COUNT { (v)-[:VERSION_OF]->() } AS versionOf,
              COUNT { (v)-[:HAS_SCHEMA]->() } AS schema, COUNT { (v)-[:DERIVED_FROM]->() } AS derived`,
      { ids: [a.runId, b.runId, c.runId] },
    );
    const byRun = new Map(edges.map((e) => [e.run, e]));
    for (const [m, state] of [[a, "COMPLETE"], [b, "COMPLETE"], [c, "START"]] as const) {
      expect(byRun.get(m.runId)).toMatchObject({ state, started: m.start.eventTime, ended: state === "COMPLETE" ? m.complete.eventTime : null, runOf: 1, parent: 1, read: 1, written: 1, versionOf: 1, schema: 1, derived: 1 });
    }
    const [{ parentRunOf }] = await cypher<{ parentRunOf: number }>(`MATCH (p:Run {id: $id}) RETURN COUNT { (p)-[:RUN_OF]->() } AS parentRunOf`, { id: a.parentRunId });
    expect(parentRunOf).toBe(1);
  });

  it("commits an event's graph, its raw copy and one audit event together; a replay writes nothing", async () => {
    const b = batch(3);
    const runIds = b.map((p) => p.rows.runs[0].id);
    // Other files write at the same time: the audit events of this batch are those naming its runs.
    const [{ before }] = await cypher<{ before: number }>(`MATCH (h:AuditHead) RETURN h.seq AS before`);
    const auditOfBatch = () =>
      cypher<{ op: string; subjects: string[] }>(
        `MATCH (e:AuditEvent) WHERE e.seq > $before AND any(s IN e.subjects WHERE s IN $runIds) RETURN e.operation AS op, e.subjects AS subjects`,
        { before, runIds },
      );
    await ingest(caller, b);
    const audits = await auditOfBatch();
    expect(audits).toHaveLength(1);
    expect(audits[0].op).toBe("openLineageIngest");
    expect(audits[0].subjects).toEqual(expect.arrayContaining([...b.map((p) => p.rows.events[0].id), ...runIds]));
    const again = await ingest(caller, b);
    expect(again.every((o) => o.ok && o.duplicate)).toBe(true);
    expect(await auditOfBatch()).toHaveLength(1);
    const [{ n }] = await cypher<{ n: number }>(`MATCH (e:OpenLineageEvent) WHERE e.runId IN $ids RETURN count(e) AS n`, { ids: runIds });
    expect(n).toBe(3);
  });
});
