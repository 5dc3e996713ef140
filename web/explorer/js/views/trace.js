import { gql } from "../api.js";
import { fact, facts, h, link, section, show, when } from "../dom.js";
import { drawGraph } from "../graph.js";
import { verifyJws } from "../jws.js";
import { href } from "../router.js";
import { lineageHref } from "./links.js";

const TRACE = `query Trace($id: ID!) { traceDecision(id: $id) {
  decision { id occurredAt output confidence reviews { outcome reviewer note } }
  modelVersion { id version status model { name system { id name riskCategory } } }
  deployment { id environment site { id name } }
  trainingRun { id startedAt endedAt totalGpuHours energyKWh }
  datasets { id version provenance legalBasis containsPersonalData jurisdiction dataset { name } }
  approvals { id subjectId subjectType decision approver rationale decidedAt signature }
  compute { id gpuHours cluster { id name gpuModel site { id name country sovereigntyZone } } }
  sites { id name country sovereigntyZone }
  driftStatus complete gaps } }`;

/** The trace as a small graph: decision -> model version -> training run -> datasets, compute -> sites. */
function traceGraph(t) {
  const nodes = [];
  const edges = [];
  const node = (id, kind, label) => nodes.some((n) => n.id === id) || nodes.push({ id, kind, label, distance: 0 });
  const edge = (from, to, type) => edges.push({ from, to, type });
  node(t.decision.id, "Decision", `decision of ${when(t.decision.occurredAt)}`);
  node(t.modelVersion.id, "ModelVersion", `${t.modelVersion.model.name} ${t.modelVersion.version}`);
  edge(t.decision.id, t.modelVersion.id, "MADE_BY");
  if (t.deployment) {
    node(t.deployment.site.id, "Site", t.deployment.site.name);
    edge(t.decision.id, t.deployment.site.id, "AT_SITE");
  }
  if (t.trainingRun) {
    node(t.trainingRun.id, "TrainingRun", `training run ${when(t.trainingRun.startedAt) ?? ""}`.trim());
    edge(t.modelVersion.id, t.trainingRun.id, "TRAINED_BY");
    for (const d of t.datasets) {
      node(d.id, "DatasetVersion", `${d.dataset.name} ${d.version}`);
      edge(t.trainingRun.id, d.id, "USED");
    }
    for (const c of t.compute) {
      node(c.id, "ComputeAllocation", `${c.gpuHours ?? "?"} GPU h on ${c.cluster.name}`);
      node(c.cluster.site.id, "Site", `${c.cluster.site.name} (${c.cluster.site.country})`);
      edge(t.trainingRun.id, c.id, "USED_COMPUTE");
      edge(c.id, c.cluster.site.id, "AT_SITE");
    }
  }
  return { nodes, edges };
}

function approvalRow(a) {
  const cell = h("td", { class: "signature" }, "checking…");
  verifyJws(a.signature, { id: a.id, approver: a.approver, rationale: a.rationale, decision: a.decision, decidedAt: a.decidedAt }).then((r) => {
    cell.textContent = r.ok ? "✔ signature valid" : `✘ ${r.reason}`;
    cell.className = `signature ${r.ok ? "ok" : "gap"}`;
    cell.dataset.verified = String(r.ok);
  });
  return h("tr", {}, h("td", {}, a.subjectType), h("td", {}, a.decision), h("td", {}, a.approver), h("td", {}, a.rationale), h("td", {}, when(a.decidedAt)), cell);
}

