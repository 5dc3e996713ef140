import type { IncomingMessage } from "node:http";
import type { Caller } from "../../../runtime/auth/caller.js";
import { HttpError, parseJson, readBody } from "./body.js";
import { columnGraph, toColumnLineage } from "./marquez-columns.js";
import { datasetData, facetsOf, jobData, runData, versionUuid } from "./marquez.js";
import { depth, instant, likeRegex, MAX_LIMIT, oneOf, page, runStates, segment } from "./marquez-params.js";
import { buckets, countStats, lineageEventStats } from "./marquez-stats.js";
import { putTag, setTag } from "./marquez-tags.js";
import * as db from "./marquez-read.js";
import { datasetNodeKey, jobNodeKey } from "./mapping.js";
import { DEFAULT_MARQUEZ_DEPTH, MAX_MARQUEZ_DEPTH } from "./read-store.js";

type Obj = Record<string, any>;
const notFound = (what: string) => new HttpError(404, "NOT_FOUND", `no ${what}`);
function found<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw notFound(what);
  return x;
}

/** The path prefixes of Marquez's read API served here (beside /api/v1/lineage). */
export const MARQUEZ_PREFIXES = ["/api/v1/namespaces", "/api/v1/jobs", "/api/v1/column-lineage", "/api/v1/events/lineage", "/api/v1/search", "/api/v1/tags", "/api/v1/stats"];

const namespace = (n: Obj) => ({ name: n.name, createdAt: n.createdAt, updatedAt: n.updatedAt, ownerName: n.ownerName ?? null, description: null, isHidden: false });
const versionRef = (x: Obj) => ({ namespace: x.namespace, name: x.name, version: versionUuid(x.id) });

/** A run with the dataset versions it read and wrote (Marquez's Run). */
const fullRun = (r: Obj) => ({
  ...runData(r.run)!,
  jobVersion: null,
  inputDatasetVersions: r.inputs.map((x: Obj) => ({ datasetVersionId: versionRef(x), facets: {} })),
  outputDatasetVersions: r.outputs.map((x: Obj) => ({ datasetVersionId: versionRef(x), facets: {} })),
});

/** A dataset version (Marquez's DatasetVersion): its schema, facets and the run that wrote it. */
function datasetVersion(row: Obj) {
  const d = datasetData(row);
  const { version: v, run } = row;
  return {
    id: { namespace: d.namespace, name: d.name, version: versionUuid(v.id) },
    type: d.type,
    name: d.name,
    physicalName: d.physicalName,
    createdAt: v.createdAt,
    version: versionUuid(v.id),
    namespace: d.namespace,
    sourceName: d.sourceName,
    fields: d.fields,
    tags: d.tags,
    lifecycleState: d.lastLifecycleState,
    description: d.description,
    createdByRun: run ? runData(run) : null,
    facets: d.facets,
  };
}

async function dataset(ns: string, name: string) {
  const row = await db.dataset(datasetNodeKey(ns, name));
  if (!row) throw notFound(`dataset ${name} in namespace ${ns}`);
  return datasetData(row);
}

async function job(ns: string, name: string) {
  const row = await db.job(jobNodeKey(ns, name));
  if (!row) throw notFound(`job ${name} in namespace ${ns}`);
  return jobData(row);
}

async function versions(ns: string, name: string, url: URL) {
  const key = datasetNodeKey(ns, name);
  if (!(await db.dataset(key))) throw notFound(`dataset ${name} in namespace ${ns}`);
  const { total, rows } = await db.datasetVersions(key, page(url));
  return { versions: rows.map(datasetVersion), totalCount: total };
}

async function version(ns: string, name: string, uuid: string) {
  // The UUID is derived from the version node id (marquez.ts versionUuid): the dataset's versions are read to find it.
  const { rows } = await db.datasetVersions(datasetNodeKey(ns, name), { limit: 100_000, offset: 0 });
  const row = rows.find((r) => versionUuid(r.version.id) === uuid.toLowerCase());
  if (!row) throw notFound(`version ${uuid} of dataset ${name} in namespace ${ns}`);
  return datasetVersion(row);
}

async function runFacets(id: string, url: URL) {
  const type = oneOf(url, "type", ["run", "job"] as const, null);
  if (!type) throw new HttpError(400, "BAD_USER_INPUT", "type: required, run or job");
  const r = await db.run(id);
  if (!r) throw notFound(`run ${id}`);
  return { runId: r.run.runId, facets: type === "run" ? facetsOf(r.run) : facetsOf((await db.job(jobNodeKey(r.job.namespace, r.job.name)))?.job) };
}

async function columnLineage(url: URL) {
  const nodeId = url.searchParams.get("nodeId") ?? "";
  const m = /^(dataset|datasetField):(.+:.+)$/.exec(nodeId);
  if (!m) throw new HttpError(400, "BAD_USER_INPUT", "nodeId: required, as dataset:<namespace>:<name> or datasetField:<namespace>:<name>:<field>");
  const field = m[1] === "datasetField" ? m[2].slice(m[2].lastIndexOf(":") + 1) : null;
  const dsKey = `dataset:${field === null ? m[2] : m[2].slice(0, m[2].lastIndexOf(":"))}`;
  const down = oneOf(url, "withDownstream", ["true", "false"] as const, "false") === "true";
  const g = await columnGraph(dsKey, field, depth(url, DEFAULT_MARQUEZ_DEPTH, MAX_MARQUEZ_DEPTH), down);
  if (!g) throw notFound(`node ${nodeId}`);
  return toColumnLineage(g);
}

async function events(url: URL) {
  const w = { after: instant(url, "after", ""), before: instant(url, "before", "9999"), desc: oneOf(url, "sortDirection", ["asc", "desc"] as const, "desc") === "desc" };
  const { total, events } = await db.lineageEvents(w, page(url));
  return { events, totalCount: total };
}

