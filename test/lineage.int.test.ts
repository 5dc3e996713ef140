import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { impact } from "../subgraphs/compliance/lineage/impact-store.js";
import { lineage, MAX_LINEAGE_DEPTH } from "../subgraphs/compliance/lineage/store.js";
import { traceDecision } from "../subgraphs/compliance/trace/store.js";
import { connectTestDb, ctxFor, cypher, disconnect } from "./support/db.js";
import { uniq } from "./support/uniq.js";

// A derivation DAG of 1,000 dataset versions: 50 generations of 20, each version derived from
// two of the generation before, some also from one three generations back (paths of unequal
// length to the same node). Expectations come from a BFS over the same edge list in JS.
const GENERATIONS = 50;
const WIDTH = 20;
const prefix = uniq("dag");
const idOf = (gen: number, j: number) => `${prefix}-${gen}-${j}`;
const createdAtOf = (gen: number) => new Date(Date.UTC(2026, 0, 1) + gen * 60_000).toISOString();

const edges: [string, string][] = [];
for (let gen = 1; gen < GENERATIONS; gen++) {
  for (let j = 0; j < WIDTH; j++) {
    edges.push([idOf(gen, j), idOf(gen - 1, j)], [idOf(gen, j), idOf(gen - 1, (j + 1) % WIDTH)]);
    if (gen >= 3 && j % 3 === 0) edges.push([idOf(gen, j), idOf(gen - 3, (j * 7 + gen) % WIDTH)]);
  }
}
// A model version trained on the newest version, and one decision it made (not in the DAG's generations).
const top = idOf(GENERATIONS - 1, 0);
const [mvId, runId, decisionId] = [`${prefix}-mv`, `${prefix}-run`, `${prefix}-decision`];
const dagEdges = [...edges];
edges.push([runId, top], [mvId, runId]);
const generationOf = (id: string) => Number(id.split("-").at(-2));

/** Distances from `start` following edges forward (upstream) or backward (downstream), ignoring nodes outside `keep`. */
function bfs(start: string, upstream: boolean, keep: (id: string) => boolean = () => true): Map<string, number> {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) {
    const [a, b] = upstream ? [from, to] : [to, from];
    if (keep(a) && keep(b)) (next.get(a) ?? next.set(a, []).get(a)!).push(b);
  }
  const dist = new Map([[start, 0]]);
  let frontier = [start];
  for (let d = 1; frontier.length; d++) {
    const found = frontier.flatMap((id) => next.get(id) ?? []).filter((id) => !dist.has(id));
    for (const id of found) dist.set(id, d);
    frontier = [...new Set(found)];
  }
  return dist;
}

/** What a walk of `depth` must answer, derived from the full BFS distances. */
function expected(dist: Map<string, number>, depth: number) {
  const inside = new Set([...dist].filter(([, d]) => d <= depth).map(([id]) => id));
  return {
    nodes: inside,
    edges: edges.filter(([f, t]) => inside.has(f) && inside.has(t)).length,
    truncated: [...dist.values()].some((d) => d > depth),
  };
}

beforeAll(async () => {
  connectTestDb();
  const rows = Array.from({ length: GENERATIONS * WIDTH }, (_, i) => {
    const gen = Math.floor(i / WIDTH);
    return { id: idOf(gen, i % WIDTH), version: `${gen}.${i % WIDTH}`, createdAt: createdAtOf(gen) };
  });
  await cypher(`UNWIND $rows AS r CREATE (n:DatasetVersion:Entity) SET n = r, n.datasetName = 'dag'`, { rows });
  await cypher(
    `UNWIND $edges AS e MATCH (a:DatasetVersion {id: e[0]}), (b:DatasetVersion {id: e[1]}) CREATE (a)-[:DERIVED_FROM {transformation: 'derive'}]->(b)`,
    { edges: dagEdges },
  );
  await cypher(
    `MATCH (top:DatasetVersion {id: $top})
     CREATE (mv:ModelVersion:Entity {id: $mv, version: '1', createdAt: $t})-[:TRAINED_BY]->(run:TrainingRun:Entity {id: $run, startedAt: $t, createdAt: $t})-[:USED {role: 'TRAINING'}]->(top)
     CREATE (:Decision {id: $decision, modelVersionId: mv.id, occurredAt: $t, createdAt: $t})`,
    { top, mv: mvId, run: runId, decision: decisionId, t: createdAtOf(GENERATIONS) },
  );
});
afterAll(async () => {
  const ids = [...Array.from({ length: GENERATIONS * WIDTH }, (_, i) => idOf(Math.floor(i / WIDTH), i % WIDTH)), mvId, runId];
  await cypher(`UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n`, { ids });
  await cypher(`MATCH (d:Decision {id: $id}) DELETE d`, { id: decisionId });
  await disconnect();
});

