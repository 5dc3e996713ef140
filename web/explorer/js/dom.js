// Elements built from data with textContent only: nothing from the API is ever parsed as HTML.

/** h("a", { href: "#/x", class: "k" }, "text", child): attributes, then children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** A fact that the graph lacks is shown as "not recorded", never as a default. */
export const fact = (v) => (v === undefined || v === null || v === "" ? h("span", { class: "absent" }, "not recorded") : String(v));

/** A definition list of [label, value] pairs. */
export const facts = (pairs) => h("dl", { class: "facts" }, pairs.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v instanceof Node ? v : fact(v))]));

export const section = (title, ...children) => h("section", { class: "card" }, h("h2", {}, title), ...children);

export const link = (href, text) => h("a", { href }, text);

/** Replaces the main view and moves focus to its heading (keyboard and screen-reader users land on it). */
export function show(...children) {
  const view = document.getElementById("view");
  view.replaceChildren(...children.flat());
  const heading = view.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
}

export const when = (iso) => (iso ? new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC") : null);
