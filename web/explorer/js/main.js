import { ApiError } from "./api.js";
import { claims, clearToken, finishOidc, getToken } from "./auth.js";
import { h, show } from "./dom.js";
import { current, go } from "./router.js";
import { auditView } from "./views/audit.js";
import { datasetsView, datasetView, sitesView, systemsView } from "./views/browse.js";
import { jobsView, jobView } from "./views/job.js";
import { lineageView } from "./views/lineage.js";
import { searchView } from "./views/search.js";
import { signinView } from "./views/signin.js";
import { systemView } from "./views/system.js";
import { tableView } from "./views/table.js";
import { traceView } from "./views/trace.js";
import { versionView } from "./views/version.js";

const ROUTES = {
  home: searchView,
  search: searchView,
  systems: systemsView,
  system: systemView,
  version: versionView,
  datasets: datasetsView,
  dataset: datasetView,
  sites: sitesView,
  jobs: jobsView,
  job: jobView,
  table: tableView,
  node: lineageView,
  trace: traceView,
  audit: auditView,
};

const RETURN = "explorer.return";
let settings = { pasteToken: true, oidc: [] };
let renders = 0;

const expired = () => {
  const exp = claims()?.exp;
  return typeof exp === "number" && exp * 1000 <= Date.now();
};

function signIn(message) {
  clearToken();
  const here = location.hash;
  if (here && !here.startsWith("#/signin")) sessionStorage.setItem(RETURN, here);
  signinView(settings, message, () => {
    const back = sessionStorage.getItem(RETURN) || "#/";
    sessionStorage.removeItem(RETURN);
    if (location.hash === back) render();
    else location.hash = back;
  });
  header();
}

function header() {
  const who = document.getElementById("who");
  const c = getToken() ? claims() : null;
  who.textContent = c ? `${c.sub ?? "?"} · ${[c.scope ?? c.scp ?? []].flat().join(" ") || "no scopes"}` : "not signed in";
  document.getElementById("signout").hidden = !c;
}

/** The whole-view answer to an error: sign-in again, "not allowed", "not found", or the message. */
function errorView(err) {
  if (!(err instanceof ApiError)) return show(h("h1", {}, "Something went wrong"), h("p", { class: "error" }, String(err?.message ?? err)));
  if (err.code === "UNAUTHENTICATED") return signIn(`Your session has expired or the token was refused (${err.message}). Please sign in again.`);
  const scopes = [claims()?.scope ?? []].flat().join(" ") || "none";
  const views = {
    FORBIDDEN: () => show(h("h1", { class: "not-allowed" }, "Not allowed"), h("p", {}, err.message), h("p", {}, `Your token's scopes: ${scopes}. Ask for a token with the scope named above.`)),
    NOT_FOUND: () => show(h("h1", { class: "not-found" }, "Not found"), h("p", {}, err.message)),
    BAD_USER_INPUT: () => show(h("h1", {}, "Cannot show this"), h("p", { class: "error" }, err.message)),
  };
  (views[err.code] ?? (() => show(h("h1", {}, "Something went wrong"), h("p", { class: "error" }, `${err.code}: ${err.message}`))))();
}

async function render() {
  const mine = ++renders;
  const route = current();
  if (route.name === "signin") return signIn();
  if (!getToken()) return signIn();
  if (expired()) return signIn("Your session has expired. Please sign in again.");
  header();
  const view = ROUTES[route.name];
  if (!view) return errorView(new ApiError("NOT_FOUND", `There is no page "${route.name}".`));
  show(h("p", { class: "loading", role: "status" }, "Loading…"));
  try {
    // A view draws only while it is still the latest navigation.
    await view(route, { stale: () => mine !== renders });
  } catch (err) {
    if (mine === renders) errorView(err);
  }
}

async function start() {
  settings = await fetch("config.json").then((r) => r.json());
  document.getElementById("signout").addEventListener("click", () => {
    clearToken();
    go("signin");
  });
  try {
    const back = await finishOidc();
    if (back) {
      sessionStorage.removeItem(RETURN);
      location.hash = back;
    }
  } catch (err) {
    return signIn(err.message);
  }
  window.addEventListener("hashchange", render);
  render();
}

start();
