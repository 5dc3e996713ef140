import type { Ctx } from "../../../runtime/context.js";
import { read, type Tx } from "../../../runtime/db.js";
// Types only: the store stays free of type-graphql, so tests and tools can call it directly.
import type { LineageDirection, LineageEdge, LineageGraph, LineageNode } from "../types.js";

/** Default and hard maximum depth of a lineage walk (the maximum covers derivation chains 50 deep). */
export const DEFAULT_LINEAGE_DEPTH = 10;
export const MAX_LINEAGE_DEPTH = 50;
/** Most nodes and edges one answer holds; beyond them the walk stops and says it truncated. */
export const MAX_LINEAGE_NODES = 5000;
export const MAX_LINEAGE_EDGES = 20_000;

/**
 * Relationship types of the lineage, all pointing from the dependent to what it depends on.
 * OpenLineage (subgraphs/datasets/openlineage): a Run is RUN_OF its Job, READ its inputs, has a
 * PARENT_RUN; an output version is WRITTEN_BY its run; a TrainingRun is RECORDED_AS a Run; a
 * DatasetField (column) FIELD_DERIVED_FROM the input columns the columnLineage facet names.
 */
const LINEAGE_RELS = "PART_OF|VERSION_OF|TRAINED_BY|USED|USED_COMPUTE|ON_CLUSTER|AT_SITE|DEPLOYS|DERIVED_FROM|APPROVES|SUPERSEDES|PREVIOUS_VERSION|ASSESSES|MEASURES|MEASURED_ON|REVIEWS|DRIFT_OF|DRIFT_OF_MODEL|DRIFT_REFERENCE|CONCERNS|RUN_OF|PARENT_RUN|READ|WRITTEN_BY|RECORDED_AS|FIELD_DERIVED_FROM";

/** The node's own label (every lineage node but a decision also carries :Entity). */
const KIND = "[l IN labels(n) WHERE l <> 'Entity'][0]";

/**
 * A short label a frontend can draw without another query. Needs `n` and `kind` in scope; the
 * outer coalesce keeps it non-null whatever property a node lacks.
 */
export const LABEL = `coalesce(
  CASE kind
    WHEN 'AISystem' THEN n.name + ' ' + n.version
    WHEN 'ModelVersion' THEN coalesce(head([(n)-[:VERSION_OF]->(m:Model) | m.name]) + ' ', '') + 'v' + n.version
    WHEN 'DatasetVersion' THEN coalesce(n.datasetName, 'dataset') + ' ' + n.version
    WHEN 'TrainingRun' THEN 'training run ' + n.startedAt
    WHEN 'Deployment' THEN n.environment + ' deployment'
    WHEN 'Decision' THEN 'decision ' + n.occurredAt
    WHEN 'Approval' THEN n.decision + ' by ' + n.approver
    WHEN 'RiskAssessment' THEN 'risk: ' + n.hazard
    WHEN 'Site' THEN n.name + ' (' + n.country + ')'
    WHEN 'GpuCluster' THEN n.name + ' (' + toString(n.gpuCount) + ' x ' + n.gpuModel + ')'
    WHEN 'ComputeAllocation' THEN toString(n.gpuCount) + ' GPUs from ' + n.startedAt
    WHEN 'Metric' THEN n.name + ' = ' + toString(n.value)
    WHEN 'DecisionReview' THEN n.outcome + ' by ' + n.reviewer
    WHEN 'DriftReport' THEN 'drift ' + n.status
    WHEN 'Incident' THEN 'incident ' + n.category
    WHEN 'Job' THEN n.namespace + '/' + n.name
    WHEN 'DatasetField' THEN n.datasetName + '.' + n.name
    WHEN 'Run' THEN n.name + coalesce(' (' + n.state + ')', '')
  END, n.name, kind + ' ' + n.id)`;

/**
 * The OpenLineage job (Job, Run) or dataset (Dataset, DatasetVersion, DatasetField) a node
 * belongs to, as {namespace, name}; null for every other node. Needs `n` and `kind` in scope.
 */
