// State lives in the URL hash (the contract's deep links), so any view can be shared:
// #/node/<id>?direction=UPSTREAM&depth=5&asOf=<iso>   #/trace/<decisionId>

/** The current route: { name, id, params }. */
export function current() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] ?? "home", id: parts.slice(1).join("/") || null, params: new URLSearchParams(query) };
}

/** Builds a hash link: href("node", id, { depth: 5 }). */
export function href(name, id, params) {
  const q = new URLSearchParams(Object.entries(params ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  const qs = q.toString();
  return `#/${name}${id ? `/${encodeURIComponent(id)}` : ""}${qs ? `?${qs}` : ""}`;
}

export const go = (name, id, params) => {
  location.hash = href(name, id, params);
};
