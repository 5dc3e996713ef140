import { gql } from "../api.js";
import { fact, facts, h, link, section, show, when } from "../dom.js";
import { href } from "../router.js";
import { lineageHref } from "./links.js";

const VERSION = `query Version($id: ID!) { modelVersion(id: $id) { id version status createdAt architecture registeredBy
  model { id name system { id name } }
  trainingRun { id startedAt endedAt totalGpuHours inputs { id version dataset { id name } }
    compute { id gpuHours cluster { name site { id name country sovereigntyZone } } } }
  decisions(first: 25) { id occurredAt } } }`;

export async function versionView(route, ctx) {
  const { modelVersion: v } = await gql(VERSION, { id: route.id });
  if (ctx.stale()) return;
  if (!v) return show(h("h1", { class: "not-found" }, "Not found"), h("p", {}, `No model version ${route.id}.`));
  const run = v.trainingRun;
  show(
    h("h1", {}, `${v.model.name} ${v.version}`),
    facts([["Id", v.id], ["System", link(href("system", v.model.system.id), v.model.system.name)], ["Status", v.status], ["Architecture", v.architecture], ["Registered by", v.registeredBy], ["Created", when(v.createdAt)]]),
    h("p", {}, link(lineageHref(v.id, "UPSTREAM", 10), "Draw its upstream lineage")),
    section("Training run", run
      ? [facts([["Id", run.id], ["Started", when(run.startedAt)], ["Ended", when(run.endedAt)], ["GPU hours", run.totalGpuHours]]),
         h("h3", {}, "Datasets"), h("ul", {}, run.inputs.map((d) => h("li", {}, link(href("dataset", d.dataset.id), d.dataset.name), " ", link(lineageHref(d.id, "BOTH", 3), d.version)))),
         h("h3", {}, "Compute and sites"), h("ul", {}, run.compute.map((c) => h("li", {}, `${c.cluster.name}: ${c.gpuHours ?? "?"} GPU hours at `,
           link(lineageHref(c.cluster.site.id, "DOWNSTREAM", 4), c.cluster.site.name), ` (${c.cluster.site.country}, zone ${c.cluster.site.sovereigntyZone ?? "not recorded"})`)))]
      : fact(null)),
    section("Latest decisions", v.decisions.length
      ? h("ul", { class: "decisions" }, v.decisions.map((d) => h("li", {}, link(href("trace", d.id), d.id), ` ${when(d.occurredAt)}`)))
      : fact(null)),
  );
}
