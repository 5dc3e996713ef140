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
  it("costs the same number of statements for 1 event and for 200", async () => {
    const one: StatementStats = { statements: 0 };
    const many: StatementStats = { statements: 0 };
    await ingest(caller, batch(1), one);
    const outcomes = await ingest(caller, batch(200), many);
    expect(outcomes.every((o) => o.ok && !o.duplicate)).toBe(true);
    expect(many.statements).toBe(one.statements);
  });

  it("commits an event's graph, its raw copy and one audit event together; a replay writes nothing", async () => {
    const b = batch(3);
    const runIds = b.map((p) => p.rows.runs[0].id);
    const [{ before }] = await cypher<{ before: number }>(`MATCH (h:AuditHead) RETURN h.seq AS before`);
    await ingest(caller, b);
    const [{ after }] = await cypher<{ after: number }>(`MATCH (h:AuditHead) RETURN h.seq AS after`);
    expect(after).toBeGreaterThan(before);
    const [audit] = await cypher<{ op: string; subjects: string[] }>(`MATCH (e:AuditEvent {seq: $seq}) RETURN e.operation AS op, e.subjects AS subjects`, { seq: after });
    expect(audit.op).toBe("openLineageIngest");
    expect(audit.subjects).toEqual(expect.arrayContaining([...b.map((p) => p.rows.events[0].id), ...runIds]));
    const again = await ingest(caller, b);
    expect(again.every((o) => o.ok && o.duplicate)).toBe(true);
    const [{ seq }] = await cypher<{ seq: number }>(`MATCH (h:AuditHead) RETURN h.seq AS seq`);
    expect(seq).toBe(after);
    const [{ n }] = await cypher<{ n: number }>(`MATCH (e:OpenLineageEvent) WHERE e.runId IN $ids RETURN count(e) AS n`, { ids: runIds });
    expect(n).toBe(3);
  });
});
