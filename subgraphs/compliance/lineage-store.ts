import type { Ctx } from "../../runtime/context.js";
import { read, type Tx } from "../../runtime/db.js";
import type { LineageDirection, LineageEdge, LineageGraph, LineageNode } from "./types.js";

/** Default and hard maximum depth of a lineage walk. */
export const DEFAULT_LINEAGE_DEPTH = 10;
export const MAX_LINEAGE_DEPTH = 50;
/** Most nodes one answer holds; beyond it the walk stops and says it truncated. */
export const MAX_LINEAGE_NODES = 5000;

/** Relationship types of the lineage, all pointing from the dependent to what it depends on. */
const LINEAGE_RELS = "PART_OF|VERSION_OF|TRAINED_BY|USED|USED_COMPUTE|ON_CLUSTER|AT_SITE|DEPLOYS|DERIVED_FROM|APPROVES|SUPERSEDES|PREVIOUS_VERSION|ASSESSES|MEASURED";

/** The node's own label (every lineage node also carries :Entity). */
const KIND = "[l IN labels(n) WHERE l <> 'Entity'][0]";

const LABEL = `
  CASE ${KIND}
    WHEN 'AISystem' THEN n.name + ' ' + n.version
    WHEN 'ModelVersion' THEN 'v' + n.version
    WHEN 'DatasetVersion' THEN coalesce(n.datasetName, 'dataset') + ' ' + n.version
    WHEN 'TrainingRun' THEN 'training run ' + n.startedAt
    WHEN 'Deployment' THEN n.environment + ' deployment'
    WHEN 'Approval' THEN n.decision + ' by ' + n.approver
    WHEN 'ComputeAllocation' THEN toString(n.gpuCount) + ' GPUs from ' + n.startedAt
    WHEN 'Decision' THEN 'decision ' + n.id
    WHEN 'DriftReport' THEN 'drift ' + n.status
    ELSE coalesce(n.name, n.hazard, n.id)
  END`;

interface Hop {
  from: string;
  to: string;
  type: string;
  detail: string | null;
  next: { id: string; kind: string; label: string; createdAt: string };
}

/** One BFS level: the edges leaving the frontier in the walk's direction, with the nodes they reach. */
function hops(tx: Tx, frontier: string[], direction: LineageDirection, asOf: string | null): Promise<Hop[]> {
  const pattern = { UPSTREAM: "(m)-[r:REL]->(n)", DOWNSTREAM: "(m)<-[r:REL]-(n)", BOTH: "(m)-[r:REL]-(n)" }[direction].replace("REL", LINEAGE_RELS);
  return tx.run<Hop>({
    cypher: `
      UNWIND $frontier AS fid
      MATCH (m:Entity {id: fid})
      MATCH ${pattern}
      WHERE $asOf IS NULL OR n.createdAt <= $asOf
      RETURN startNode(r).id AS from, endNode(r).id AS to, type(r) AS type,
             coalesce(r.transformation, r.role) AS detail,
             {id: n.id, kind: ${KIND}, label: ${LABEL}, createdAt: n.createdAt} AS next`,
    params: { frontier, asOf },
  });
}

/** The start node (a decision also counts: it links to its model version and deployment by id). */
async function startNode(tx: Tx, id: string, asOf: string | null) {
  const rows = await tx.run<{ node: LineageNode & { createdAt: string }; links: { to: string; type: string }[] }>({
    cypher: `
      CALL () { MATCH (n:Entity {id: $id}) RETURN n UNION MATCH (n:Decision {id: $id}) RETURN n }
      WITH n WHERE $asOf IS NULL OR n.createdAt <= $asOf
      RETURN {id: n.id, kind: ${KIND}, label: ${LABEL}, createdAt: n.createdAt, distance: 0} AS node,
             CASE WHEN n:Decision THEN [x IN [{to: n.modelVersionId, type: 'MADE_BY'}, {to: n.deploymentId, type: 'AT_DEPLOYMENT'}] WHERE x.to IS NOT NULL] ELSE [] END AS links
      LIMIT 1`,
    params: { id, asOf },
  });
  return rows[0];
}

/**
 * Walks the lineage breadth-first, one statement per level, keeping every edge between the
 * nodes it reaches (so every path is present, not one of several). `truncated` is true
 * exactly when an edge at the depth limit leads to a node not in the answer.
 */
export function lineage(ctx: Ctx, id: string, direction: LineageDirection, depth: number, asOf: string | null): Promise<LineageGraph> {
  return read({ op: "lineage", stats: ctx.stats }, async (tx) => {
    const start = await startNode(tx, id, asOf);
    if (!start) return { nodes: [], edges: [], truncated: false };
    const nodes = new Map<string, LineageNode>([[id, { id, kind: start.node.kind, label: start.node.label, distance: 0 }]]);
    const edges = new Map<string, LineageEdge>();
    let frontier = [id];
    let offset = 0;
    if (start.links.length && direction !== "DOWNSTREAM") {
      for (const l of start.links) edges.set(`${id}|${l.type}|${l.to}`, { from: id, to: l.to, type: l.type, detail: null });
      // The decision's targets are the first level; their own nodes come from the next statement.
      frontier = start.links.map((l) => l.to);
      if (depth === 0) return { nodes: [...nodes.values()], edges: [], truncated: true };
      const rows = await tx.run<{ node: LineageNode }>({
        cypher: `UNWIND $ids AS i MATCH (n:Entity {id: i}) RETURN {id: n.id, kind: ${KIND}, label: ${LABEL}, distance: 1} AS node`,
        params: { ids: frontier },
      });
      for (const r of rows) nodes.set(r.node.id, r.node);
      depth -= 1;
      offset = 1;
    }
    let truncated = false;
    for (let level = 1; frontier.length > 0; level++) {
      const found = await hops(tx, frontier, direction, asOf);
      const next: string[] = [];
      for (const h of found) {
        const known = nodes.has(h.next.id);
        if (level > depth && !known) {
          truncated = true;
          continue;
        }
        if (!known) {
          if (nodes.size >= MAX_LINEAGE_NODES) {
            truncated = true;
            continue;
          }
          nodes.set(h.next.id, { id: h.next.id, kind: h.next.kind, label: h.next.label, distance: level + offset });
          next.push(h.next.id);
        }
        edges.set(`${h.from}|${h.type}|${h.to}`, { from: h.from, to: h.to, type: h.type, detail: h.detail });
      }
      if (level > depth) break;
      frontier = next;
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
  });
}
