import { gql } from "../api.js";
import { h, show } from "../dom.js";
import { go } from "../router.js";
import { nodeHref } from "./links.js";

/** The search box bounds what is sent; the API escapes it for the full-text syntax. */
const MAX_TEXT = 200;

const SEARCH = `query Search($text: String!, $first: Int) {
  search(text: $text, first: $first) { totalCount edges { node { id kind label score } } }
}`;

export async function searchView(route, ctx) {
  const text = (route.params.get("q") ?? "").trim().slice(0, MAX_TEXT);
  const input = h("input", { type: "search", id: "q", name: "q", value: text, maxlength: MAX_TEXT, placeholder: "system, model, dataset, site…", "aria-label": "Search text" });
  const form = h("form", { class: "search", role: "search", onsubmit: (e) => (e.preventDefault(), go("search", null, { q: input.value.trim().slice(0, MAX_TEXT) })) },
    input, h("button", { type: "submit" }, "Search"));
  const browse = h("nav", { class: "browse", "aria-label": "Browse" },
    h("a", { href: "#/systems" }, "AI systems"), h("a", { href: "#/datasets" }, "Datasets"), h("a", { href: "#/sites" }, "Sites"), h("a", { href: "#/audit" }, "Audit chain"));
  if (!text) return show(h("h1", {}, "Lineage Explorer"), form, browse);
  const data = await gql(SEARCH, { text, first: 50 });
  if (ctx.stale()) return;
  const hits = data.search.edges.map((e) => e.node);
  show(
    h("h1", {}, `Search: ${text}`), form,
    h("p", { id: "result-count" }, `${data.search.totalCount} result${data.search.totalCount === 1 ? "" : "s"}`),
    h("ol", { class: "hits" }, hits.map((n) => h("li", {}, h("a", { href: nodeHref(n.kind, n.id) }, n.label), " ", h("span", { class: "kind" }, n.kind)))),
    browse,
  );
}
