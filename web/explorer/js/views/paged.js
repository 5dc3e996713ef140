import { gql } from "../api.js";
import { h, show } from "../dom.js";

/**
 * A Relay connection as a table with a "More" button: `field` names the connection in the
 * answer; columns are [header, node => cell].
 */
export async function pagedTable(ctx, { title, query, field, variables = {}, columns, before = [] }) {
  const body = h("tbody");
  const count = h("p", { class: "count" });
  const more = h("button", { type: "button", hidden: true }, "More");
  let after = null;
  const load = async () => {
    const data = await gql(query, { ...variables, first: 50, after });
    const conn = data[field];
    for (const { node } of conn.edges) body.append(h("tr", {}, columns.map(([, cell]) => h("td", {}, cell(node)))));
    count.textContent = `${body.rows.length} of ${conn.totalCount}`;
    after = conn.pageInfo.endCursor;
    more.hidden = !conn.pageInfo.hasNextPage;
  };
  more.addEventListener("click", () => load().catch((err) => (count.textContent = err.message)));
  await load();
  if (ctx.stale()) return;
  show(h("h1", {}, title), before, h("table", {}, h("thead", {}, h("tr", {}, columns.map(([name]) => h("th", { scope: "col" }, name)))), body), count, more);
}
