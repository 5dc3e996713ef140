import { gql } from "../api.js";
import { fact, facts, h, link, section, show, when } from "../dom.js";
import { href } from "../router.js";
import { lineageHref } from "./links.js";
import { openLineageLink } from "./openlineage.js";
import { pagedTable } from "./paged.js";

const PAGE = "pageInfo { hasNextPage endCursor } totalCount";

export const systemsView = (route, ctx) =>
  pagedTable(ctx, {
    title: "AI systems",
    field: "aiSystems",
    query: `query Systems($first: Int, $after: String) { aiSystems(first: $first, after: $after) { edges { node { id name version riskCategory annexIIIArea providerName } } ${PAGE} } }`,
    columns: [
      ["Name", (n) => link(href("system", n.id), n.name)],
      ["Version", (n) => n.version],
      ["Risk", (n) => n.riskCategory],
      ["Annex III area", (n) => fact(n.annexIIIArea)],
      ["Provider", (n) => n.providerName],
    ],
  });

export const datasetsView = (route, ctx) =>
  pagedTable(ctx, {
    title: "Datasets",
    field: "datasets",
    query: `query Datasets($first: Int, $after: String) { datasets(first: $first, after: $after) { edges { node { id name registeredBy createdAt } } ${PAGE} } }`,
    columns: [
      ["Name", (n) => link(href("dataset", n.id), n.name)],
      ["Registered by", (n) => n.registeredBy],
      ["Created", (n) => when(n.createdAt)],
    ],
  });

export const sitesView = (route, ctx) =>
  pagedTable(ctx, {
    title: "Sites",
    field: "sites",
    query: `query Sites($first: Int, $after: String) { sites(first: $first, after: $after) { edges { node { id name country sovereigntyZone kind operator } } ${PAGE} } }`,
    columns: [
      ["Name", (n) => link(lineageHref(n.id, "DOWNSTREAM", 4), n.name)],
      ["Country", (n) => n.country],
      ["Sovereignty zone", (n) => fact(n.sovereigntyZone)],
      ["Kind", (n) => n.kind],
      ["Operator", (n) => fact(n.operator)],
    ],
  });

// The depth-1 lineage only tells whether the dataset came through OpenLineage (its namespace).
const DATASET = `query Dataset($id: ID!) { dataset(id: $id) { id name registeredBy createdAt
  versions(first: 100) { id version provenance legalBasis containsPersonalData jurisdiction rowCount } }
  lineage(id: $id, depth: 1) { nodes { id kind namespace name } } }`;

export async function datasetView(route, ctx) {
  const { dataset: d, lineage } = await gql(DATASET, { id: route.id }).catch((err) => {
    if (err.code === "NOT_FOUND") return { dataset: null };
    throw err;
  });
  if (ctx.stale()) return;
  if (!d) return show(h("h1", { class: "not-found" }, "Not found"), h("p", {}, `No dataset ${route.id}.`));
  const openLineage = lineage.nodes.find((n) => n.id === d.id && n.namespace);
  show(
    h("h1", {}, d.name),
    facts([["Id", d.id], ["Registered by", d.registeredBy], ["Created", when(d.createdAt)]]),
    openLineage ? h("p", { class: "openlineage" }, openLineageLink(openLineage)) : null,
    section("Versions", h("table", {},
      h("thead", {}, h("tr", {}, ["Version", "Provenance", "Legal basis", "Personal data", "Jurisdiction", "Rows"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, d.versions.map((v) => h("tr", {},
        h("td", {}, link(lineageHref(v.id, "BOTH", 3), v.version)), h("td", {}, v.provenance), h("td", {}, fact(v.legalBasis)),
        h("td", {}, v.containsPersonalData ? "yes" : "no"), h("td", {}, v.jurisdiction), h("td", {}, fact(v.rowCount))))))),
  );
}
