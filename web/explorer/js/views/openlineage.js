import { h } from "../dom.js";
import { href } from "../router.js";

/** Pages of OpenLineage jobs and datasets, addressed as Marquez addresses them: namespace and name. */
export const jobHref = (namespace, name) => href("job", null, { namespace, name });
export const tableHref = (namespace, name) => href("table", null, { namespace, name });

/** The page of the OpenLineage job or dataset a lineage node belongs to (LineageNode.namespace/name), or null. */
export function openLineageLink(n) {
  if (!n.namespace || !n.name) return null;
  if (n.kind === "Job" || n.kind === "Run") return h("a", { href: jobHref(n.namespace, n.name) }, `Job ${n.name}: runs and facets`);
  return h("a", { href: tableHref(n.namespace, n.name) }, `Dataset ${n.name}: schema, facets, column lineage`);
}

/** Facets as they were reported, one collapsible block each (JSON shown as text, never parsed as HTML). */
export function facetList(facets, id) {
  return h("div", { class: "facets", id }, Object.entries(facets).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) =>
    h("details", { dataset: { facet: key } }, h("summary", {}, key), h("pre", {}, JSON.stringify(value, null, 2)))));
}