// Generous: the machine running the suite may be loaded; nothing here asserts a duration.
describe("lineage walk over a 1,000-node derivation DAG", { timeout: 240_000 }, () => {
  it("walks upstream 20 levels: every node and edge within reach, truncated, at most depth + 2 statements", async () => {
    const start = idOf(GENERATIONS - 1, 0);
    const want = expected(bfs(start, true), 20);
    const ctx = ctxFor("int-test", ["lineage:read"]);
    const g = (await lineage(ctx, start, "UPSTREAM", 20, null))!;
    console.log(`lineage depth 20 over ${GENERATIONS * WIDTH} nodes: ${g.nodes.length} nodes, ${g.edges.length} edges, ${ctx.stats.statements} statements`);
    expect(new Set(g.nodes.map((n) => n.id))).toEqual(want.nodes);
    expect(g.edges).toHaveLength(want.edges);
    expect(g.truncated).toBe(want.truncated);
    expect(g.truncated).toBe(true);
    expect(ctx.stats.statements).toBeLessThanOrEqual(20 + 2);
    const dist = bfs(start, true);
    for (const n of g.nodes) expect(n.distance, n.id).toBe(dist.get(n.id));
    expect(g.nodes.every((n) => n.kind === "DatasetVersion" && n.label.startsWith("dag "))).toBe(true);
  });

  it("is not truncated when the depth covers the longest distance, and is at one less", async () => {
    const start = idOf(GENERATIONS - 1, 0);
    const dist = bfs(start, true);
    const longest = Math.max(...dist.values());
    const all = (await lineage(ctxFor("int-test"), start, "UPSTREAM", longest, null))!;
    expect(all.truncated).toBe(false);
    expect(all.nodes).toHaveLength(dist.size);
    const cut = (await lineage(ctxFor("int-test"), start, "UPSTREAM", longest - 1, null))!;
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toHaveLength(expected(dist, longest - 1).nodes.size);
  });

  it("walks downstream at the maximum depth, and as of a past time only through what existed", async () => {
    const start = idOf(0, 0);
    const ctx = ctxFor("int-test");
    const down = (await lineage(ctx, start, "DOWNSTREAM", MAX_LINEAGE_DEPTH, null))!;
    const want = expected(bfs(start, false), MAX_LINEAGE_DEPTH);
    expect(new Set(down.nodes.map((n) => n.id))).toEqual(want.nodes);
    expect([down.edges.length, down.truncated]).toEqual([want.edges, want.truncated]);
    expect(down.nodes.find((n) => n.id === mvId)?.kind).toBe("ModelVersion"); // the walk leaves the datasets for what they trained
    expect(ctx.stats.statements).toBeLessThanOrEqual(MAX_LINEAGE_DEPTH + 2);

    const asOf = createdAtOf(10);
    const past = (await lineage(ctxFor("int-test"), start, "DOWNSTREAM", 20, asOf))!;
    const wantPast = expected(bfs(start, false, (id) => generationOf(id) <= 10), 20);
    expect(new Set(past.nodes.map((n) => n.id))).toEqual(wantPast.nodes);
    expect([past.edges.length, past.truncated]).toEqual([wantPast.edges, false]);
  });

  // Unpruned, these traversals would enumerate every path: about 2^49 through this DAG.
  it("traces a decision to every upstream version and finds the impact of the oldest, each in one statement", async () => {
    const ctx = ctxFor("int-test");
    const t = (await traceDecision(ctx, decisionId))!;
    expect(new Set(t.datasets.map((d) => d.id))).toEqual(new Set(bfs(top, true).keys()));
    expect(t.run?.id).toBe(runId);
    const r = await impact(ctx, idOf(0, 0));
    const derived = [...bfs(idOf(0, 0), false).keys()].filter((id) => id !== idOf(0, 0) && id !== runId && id !== mvId);
    expect(new Set(r.datasetVersions)).toEqual(new Set(derived));
    expect(r).toMatchObject({ found: true, trainingRuns: [runId], modelVersions: [mvId], total: 1 });
    expect(ctx.stats.statements).toBe(2);
  });
});
