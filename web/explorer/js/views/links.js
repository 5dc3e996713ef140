import { href } from "../router.js";

/** Where a node of a given kind opens: its own page where there is one, else its lineage. */
export function nodeHref(kind, id) {
  const pages = { AISystem: "system", ModelVersion: "version", Dataset: "dataset", Decision: "trace" };
  return pages[kind] ? href(pages[kind], id) : href("node", id);
}

export const lineageHref = (id, direction = "UPSTREAM", depth = 10) => href("node", id, { direction, depth });
