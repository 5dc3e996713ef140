import { rest, seg } from "../api.js";
import { fact, facts, h, section, show, when } from "../dom.js";
import { drawGraph } from "../graph.js";
import { go } from "../router.js";
import { facetList } from "./openlineage.js";

/** Marquez's default and largest column-lineage depth (read-store.ts). */
const DEPTH = { default: 5, max: 20 };

const table = (id, headers, rows) => h("table", { id }, h("thead", {}, h("tr", {}, headers.map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows));

/** A column as a reader names it: `dataset.column`, with the namespace when it is not this dataset's. */
const columnLabel = (d, ns) => `${d.dataset}.${d.field}${d.namespace === ns ? "" : ` (${d.namespace})`}`;

/** Marquez's column-lineage answer as lineage nodes and edges (edges from the derived column to its input). */
function columnGraph(answer, ns) {
  const nodes = answer.graph.map((n) => ({ id: n.id, kind: "DatasetField", label: columnLabel(n.data, ns), distance: 0 }));
  const edges = answer.graph.flatMap((n) => n.inEdges.map((e) => ({ from: e.destination, to: e.origin, type: "FIELD_DERIVED_FROM" })));
  return { nodes, edges };
}

function columnRows(answer, ns) {
  return answer.graph.filter((n) => n.data.inputFields.length).flatMap((n) => n.data.inputFields.map((i) =>
    h("tr", {}, h("td", {}, columnLabel(n.data, ns)), h("td", {}, columnLabel(i, ns)), h("td", {}, fact(i.transformationDescription)))));
}

function controls(ns, name, p) {
  const depth = h("input", { name: "depth", type: "number", min: 1, max: DEPTH.max, value: p.depth, required: true });
  const down = h("input", { name: "downstream", type: "checkbox", checked: p.downstream });
  return h("form", { class: "controls", onsubmit: (e) => (e.preventDefault(), go("table", null, { namespace: ns, name, depth: depth.value, downstream: String(down.checked) })) },
    h("label", {}, "Depth ", depth), h("label", {}, down, " with downstream columns"), h("button", { type: "submit" }, "Draw"));
}

/**
 * An OpenLineage dataset (#/table?namespace=&name=): its latest schema, its facets, and the
 * lineage of its columns (the columnLineage facets reported), drawn and listed.
 */
export async function tableView(route, ctx) {
  const ns = route.params.get("namespace") ?? "";
  const name = route.params.get("name") ?? "";
  const p = { depth: route.params.get("depth") ?? String(DEPTH.default), downstream: route.params.get("downstream") !== "false" };
  const [d, columns] = await Promise.all([
    rest(`/namespaces/${seg(ns)}/datasets/${seg(name)}`),
    rest("/column-lineage", { nodeId: `dataset:${ns}:${name}`, depth: p.depth, withDownstream: String(p.downstream) }),
  ]);
  if (ctx.stale()) return;
  const graph = columnGraph(columns, ns);
  const rows = columnRows(columns, ns);
  const container = h("div", { id: "column-graph", class: "graph", role: "img", "aria-label": `Column lineage of ${d.name}` });
  show(
    h("h1", {}, `Dataset ${d.name}`),
    facts([["Namespace", d.namespace], ["Physical name", d.physicalName], ["Source", d.sourceName], ["Description", d.description], ["Lifecycle", d.lastLifecycleState], ["Updated", when(d.updatedAt)], ["Tags", d.tags.join(", ") || null]]),
    section("Schema", d.fields.length
      ? table("schema", ["Column", "Type", "Description", "Tags"], d.fields.map((f) => h("tr", {}, h("td", {}, f.name), h("td", {}, fact(f.type)), h("td", {}, fact(f.description)), h("td", {}, fact(f.tags.join(", "))))))
      : h("p", { class: "absent" }, "not recorded")),
    section("Column lineage", controls(ns, name, p),
      h("p", { id: "column-status" }, `${graph.nodes.length} columns and ${graph.edges.length} derivations (depth ${p.depth}${p.downstream ? ", upstream and downstream" : ", upstream"}).`),
      rows.length ? [container, table("column-edges", ["Column", "Derived from", "Transformation"], rows)] : h("p", { class: "absent", id: "column-edges" }, "No column lineage recorded: no columnLineage facet names this dataset's columns.")),
    section("Facets", Object.keys(d.facets).length ? facetList(d.facets, "dataset-facets") : h("p", { class: "absent" }, "not recorded")),
  );
  if (!rows.length) return;
  const start = graph.nodes[0]?.id;
  drawGraph(container, { nodes: graph.nodes, edges: graph.edges, startId: start });
  container.dataset.ready = "true";
}
