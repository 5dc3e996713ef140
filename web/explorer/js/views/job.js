import { rest, seg } from "../api.js";
import { fact, facts, h, section, show, when } from "../dom.js";
import { facetList, jobHref, tableHref } from "./openlineage.js";

const PAGE = 50;

/** "850 ms", "12.4 s", "3 min 5 s", "2 h 4 min": a run's duration as a reader says it. */
export function duration(ms) {
  if (ms === null || ms === undefined) return null;
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A run's duration: measured when it ended; "running since" while it has not; not recorded otherwise. */
function runDuration(r) {
  if (r.durationMs !== null) return duration(r.durationMs);
  if (r.startedAt && !r.endedAt && (r.state === "RUNNING" || r.state === "NEW")) return `running since ${when(r.startedAt)}`;
  return null;
}

const datasetLinks = (list) => (list.length ? h("ul", { class: "plain" }, list.map((d) => h("li", {}, h("a", { href: tableHref(d.namespace, d.name) }, d.name), " ", h("span", { class: "kind" }, d.namespace)))) : null);

function runRow(r) {
  const facetCount = Object.keys(r.facets ?? {}).length;
  return h("tr", { dataset: { runId: r.id, state: r.state } },
    h("td", {}, h("code", {}, r.id)),
    h("td", {}, h("span", { class: `state state-${r.state.toLowerCase()}` }, r.state)),
    h("td", {}, fact(when(r.startedAt))),
    h("td", {}, fact(when(r.endedAt))),
    h("td", { class: "duration" }, fact(runDuration(r))),
    h("td", {}, facetCount ? facetList(r.facets, `run-facets-${r.id}`) : fact(null)));
}

/** An OpenLineage job (#/job?namespace=&name=): its facts, inputs and outputs, and its run history, latest first. */
export async function jobView(route, ctx) {
  const ns = route.params.get("namespace") ?? "";
  const name = route.params.get("name") ?? "";
  const path = `/namespaces/${seg(ns)}/jobs/${seg(name)}`;
  const [job, first] = await Promise.all([rest(path), rest(`${path}/runs`, { limit: PAGE, offset: 0 })]);
  if (ctx.stale()) return;
  const body = h("tbody");
  const count = h("p", { class: "count", id: "run-count" });
  const more = h("button", { type: "button", hidden: true }, "More runs");
  const add = (page) => {
    body.append(...page.runs.map(runRow));
    count.textContent = `${body.rows.length} of ${page.totalCount} run${page.totalCount === 1 ? "" : "s"}`;
    more.hidden = body.rows.length >= page.totalCount;
  };
  more.addEventListener("click", () => rest(`${path}/runs`, { limit: PAGE, offset: body.rows.length }).then(add).catch((err) => (count.textContent = err.message)));
  add(first);
  show(
    h("h1", {}, `Job ${job.name}`),
    facts([["Namespace", job.namespace], ["Latest run", job.latestRun ? `${job.latestRun.state} (${when(job.latestRun.updatedAt)})` : null], ["Description", job.description], ["Source code", job.location],
      ["Tags", job.tags.join(", ") || null], ["Reads", datasetLinks(job.inputs)], ["Writes", datasetLinks(job.outputs)]]),
    section("Run history", h("table", { id: "runs" },
      h("thead", {}, h("tr", {}, ["Run", "State", "Started", "Ended", "Duration", "Run facets"].map((c) => h("th", { scope: "col" }, c)))), body), count, more),
    section("Job facets", Object.keys(job.facets).length ? facetList(job.facets, "job-facets") : h("p", { class: "absent" }, "not recorded")),
  );
}

/** OpenLineage jobs of every namespace (#/jobs), with their latest run's state and duration. */
export async function jobsView(route, ctx) {
  const body = h("tbody");
  const count = h("p", { class: "count" });
  const more = h("button", { type: "button", hidden: true }, "More");
  const load = async () => {
    const page = await rest("/jobs", { limit: PAGE, offset: body.rows.length });
    body.append(...page.jobs.map((j) => h("tr", {},
      h("td", {}, h("a", { href: jobHref(j.namespace, j.name) }, j.name)), h("td", {}, j.namespace),
      h("td", {}, fact(j.latestRun?.state)), h("td", {}, fact(j.latestRun && runDuration(j.latestRun))), h("td", {}, fact(when(j.latestRun?.updatedAt))))));
    count.textContent = `${body.rows.length} of ${page.totalCount}`;
    more.hidden = body.rows.length >= page.totalCount;
  };
  more.addEventListener("click", () => load().catch((err) => (count.textContent = err.message)));
  await load();
  if (ctx.stale()) return;
  show(h("h1", {}, "Pipeline jobs"), h("table", { id: "jobs" }, h("thead", {}, h("tr", {}, ["Job", "Namespace", "Latest run", "Duration", "Updated"].map((c) => h("th", { scope: "col" }, c)))), body), count, more);
}