const OPENLINEAGE = `CASE kind
    WHEN 'Job' THEN {namespace: n.namespace, name: n.name}
    WHEN 'Dataset' THEN {namespace: n.namespace, name: n.name}
    WHEN 'Run' THEN head([(n)-[:RUN_OF]->(j:Job) | {namespace: j.namespace, name: j.name}])
    WHEN 'DatasetVersion' THEN head([(n)-[:VERSION_OF]->(d:Dataset) WHERE d.namespace IS NOT NULL | {namespace: d.namespace, name: d.name}])
    WHEN 'DatasetField' THEN head([(n)-[:FIELD_OF]->(:DatasetVersion)-[:VERSION_OF]->(d:Dataset) WHERE d.namespace IS NOT NULL | {namespace: d.namespace, name: d.name}])
  END`;
/** A node as the walk returns it. */
const NODE = `{id: n.id, kind: kind, label: ${LABEL}, ol: ${OPENLINEAGE}}`;
type WalkNode = { id: string; kind: string; label: string; ol: { namespace: string | null; name: string | null } | null };
/** The node as the API answers it: the OpenLineage coordinates flattened, null when absent. */
const toNode = (n: WalkNode, distance: number): LineageNode => ({ id: n.id, kind: n.kind, label: n.label, distance, namespace: n.ol?.namespace ?? null, name: n.ol?.name ?? null });

/** The direction argument as plain strings (the GraphQL enum's values). */
export type Direction = `${LineageDirection}`;

/** Which way a walk goes: toward dependencies (up) or dependents (down). BOTH runs both walks. */
type Walk = "UP" | "DOWN";

interface Frontier {
  entities: string[];
  /** Decisions are not :Entity (they are looked up by their own index) and link by id properties. */
  decisions: string[];
}
const emptyFrontier = (): Frontier => ({ entities: [], decisions: [] });
const isEmpty = (f: Frontier) => f.entities.length + f.decisions.length === 0;
const add = (f: Frontier, n: { id: string; kind: string }) => (n.kind === "Decision" ? f.decisions : f.entities).push(n.id);

interface Hop {
  walk: Walk;
  from: string;
  to: string;
  type: string;
  detail: string | null;
  next: WalkNode;
}

const REL = `coalesce(r.transformation, r.role) AS detail`;

/**
 * One BFS level of both walks in one statement: the edges leaving each frontier in its walk's
 * direction, with the nodes they reach. A decision's upstream links (MADE_BY, AT_DEPLOYMENT)
 * come from its id properties, because decisions carry no relationships to their model version.
 * `asOf` drops nodes created later; an edge is created with the later of its two nodes, so
 * that also drops the edges that did not exist yet.
 */
function hops(tx: Tx, up: Frontier, down: Frontier, asOf: string | null, limit: number): Promise<Hop[]> {
  return tx.run<Hop>({
    cypher: `
      CALL () {
        UNWIND $upEntities AS fid
        MATCH (:Entity {id: fid})-[r:${LINEAGE_RELS}]->(n)
        RETURN 'UP' AS walk, startNode(r).id AS from, endNode(r).id AS to, type(r) AS type, ${REL}, n
        UNION ALL
        UNWIND $upDecisions AS fid
        MATCH (m:Decision {id: fid})
        UNWIND [x IN [{to: m.modelVersionId, type: 'MADE_BY'}, {to: m.deploymentId, type: 'AT_DEPLOYMENT'}] WHERE x.to IS NOT NULL] AS link
        MATCH (n:Entity {id: link.to})
        RETURN 'UP' AS walk, m.id AS from, n.id AS to, link.type AS type, null AS detail, n
        UNION ALL
        UNWIND $downEntities AS fid
        MATCH (:Entity {id: fid})<-[r:${LINEAGE_RELS}]-(n)
        RETURN 'DOWN' AS walk, startNode(r).id AS from, endNode(r).id AS to, type(r) AS type, ${REL}, n
        UNION ALL
        UNWIND $downDecisions AS fid
        MATCH (:Decision {id: fid})<-[r:${LINEAGE_RELS}]-(n)
        RETURN 'DOWN' AS walk, startNode(r).id AS from, endNode(r).id AS to, type(r) AS type, ${REL}, n
      }
      WITH walk, from, to, type, detail, n WHERE $asOf IS NULL OR n.createdAt <= $asOf
      WITH walk, from, to, type, detail, n, ${KIND} AS kind
      RETURN walk, from, to, type, detail, ${NODE} AS next
      LIMIT $limit`,
    params: { upEntities: up.entities, upDecisions: up.decisions, downEntities: down.entities, downDecisions: down.decisions, asOf, limit },
  });
}