/** What each id in the trace is called on this page: gap texts name nodes by these, never by raw ids. */
function namesOf(t) {
  const names = new Map();
  const mv = t.modelVersion;
  names.set(t.decision.id, `decision of ${when(t.decision.occurredAt)}`);
  names.set(mv.id, `model ${mv.model.name} ${mv.version}`);
  if (t.trainingRun) names.set(t.trainingRun.id, `training run started ${when(t.trainingRun.startedAt) ?? "(start not recorded)"}`);
  for (const d of t.datasets) names.set(d.id, `dataset ${d.dataset.name} ${d.version}`);
  for (const c of t.compute) names.set(c.id, `${c.gpuHours ?? "?"} GPU h on ${c.cluster.name}`);
  for (const s of [...t.sites, ...t.compute.map((c) => c.cluster.site), ...(t.deployment ? [t.deployment.site] : [])]) names.set(s.id, `site ${s.name}`);
  for (const a of t.approvals) names.set(a.id, `${a.decision.toLowerCase()} by ${a.approver}`);
  return names;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A gap as the reader should read it: each "<Kind> <id>" it names becomes the node's name
 * (the id stays in the tooltip). Ids the trace does not hold are left as they are.
 */
function gapItem(gap, names) {
  const ids = [...names.keys()].filter((id) => gap.includes(id));
  if (!ids.length) return h("li", { class: "gap" }, gap);
  const rx = new RegExp(`(?:\\b[A-Z][A-Za-z]+ )?(${ids.map(escape).join("|")})`, "g");
  const parts = [];
  let at = 0;
  for (const m of gap.matchAll(rx)) {
    parts.push(gap.slice(at, m.index), h("strong", { class: "gap-node", title: m[0] }, names.get(m[1])));
    at = m.index + m[0].length;
  }
  parts.push(gap.slice(at));
  return h("li", { class: "gap" }, parts);
}

const table = (headers, rows) => h("table", {}, h("thead", {}, h("tr", {}, headers.map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows));

export async function traceView(route, ctx) {
  const { traceDecision: t } = await gql(TRACE, { id: route.id });
  if (ctx.stale()) return;
  if (!t) return show(h("h1", { class: "not-found" }, "Not found"), h("p", {}, `No decision ${route.id}.`));
  // A gap names the ids it concerns: those nodes and rows are highlighted.
  const inGap = new Set();
  const graph = traceGraph(t);
  for (const n of graph.nodes) if (t.gaps.some((g) => g.includes(n.id))) inGap.add(n.id);
  const mv = t.modelVersion;
  const names = namesOf(t);
  const container = h("div", { id: "graph", class: "trace-graph", role: "img", "aria-label": "Trace graph; gaps in red" });
  show(
    h("h1", {}, `Trace of decision ${t.decision.id}`),
    h("p", { id: "trace-verdict", class: t.complete ? "ok" : "gap", role: "status" }, t.complete ? "Complete: every link the AI Act expects is recorded." : `Incomplete: ${t.gaps.length} gap${t.gaps.length === 1 ? "" : "s"}.`),
    t.gaps.length ? h("ul", { id: "gaps" }, t.gaps.map((g) => gapItem(g, names))) : null,
    container,
    section("Decision", facts([["Occurred", when(t.decision.occurredAt)], ["Output", h("code", {}, JSON.stringify(t.decision.output))], ["Confidence", t.decision.confidence], ["Drift in its window", t.driftStatus],
      ["Human reviews", t.decision.reviews.length ? t.decision.reviews.map((r) => `${r.outcome} by ${r.reviewer}: ${r.note}`).join("; ") : null]])),
    section("Model version", facts([["System", link(href("system", mv.model.system.id), `${mv.model.system.name} (${mv.model.system.riskCategory})`)], ["Model", `${mv.model.name} ${mv.version}`], ["Status now", mv.status],
      ["Lineage", link(lineageHref(mv.id, "UPSTREAM", 10), "draw upstream")]])),
    section("Training run", t.trainingRun ? facts([["Id", t.trainingRun.id], ["Started", when(t.trainingRun.startedAt)], ["Ended", when(t.trainingRun.endedAt)], ["GPU hours", t.trainingRun.totalGpuHours], ["Energy kWh", t.trainingRun.energyKWh]]) : h("p", { class: "gap" }, "not recorded")),
    section("Datasets", table(["Dataset", "Provenance", "Legal basis", "Personal data", "Jurisdiction"], t.datasets.map((d) => h("tr", { class: inGap.has(d.id) ? "gap" : "" },
      h("td", {}, link(lineageHref(d.id, "BOTH", 3), `${d.dataset.name} ${d.version}`)), h("td", {}, d.provenance), h("td", {}, fact(d.legalBasis)), h("td", {}, d.containsPersonalData ? "yes" : "no"), h("td", {}, d.jurisdiction))))),
    section("Approvals in force at the decision", t.approvals.length ? table(["Subject", "Decision", "Approver", "Rationale", "Decided", "Signature"], t.approvals.map(approvalRow)) : h("p", { class: "gap" }, "none in force")),
    section("Compute", table(["Cluster", "GPU", "GPU hours", "Site"], t.compute.map((c) => h("tr", { class: inGap.has(c.id) ? "gap" : "" },
      h("td", {}, c.cluster.name), h("td", {}, c.cluster.gpuModel), h("td", {}, fact(c.gpuHours)), h("td", {}, c.cluster.site.name))))),
    section("Sites", table(["Site", "Country", "Sovereignty zone"], t.sites.map((s) => h("tr", { class: inGap.has(s.id) ? "gap" : "" },
      h("td", {}, link(lineageHref(s.id, "DOWNSTREAM", 4), s.name)), h("td", {}, s.country), h("td", {}, fact(s.sovereigntyZone)))))),
  );
  drawGraph(container, { ...graph, startId: t.decision.id, highlight: inGap });
  container.dataset.ready = "true";
}
