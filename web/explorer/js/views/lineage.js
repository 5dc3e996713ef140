import { gql } from "../api.js";
import { facts, h, link, show } from "../dom.js";
import { drawGraph } from "../graph.js";
import { go } from "../router.js";
import { lineageHref, nodeHref } from "./links.js";
import { openLineageLink } from "./openlineage.js";

/** Most nodes drawn at once: beyond it the nearest are drawn and a marker says so (the tab never freezes). */
export const MAX_DRAWN = 2000;
/** Most nodes one API answer holds (MAX_LINEAGE_NODES in subgraphs/compliance/lineage/store.ts; a test keeps them equal). */
const API_MAX_NODES = 5000;
const NARROW = "Narrow it: a lower depth, one direction (upstream or downstream) instead of both, or an earlier \"as of\" date.";
const DIRECTIONS = ["UPSTREAM", "DOWNSTREAM", "BOTH"];

const LINEAGE = `query Lineage($id: ID!, $direction: LineageDirection, $depth: Int, $asOf: DateTime) {
  lineage(id: $id, direction: $direction, depth: $depth, asOf: $asOf) { truncated nodes { id kind label distance namespace name } edges { from to type detail } } }`;

/** The nearest MAX_DRAWN nodes and the edges between them. */
function capped(graph) {
  if (graph.nodes.length <= MAX_DRAWN) return graph;
  const nodes = [...graph.nodes].sort((a, b) => a.distance - b.distance).slice(0, MAX_DRAWN);
  const kept = new Set(nodes.map((n) => n.id));
  return { ...graph, nodes, edges: graph.edges.filter((e) => kept.has(e.from) && kept.has(e.to)) };
}

function controls(id, p) {
  const field = (label, input) => h("label", {}, label, " ", input);
  const direction = h("select", { name: "direction" }, DIRECTIONS.map((d) => h("option", { value: d, selected: d === p.direction }, d.toLowerCase())));
  const depth = h("input", { name: "depth", type: "number", min: 1, max: 50, value: p.depth, required: true });
  const asOf = h("input", { name: "asOf", type: "text", value: p.asOf ?? "", placeholder: "2026-11-01T00:00:00Z", size: 22, "aria-label": "As of (ISO date and time)" });
  return h("form", { class: "controls", onsubmit: (e) => (e.preventDefault(), go("node", id, { direction: direction.value, depth: depth.value, asOf: asOf.value.trim() })) },
    field("Direction", direction), field("Depth", depth), field("As of", asOf), h("button", { type: "submit" }, "Draw"));
}

export async function lineageView(route, ctx) {
  const p = {
    direction: DIRECTIONS.includes(route.params.get("direction")) ? route.params.get("direction") : "UPSTREAM",
    depth: route.params.get("depth") ?? "5",
    asOf: route.params.get("asOf") || undefined,
  };
  const answer = (await gql(LINEAGE, { id: route.id, direction: p.direction, depth: Number(p.depth), asOf: p.asOf })).lineage;
  if (ctx.stale()) return;
  const graph = capped(answer);
  const byId = new Map(answer.nodes.map((n) => [n.id, n]));
  const start = byId.get(route.id);
  const markers = [];
  const count = (n) => n.toLocaleString("en");
  // The node limit cut the walk (not just the depth): the answer is a part of the lineage, say how to get a whole one.
  const cutByLimit = answer.truncated && answer.nodes.length >= API_MAX_NODES;
  if (cutByLimit) markers.push(h("p", { class: "truncated", id: "api-truncated", role: "status" }, `Truncated: this lineage has more than the ${count(API_MAX_NODES)} nodes one answer holds; only the nearest came back. ${NARROW}`));
  else if (answer.truncated) markers.push(h("p", { class: "truncated", id: "api-truncated", role: "status" }, `Truncated: more lies beyond depth ${p.depth} (or the API's edge limit); raise the depth to see it.`));
  if (graph.nodes.length < answer.nodes.length) markers.push(h("p", { class: "truncated", id: "drawn-cap", role: "status" }, `Drawing the nearest ${count(graph.nodes.length)} of the ${count(answer.nodes.length)} nodes the API returned, so the page stays responsive.${cutByLimit ? "" : ` ${NARROW}`}`));

  const panel = h("div", { id: "node-facts", "aria-live": "polite" }, h("p", { class: "hint" }, "Select a node (click it, or pick it in the list below)."));
  const container = h("div", { id: "graph", role: "img", "aria-label": `Lineage graph of ${start?.label ?? route.id}` });
  const status = h("p", { id: "graph-status", dataset: { drawnNodes: graph.nodes.length, drawnEdges: graph.edges.length, apiNodes: answer.nodes.length } },
    `${graph.nodes.length} nodes and ${graph.edges.length} edges drawn (${p.direction.toLowerCase()}, depth ${p.depth}${p.asOf ? `, as of ${p.asOf}` : ""}).`);
  const filter = h("input", { type: "search", id: "node-filter", placeholder: "filter nodes", "aria-label": "Filter nodes" });
  const list = h("ul", { class: "node-list" });

  show(h("h1", {}, `Lineage of ${start?.label ?? route.id}`), controls(route.id, p), markers, status,
    h("div", { class: "lineage" }, container, h("aside", {}, panel, filter, list)));
  if (!start && answer.nodes.length === 0) container.append(h("p", { class: "hint" }, "Nothing existed at that time."));

  let view;
  const select = (id) => {
    const n = byId.get(id);
    if (!n) return;
    view?.select(id);
    const expand = h("button", { type: "button", onclick: () => expandFrom(n, expand) }, "Expand from here");
    panel.replaceChildren(h("h2", {}, n.label), facts([["Id", n.id], ["Kind", n.kind], ["Hops from start", n.distance]]),
      h("p", {}, link(nodeHref(n.kind, n.id), n.kind === "Decision" ? "Trace this decision" : "Open"), " · ", link(lineageHref(n.id, p.direction, p.depth), "Lineage from here")),
      openLineageLink(n) ? h("p", { class: "openlineage" }, openLineageLink(n)) : null, expand);
  };
  const expandFrom = async (n, button) => {
    button.disabled = true;
    const more = (await gql(LINEAGE, { id: n.id, direction: "BOTH", depth: 2, asOf: p.asOf })).lineage;
    for (const m of more.nodes) if (!byId.has(m.id)) byId.set(m.id, { ...m, distance: n.distance + m.distance });
    const added = view.merge(capped(more));
    button.textContent = `Expanded: ${added} new node${added === 1 ? "" : "s"}`;
    status.dataset.drawnNodes = String(view.cy.nodes().length);
  };
  const renderList = () => {
    const q = filter.value.trim().toLowerCase();
    const hits = graph.nodes.filter((n) => !q || n.label.toLowerCase().includes(q) || n.kind.toLowerCase().includes(q)).slice(0, 100);
    list.replaceChildren(...hits.map((n) => h("li", {}, h("button", { type: "button", class: "node", onclick: () => select(n.id) }, `${n.label} `, h("span", { class: "kind" }, n.kind)))));
  };
  filter.addEventListener("input", renderList);
  renderList();
  view = drawGraph(container, { nodes: graph.nodes, edges: graph.edges, startId: route.id, onSelect: select });
  // What cytoscape actually holds, so a test compares the drawing, not the input.
  Object.assign(status.dataset, { drawnNodes: view.cy.nodes().length, drawnEdges: view.cy.edges().length });
  container.dataset.ready = "true";
}
