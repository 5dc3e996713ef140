import { ApiError, gql } from "../api.js";
import { fact, facts, h, link, section, show } from "../dom.js";
import { href } from "../router.js";
import { lineageHref } from "./links.js";

const SYSTEM = `query System($id: ID!) { aiSystem(id: $id) { id name version intendedPurpose providerName riskCategory annexIIIArea
  models { id name versions(first: 100) { id version status createdAt } } } }`;
const ANNEX_IV = `query AnnexIV($id: ID!) { technicalDocumentation(systemId: $id, format: JSON) {
  completeness missing generatedAt digest sections { number title completeness missing } } }`;
const CONTENT = `query AnnexIVContent($id: ID!, $format: DocumentFormat) { technicalDocumentation(systemId: $id, format: $format) { content } }`;
const FILES = { MARKDOWN: ["md", "text/markdown"], HTML: ["html", "text/html"], JSON: ["json", "application/json"] };

const pct = (x) => `${Math.round(x * 100)} %`;

/** Saves a document the API generated: a Blob link clicked once (no server-side file). */
async function download(systemId, format, status) {
  status.textContent = `Preparing ${format}…`;
  try {
    const { technicalDocumentation: doc } = await gql(CONTENT, { id: systemId, format });
    const [ext, type] = FILES[format];
    const url = URL.createObjectURL(new Blob([doc.content], { type }));
    const a = h("a", { href: url, download: `annex-iv-${systemId}.${ext}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status.textContent = `Downloaded annex-iv-${systemId}.${ext}`;
  } catch (err) {
    status.textContent = `Download failed: ${err.message}`;
  }
}

/** Annex IV (Art. 11) completeness; a token without reports:read sees why, the rest of the page stands. */
async function annexIv(id) {
  try {
    const { technicalDocumentation: d } = await gql(ANNEX_IV, { id });
    const status = h("p", { class: "status", role: "status" });
    return section("Annex IV technical documentation (Art. 11)",
      h("p", { id: "annex-completeness" }, `Complete: ${pct(d.completeness)}`),
      h("table", {}, h("tbody", {}, d.sections.map((s) => h("tr", { class: s.completeness < 1 ? "gap" : "" },
        h("th", { scope: "row" }, `${s.number} ${s.title}`), h("td", {}, pct(s.completeness)), h("td", {}, s.missing.join("; ")))))),
      h("p", {}, ...Object.keys(FILES).map((f) => h("button", { type: "button", class: "download", "data-format": f, onclick: () => download(id, f, status) }, `Download ${f.toLowerCase()}`))),
      status);
  } catch (err) {
    if (err instanceof ApiError && err.code === "UNAUTHENTICATED") throw err;
    // The system's own facts still stand when its document cannot be shown.
    const allowed = !(err instanceof ApiError && err.code === "FORBIDDEN");
    return section("Annex IV technical documentation (Art. 11)", h("p", { class: allowed ? "error" : "not-allowed" }, `${allowed ? "Cannot show it" : "Not allowed"}: ${err.message}`));
  }
}

export async function systemView(route, ctx) {
  const { aiSystem: s } = await gql(SYSTEM, { id: route.id });
  if (ctx.stale()) return;
  if (!s) return show(h("h1", { class: "not-found" }, "Not found"), h("p", {}, `No AI system ${route.id}.`));
  const doc = await annexIv(s.id);
  if (ctx.stale()) return;
  show(
    h("h1", {}, `${s.name} ${s.version}`),
    facts([["Id", s.id], ["Intended purpose", s.intendedPurpose], ["Provider", s.providerName], ["Risk category", s.riskCategory], ["Annex III area", s.annexIIIArea]]),
    h("p", {}, link(lineageHref(s.id, "BOTH", 4), "Draw this system's lineage")),
    section("Models", s.models.length ? h("ul", {}, s.models.map((m) => h("li", {}, m.name, " ",
      h("ul", {}, m.versions.map((v) => h("li", {}, link(href("version", v.id), v.version), ` ${v.status}`)))))) : fact(null)),
    doc,
  );
}
