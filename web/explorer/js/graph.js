import cytoscape from "../vendor/cytoscape.mjs";
import dagre from "../vendor/cytoscape-dagre.mjs";

cytoscape.use(dagre);

/** Above this many nodes the layered layout is computed here in one pass (dagre would freeze the tab). */
const DAGRE_MAX = 400;
/** Left to right; labels count in each node's size, so no two labels are drawn over each other. */
const DAGRE = { name: "dagre", rankDir: "LR", nodeSep: 8, rankSep: 40, nodeDimensionsIncludeLabels: true, fit: true, padding: 20 };

const STYLE = [
  { selector: "node", style: { label: "data(label)", "font-size": 11, "min-zoomed-font-size": 7, "text-valign": "bottom", "text-margin-y": 4, width: 18, height: 18, "background-color": "#5b7fa6", color: "#1d2733", "text-max-width": 160, "text-wrap": "ellipsis" } },
  { selector: "node[kind = 'DatasetVersion']", style: { shape: "round-rectangle", "background-color": "#3f8f6b" } },
  { selector: "node[kind = 'ModelVersion'], node[kind = 'Model']", style: { shape: "diamond", "background-color": "#8a5aa8" } },
  { selector: "node[kind = 'Site'], node[kind = 'GpuCluster'], node[kind = 'ComputeAllocation']", style: { shape: "hexagon", "background-color": "#b07a2a" } },
  { selector: "node[kind = 'Decision']", style: { shape: "ellipse", "background-color": "#2a6fb0" } },
  { selector: "node[kind = 'DatasetField']", style: { shape: "rectangle", width: 14, height: 14, "background-color": "#2f8f9d" } },
  { selector: "node[kind = 'Job']", style: { shape: "barrel", "background-color": "#6b6f7a" } },
  { selector: "node[kind = 'Approval']", style: { shape: "star", "background-color": "#6a8f2a" } },
  { selector: "node.start", style: { "border-width": 3, "border-color": "#111" } },
  { selector: "node.gap", style: { "background-color": "#c62828", "border-width": 3, "border-color": "#7f0000", color: "#7f0000", "font-weight": "bold" } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#f2a900" } },
  { selector: "edge", style: { width: 1.2, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.7, "line-color": "#9aa7b4", "target-arrow-color": "#9aa7b4" } },
];

/** Columns by hops along the edges from the start: what it depends on to the left, dependents to the right. */
function layeredPositions(nodes, edges, startId) {
  const rank = new Map([[startId, 0]]);
  const adj = new Map();
  const link = (a, b, d) => (adj.get(a) ?? adj.set(a, []).get(a)).push([b, d]);
  for (const e of edges) {
    link(e.from, e.to, -1);
    link(e.to, e.from, 1);
  }
  const queue = [startId];
  for (let i = 0; i < queue.length; i++) {
    for (const [next, d] of adj.get(queue[i]) ?? []) {
      if (!rank.has(next)) {
        rank.set(next, rank.get(queue[i]) + d);
        queue.push(next);
      }
    }
  }
  const rows = new Map();
  const positions = {};
  for (const n of nodes) {
    const r = rank.get(n.id) ?? 0;
    const row = rows.get(r) ?? 0;
    rows.set(r, row + 1);
    positions[n.id] = { x: r * 260, y: row * 36 };
  }
  return positions;
}

const element = (n, startId, highlight) => ({ data: { id: n.id, label: n.label, kind: n.kind }, classes: [n.id === startId ? "start" : "", highlight.has(n.id) ? "gap" : ""].join(" ") });
// Drawn from what is depended on toward the dependent, so data flows left to right.
const edgeElement = (e) => ({ data: { id: `${e.from}>${e.to}>${e.type}>${e.detail ?? ""}`, source: e.to, target: e.from, type: e.type } });

const PADDING = 20;

/**
 * Keeps the whole graph in view: fitted after every layout and whenever the container changes
 * size (window resize, side panel). The fitted size and the drawing's rendered box are written on
 * the container (data-fitted-to, data-drawn-box) so a test can check what the reader sees.
 */
function fitToView(cy, container) {
  let size = "";
  const fit = () => {
    if (!container.isConnected) return observer.disconnect();
    const { width, height } = container.getBoundingClientRect();
    if (width === 0 || height === 0) return;
    cy.resize();
    cy.fit(undefined, PADDING);
    const box = cy.elements().renderedBoundingBox();
    container.dataset.drawnBox = [box.x1, box.y1, box.x2, box.y2].map(Math.round).join(" ");
    container.dataset.fittedTo = `${Math.round(width)}x${Math.round(height)}`;
  };
  const observer = new ResizeObserver(() => {
    const { width, height } = container.getBoundingClientRect();
    const now = `${Math.round(width)}x${Math.round(height)}`;
    if (now !== size) (size = now), fit();
  });
  cy.on("layoutstop", fit);
  observer.observe(container);
  fit();
}

/** Draws a lineage graph left to right; returns the cytoscape instance and a merge function for "expand". */
export function drawGraph(container, { nodes, edges, startId, highlight = new Set(), onSelect }) {
  const big = nodes.length > DAGRE_MAX;
  const layout = () => (cy.nodes().length > DAGRE_MAX
    ? { name: "preset", positions: layeredPositions(cy.nodes().map((n) => ({ id: n.id() })), cy.edges().map((e) => ({ from: e.target().id(), to: e.source().id() })), startId), fit: true }
    : DAGRE);
  const cy = cytoscape({
    container,
    elements: [...nodes.map((n) => element(n, startId, highlight)), ...edges.map(edgeElement)],
    style: STYLE,
    layout: big ? { name: "preset", positions: layeredPositions(nodes, edges, startId), fit: true } : DAGRE,
    // Large graphs pan and zoom on a cached bitmap instead of redrawing every element.
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    pixelRatio: big ? 1 : "auto",
    minZoom: 0.02,
    maxZoom: 4,
    selectionType: "single",
  });
  cy.on("tap", "node", (e) => onSelect?.(e.target.id()));
  fitToView(cy, container);
  return {
    cy,
    /** Adds nodes and edges not drawn yet and lays the graph out again; returns how many nodes were new. */
    merge(more) {
      const fresh = more.nodes.filter((n) => cy.getElementById(n.id).empty());
      cy.add(fresh.map((n) => element(n, startId, highlight)));
      cy.add(more.edges.map(edgeElement).filter((e) => cy.getElementById(e.data.id).empty() && !cy.getElementById(e.data.source).empty() && !cy.getElementById(e.data.target).empty()));
      cy.layout(layout()).run();
      return fresh.length;
    },
    select(id) {
      const node = cy.getElementById(id);
      if (node.empty()) return;
      cy.elements().unselect();
      node.select();
      // Pan only to bring a node into view: a visible one stays where the reader saw it.
      const at = node.renderedPosition();
      if (at.x < 0 || at.y < 0 || at.x > cy.width() || at.y > cy.height()) cy.animate({ center: { eles: node } }, { duration: 150 });
    },
  };
}