/** The start node, of any kind (decisions included), with its creation time. */
async function startNode(tx: Tx, id: string) {
  const rows = await tx.run<{ node: WalkNode; createdAt: string | null }>({
    cypher: `
      CALL () { MATCH (n:Entity {id: $id}) RETURN n UNION MATCH (n:Decision {id: $id}) RETURN n }
      WITH n, ${KIND} AS kind
      RETURN ${NODE} AS node, n.createdAt AS createdAt
      LIMIT 1`,
    params: { id },
  });
  return rows[0];
}

/**
 * Walks the lineage breadth-first, one statement per level (at most depth + 2 statements),
 * keeping every edge between the nodes it reaches, so every path is present, not one of
 * several. A node is in the answer when its distance is at most `depth`; `truncated` is true
 * exactly when some node lies beyond, or MAX_LINEAGE_NODES / MAX_LINEAGE_EDGES cut the answer.
 * UPSTREAM follows edges toward what a node depends on, DOWNSTREAM toward what depends on it,
 * BOTH does both walks from the start node (its ancestors and its descendants, not everything
 * connected to them).
 * Null when no node has this id; an empty graph when it did not exist yet at `asOf`.
 */
export function lineage(ctx: Ctx, id: string, direction: Direction, depth: number, asOf: string | null): Promise<LineageGraph | null> {
  return read({ op: "lineage", stats: ctx.stats }, async (tx) => {
    const start = await startNode(tx, id);
    if (!start) return null;
    if (asOf !== null && !(start.createdAt !== null && start.createdAt <= asOf)) return { nodes: [], edges: [], truncated: false };
    const nodes = new Map<string, LineageNode>([[id, toNode(start.node, 0)]]);
    const edges = new Map<string, LineageEdge>();
    const frontier: Record<Walk, Frontier> = { UP: emptyFrontier(), DOWN: emptyFrontier() };
    if (direction !== "DOWNSTREAM") add(frontier.UP, start.node);
    if (direction !== "UPSTREAM") add(frontier.DOWN, start.node);
    let truncated = false;
    // Level depth + 1 still runs: it finds edges among nodes already in the answer, and whether anything lies beyond.
    for (let level = 1; !isEmpty(frontier.UP) || !isEmpty(frontier.DOWN); level++) {
      // One row more than the edge budget allows tells that the budget cut something (a hub such as a busy site).
      const room = MAX_LINEAGE_EDGES - edges.size;
      const found = await hops(tx, frontier.UP, frontier.DOWN, asOf, room + 1);
      if (found.length > room) {
        truncated = true;
        found.length = room;
      }
      const next: Record<Walk, Frontier> = { UP: emptyFrontier(), DOWN: emptyFrontier() };
      for (const h of found) {
        if (!nodes.has(h.next.id)) {
          if (level > depth || nodes.size >= MAX_LINEAGE_NODES) {
            truncated = true;
            continue;
          }
          nodes.set(h.next.id, toNode(h.next, level));
          add(next[h.walk], h.next);
        }
        edges.set(`${h.from}|${h.type}|${h.to}|${h.detail ?? ""}`, { from: h.from, to: h.to, type: h.type, detail: h.detail });
      }
      if (level > depth) break;
      Object.assign(frontier, next);
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
  });
}