async function search(url: URL) {
  const q = url.searchParams.get("q");
  if (!q) throw new HttpError(400, "BAD_USER_INPUT", "q: required (a name pattern: % any characters, _ one character)");
  if (q.length > 200) throw new HttpError(400, "BAD_USER_INPUT", "q: must be at most 200 characters");
  const filter = oneOf(url, "filter", ["DATASET", "JOB"] as const, null);
  const sort = oneOf(url, "sort", ["NAME", "UPDATED_AT"] as const, "NAME");
  const { total, results } = await db.searchNames({ rx: likeRegex(q), type: filter, ns: url.searchParams.get("namespace"), byUpdated: sort === "UPDATED_AT", limit: page(url, 10).limit });
  return { totalCount: total, results };
}

type Route = [RegExp, (m: string[], url: URL, call: Call) => Promise<unknown>];
/** What a write route needs beside the path: the caller (audited as the actor) and the request (its body). */
interface Call {
  caller: Caller;
  req: IncomingMessage;
}
const S = "([^/]+)";
const R = (path: string) => new RegExp(`^/api/v1${path.replaceAll("{}", S)}/?$`);
const READ: Route[] = [
  [R("/namespaces"), async (_m, url) => ({ namespaces: (await db.namespaces(null, page(url))).map(namespace) })],
  [R("/namespaces/{}"), async ([ns]) => namespace(found((await db.namespaces(ns, { limit: 1, offset: 0 }))[0], `namespace ${ns}`))],
  [R("/namespaces/{}/datasets"), async ([ns], url) => db.datasets(ns, page(url)).then(({ total, rows }) => ({ datasets: rows.map(datasetData), totalCount: total }))],
  [R("/namespaces/{}/datasets/{}"), ([ns, name]) => dataset(ns, name)],
  [R("/namespaces/{}/datasets/{}/versions"), ([ns, name], url) => versions(ns, name, url)],
  [R("/namespaces/{}/datasets/{}/versions/{}"), ([ns, name, v]) => version(ns, name, v)],
  [R("/jobs"), (_m, url) => db.jobs(null, runStates(url), page(url)).then(({ total, rows }) => ({ jobs: rows.map(jobData), totalCount: total }))],
  [R("/namespaces/{}/jobs"), ([ns], url) => db.jobs(ns, runStates(url), page(url)).then(({ total, rows }) => ({ jobs: rows.map(jobData), totalCount: total }))],
  [R("/namespaces/{}/jobs/{}"), ([ns, name]) => job(ns, name)],
  [R("/namespaces/{}/jobs/{}/runs"), ([ns, name], url) => db.runs(jobNodeKey(ns, name), page(url)).then(({ total, rows }) => ({ runs: rows.map(fullRun), totalCount: total }))],
  [R("/jobs/runs/{}"), async ([id]) => fullRun(found(await db.run(id), `run ${id}`))],
  [R("/jobs/runs/{}/facets"), ([id], url) => runFacets(id, url)],
  [R("/column-lineage"), (_m, url) => columnLineage(url)],
  [R("/events/lineage"), (_m, url) => events(url)],
  [R("/search"), (_m, url) => search(url)],
  [R("/tags"), async (_m, url) => ({ tags: await db.tags(page(url)) })],
  [R("/stats/lineage-events"), (_m, url) => lineageEventStats(buckets(url))],
  [/^\/api\/v1\/stats\/(jobs|datasets|sources)\/?$/, ([what], url) => countStats(what, buckets(url))],
];

/** Marquez's tagging routes: audited writes (marquez-tags.ts), answering the tagged node. */
const tagRoutes = (on: boolean): Route[] => [
  [R("/namespaces/{}/datasets/{}/tags/{}"), async ([ns, name, tag], _u, c) => (await setTag(c.caller, { kind: "dataset", ns, name }, tag, on), dataset(ns, name))],
  [R("/namespaces/{}/jobs/{}/tags/{}"), async ([ns, name, tag], _u, c) => (await setTag(c.caller, { kind: "job", ns, name }, tag, on), job(ns, name))],
];
const WRITE: Record<string, Route[]> = {
  POST: [
    ...tagRoutes(true),
    [R("/namespaces/{}/datasets/{}/fields/{}/tags/{}"), async ([ns, name, field, tag], _u, c) => (await setTag(c.caller, { kind: "dataset", ns, name, field }, tag, true), dataset(ns, name))],
  ],
  DELETE: tagRoutes(false),
  PUT: [
    [R("/tags/{}"), async ([tag], _u, c) => {
      const text = await readBody(c.req);
      const body = (text.trim() ? parseJson(text) : {}) as { description?: unknown } | null;
      await putTag(c.caller, tag, typeof body?.description === "string" ? body.description : null);
      return { tags: await db.tags({ limit: MAX_LIMIT, offset: 0 }) };
    }],
  ],
};

/**
 * The Marquez route for `<method> <url>` (Marquez's openapi.yml, /api/v1) and the scope it
 * needs, or null when the path is none of them. `run` answers the JSON body; errors are
 * HttpError (400, 404).
 */
export function marquezRoute(method: string | undefined, url: URL): { scope: "lineage:read" | "lineage:write"; run: (call: Call) => Promise<unknown> } | null {
  const routes = method === "GET" ? READ : (WRITE[method ?? ""] ?? []);
  for (const [rx, handle] of routes) {
    const m = rx.exec(url.pathname);
    if (m) return { scope: method === "GET" ? "lineage:read" : "lineage:write", run: (call) => handle(m.slice(1).map(segment), url, call) };
  }
  return null;
}
