import { appendAudit } from "../../../runtime/audit.js";
import type { Caller } from "../../../runtime/auth/caller.js";
import { write, type StatementStats, type Tx } from "../../../runtime/db.js";
import { frozenMessage, frozenViolations, type FrozenViolation } from "../../../runtime/graph/frozen.js";
import { fieldId, trainingRunId, versionId } from "./mapping.js";
import { concatRows, emptyRows, type Rows, type VersionRef } from "./rows.js";
import * as q from "./statements.js";

/** What happened to one event of a request. */
export interface Outcome {
  index: number;
  ok: boolean;
  /** True when the event was already stored (same content): stored once, still a success. */
  duplicate?: boolean;
  reason?: string;
  problems?: { path: string; message: string }[];
  retriable?: boolean;
  /** True when refused because it would change what an approval covers (single POST: 409 CONFLICT). */
  conflict?: boolean;
}

export interface Prepared {
  index: number;
  rows: Rows;
}

const refKey = (r: VersionRef) => `${r.datasetId}|${r.at}`;

/** Model versions the aiLineage facets name; an event naming an unknown one is refused. */
async function linkTraining(tx: Tx, batch: Prepared[], out: Map<number, Outcome>): Promise<Prepared[]> {
  const refs = batch.flatMap((p) => p.rows.training.map((t) => ({ key: p.index, modelVersionId: t.modelVersionId, artifactDigest: t.artifactDigest })));
  if (refs.length === 0) return batch;
  const found = new Map((await tx.run<{ key: number; id: string | null }>({ cypher: q.RESOLVE_MODEL_VERSIONS, params: { refs } })).map((r) => [r.key, r.id]));
  return batch.filter((p) => {
    const t = p.rows.training[0];
    if (!t) return true;
    const id = found.get(p.index);
    if (id) return (t.modelVersionId = id), true;
    const [field, value] = t.modelVersionId ? ["modelVersionId", t.modelVersionId] : ["artifactDigest", t.artifactDigest];
    out.set(p.index, { index: p.index, ok: false, retriable: false, reason: "unknown model version", problems: [{ path: `/run/facets/aiLineage/${field}`, message: `no ModelVersion with ${field} ${value}` }] });
    return false;
  });
}

/** A batch that would change what an approval covers: rolled back, then split to find the events at fault. */
class FrozenBatch extends Error {
  constructor(readonly violations: FrozenViolation[]) {
    super("the batch changes an approved subject");
  }
}

/**
 * Stores valid events and maps them into the graph (see `ingestOnce`). A batch that would change
 * what an approval in force covers (runtime/graph/frozen.ts) is rolled back and split in halves
 * until each event at fault stands alone: that event is refused (not retriable, `conflict`), the
 * others are stored. Refusals are rare, so the common batch still costs one transaction.
 */
export async function ingest(caller: Caller, prepared: Prepared[], stats?: StatementStats): Promise<Outcome[]> {
  try {
    return await ingestOnce(caller, prepared, stats);
  } catch (err) {
    if (!(err instanceof FrozenBatch)) throw err;
    if (prepared.length === 1) {
      const problems = err.violations.map((v) => ({ path: "/", message: frozenMessage(v) }));
      return [{ index: prepared[0].index, ok: false, retriable: false, conflict: true, reason: "approved subject", problems }];
    }
    const half = Math.ceil(prepared.length / 2);
    return [...(await ingest(caller, prepared.slice(0, half), stats)), ...(await ingest(caller, prepared.slice(half), stats))];
  }
}

/**
 * Stores valid events and maps them into the graph, all in one write transaction with one audit
 * event naming every raw event stored and every node the mapping touched (its variables digest
 * covers the same ids): the graph, the raw events and the audit chain commit together or not at
 * all. An event already stored is not mapped again. A fixed number of statements whatever the
 * batch size.
 */
function ingestOnce(caller: Caller, prepared: Prepared[], stats?: StatementStats): Promise<Outcome[]> {
  return write({ op: "openLineageIngest", stats }, async (tx) => {
    // The driver may run this again after a transient error: work on a fresh copy each time,
    // so ids resolved in a rolled-back attempt never leak into the next. The raw events (the
    // bulk of the bytes) are never changed, so they are shared, not copied.
    const batch = prepared.map((p) => ({ index: p.index, rows: { ...structuredClone({ ...p.rows, events: [] }), events: p.rows.events } }));
    const out = new Map<number, Outcome>();
    const now = new Date().toISOString();
    const base = { now, sub: caller.sub };
    const linked = await linkTraining(tx, batch, out);
    const events = linked.flatMap((p) => p.rows.events);
    const created = new Set((await tx.run<{ id: string }>({ cypher: q.MERGE_EVENTS, params: { ...base, events } })).map((r) => r.id));
    const fresh: Prepared[] = [];
    for (const p of linked) {
      const id = p.rows.events[0].id;
      const isNew = created.delete(id); // a second copy in the same batch is a duplicate too
      out.set(p.index, { index: p.index, ok: true, duplicate: !isNew });
      if (isNew) fresh.push(p);
    }
    if (fresh.length > 0) {
      const rows = fresh.reduce((acc, p) => concatRows(acc, p.rows), emptyRows());
      await apply(tx, rows, base);
      const ids = fresh.map((p) => p.rows.events[0].id);
      const touched = touchedIds(rows);
      // The one rule (runtime/graph/frozen.ts), after the batch's own statements.
      const violations = await frozenViolations(tx, touched);
      if (violations.length > 0) throw new FrozenBatch(violations);
      await appendAudit(tx, {
        actor: caller.sub,
        clientId: caller.clientId,
        operation: "openLineageIngest",
        variables: { events: ids, subjects: touched },
        subjects: [...ids, ...touched],
      });
    }
    return batch.map((p) => out.get(p.index)!);
  });
}

/**
 * Every node the mapping of `rows` wrote or linked (after `apply`, which resolves version refs):
 * model versions and their training runs, runs and parent runs, jobs, datasets, every dataset
 * version named or resolved. The audit event names them; the freeze rule checks them.
 */
function touchedIds(rows: Rows): string[] {
  const refs = [...rows.schemas.map((s) => s.ref), ...rows.io.map((x) => x.ref), ...rows.derivations.map((d) => d.input), ...rows.fieldEdges.flatMap((e) => [e.output, e.input]), ...rows.training.flatMap((t) => t.inputs.map((i) => i.ref))];
  return [...new Set([
    ...rows.training.flatMap((t) => [t.modelVersionId!, trainingRunId(t.modelVersionId!)]),
    ...rows.runs.flatMap((r) => (r.parent ? [r.id, r.parent.id] : [r.id])),
    ...rows.jobs.map((j) => j.id),
    ...rows.datasets.map((d) => d.id),
    ...rows.versions.map((v) => v.id),
    ...rows.derivations.map((d) => d.outputId),
    ...refs.flatMap((r) => (r.versionId ? [r.versionId] : [])),
  ])];
}

/**
 * One row per node: a job, dataset or version named by many events of the batch is written
 * once, its facts merged in batch order (a later event's facet replaces an earlier one's).
 */
function byId<T extends { id: string; facts: Record<string, string> }>(list: T[]): T[] {
  const out = new Map<string, T>();
  for (const x of list) {
    const seen = out.get(x.id);
    out.set(x.id, seen ? { ...seen, facts: { ...seen.facts, ...x.facts } } : x);
  }
  return [...out.values()];
}

const distinct = <T>(list: T[], key: (x: T) => string): T[] => [...new Map(list.map((x) => [key(x), x])).values()];

async function apply(tx: Tx, rows: Rows, base: { now: string; sub: string }) {
  const run = async <T extends Record<string, unknown>>(cypher: string, params: Record<string, unknown>, list: unknown[]) =>
    list.length > 0 ? tx.run<T>({ cypher, params: { ...base, ...params } }) : [];
  const created = async (cypher: string, params: Record<string, unknown>, list: unknown[]) =>
    new Set((await run<{ id: string; created: boolean }>(cypher, params, list)).filter((r) => r.created).map((r) => r.id));
  const jobs = byId(rows.jobs);
  await run(q.MERGE_JOBS, { jobs }, jobs);
  const runs = foldRuns(rows.runs);
  const newRuns = await created(q.MERGE_RUNS, { runs }, runs);
  const parents = distinct(rows.runs.flatMap((r) => (r.parent ? [{ runId: r.id, ...r.parent }] : [])), (p) => `${p.runId}|${p.id}`);
  await run(q.MERGE_PARENTS, { parents }, parents);
  const datasets = byId(rows.datasets);
  await run(q.MERGE_DATASETS, { datasets }, datasets);
  const versions = byId(rows.versions);
  const newVersions = await created(q.MERGE_VERSIONS, { versions }, versions);
  await resolveVersions(tx, rows, base);
  const vid = (r: VersionRef) => r.versionId!;
  const schemas = distinct(rows.schemas, (s) => s.id).map((s) => ({ id: s.id, facet: s.facet }));
  await run(q.MERGE_SCHEMAS, { schemas }, schemas);
  // `fresh`: the edge's first end was created by this transaction (see EDGE in statements.ts).
  const links = distinct(rows.schemas.filter((s) => s.ref.versionId !== null).map((s) => ({ versionId: vid(s.ref), schemaId: s.id, at: s.ref.at, fresh: newVersions.has(vid(s.ref)) })), (l) => `${l.versionId}|${l.schemaId}`);
  await run(q.LINK_SCHEMAS, { links }, links);
  const jobIo = distinct(rows.io, (x) => `${x.jobId}|${x.datasetId}|${x.direction}`).map((x) => ({ jobId: x.jobId, datasetId: x.datasetId, direction: x.direction }));
  await run(q.MERGE_JOB_IO, { io: jobIo }, jobIo);
  const runIo = distinct(rows.io.filter((x) => x.runId !== null && x.ref.versionId !== null).map((x) => ({ runId: x.runId!, versionId: vid(x.ref), direction: x.direction, fresh: newRuns.has(x.runId!) })), (x) => `${x.runId}|${x.versionId}|${x.direction}`);
  await run(q.MERGE_RUN_IO, { io: runIo }, runIo);
  const derivations = distinct(rows.derivations.map((d) => ({ outputId: d.outputId, inputId: vid(d.input), transformation: d.transformation, fresh: newVersions.has(d.outputId) })).filter((d) => d.outputId !== d.inputId), (d) => `${d.outputId}|${d.inputId}|${d.transformation}`);
  await run(q.MERGE_DERIVATIONS, { derivations }, derivations);
  const edges = rows.fieldEdges.map((e) => ({
    outputVersionId: vid(e.output), inputVersionId: vid(e.input), outputField: e.outputField, inputField: e.inputField, transformation: e.transformation,
    outputFieldId: fieldId(vid(e.output), e.outputField), inputFieldId: fieldId(vid(e.input), e.inputField),
  }));
  await run(q.MERGE_FIELD_EDGES, { edges }, edges);
  const training = rows.training.map((t) => ({ id: trainingRunId(t.modelVersionId!), runId: t.runId, modelVersionId: t.modelVersionId, inputs: t.inputs.map((i) => ({ versionId: vid(i.ref), role: i.role })) }));
  await run(q.LINK_TRAINING, { training }, training);
}

const TERMINAL = new Set(["COMPLETE", "FAIL", "ABORT"]);

/**
 * One row per run: the batch's events of one run folded in batch order, to what MERGE_RUNS
 * applying them one by one would leave. The state is the latest event's by eventTime (a tie
 * goes to the later in the batch); a run started at its earliest START, ended at its last
 * terminal event; nominal times, error and parent are the last reported; facts merge in order.
 */
function foldRuns(runs: Rows["runs"]) {
  type Folded = Pick<Rows["runs"][number], "id" | "name" | "jobId" | "state" | "props" | "facts"> & { stateAt: string | null; startedAt: string | null; endedAt: string | null; firstEventAt: string };
  const out = new Map<string, Folded>();
  for (const r of runs) {
    const seen = out.get(r.id);
    const f: Folded = seen ?? { id: r.id, name: r.name, jobId: r.jobId, state: null, stateAt: null, startedAt: null, endedAt: null, firstEventAt: r.at, props: {}, facts: {} };
    f.name = r.name;
    f.jobId = r.jobId;
    if (r.state !== null && (f.stateAt === null || r.at >= f.stateAt)) [f.state, f.stateAt] = [r.state, r.at];
    if (r.eventType === "START" && (f.startedAt === null || r.at < f.startedAt)) f.startedAt = r.at;
    if (r.eventType !== null && TERMINAL.has(r.eventType)) f.endedAt = r.at;
    if (r.at < f.firstEventAt) f.firstEventAt = r.at;
    for (const [k, v] of Object.entries(r.props)) f.props[k] = v ?? f.props[k] ?? null;
    f.facts = { ...f.facts, ...r.facts };
    out.set(r.id, f);
  }
  return [...out.values()];
}

/** Fills in the version of every input that named none (see RESOLVE_VERSIONS). */
async function resolveVersions(tx: Tx, rows: Rows, base: { now: string; sub: string }) {
  // A JobEvent's datasets have no run, hence no version: they only get job-level edges.
  const jobOnly = new Set(rows.io.filter((x) => x.runId === null).map((x) => x.ref));
  const open = [...rows.schemas.map((s) => s.ref), ...rows.io.map((x) => x.ref), ...rows.derivations.map((d) => d.input), ...rows.fieldEdges.flatMap((e) => [e.output, e.input]), ...rows.training.flatMap((t) => t.inputs.map((i) => i.ref))]
    .filter((r) => r.versionId === null && !jobOnly.has(r));
  if (open.length === 0) return;
  const refs = distinct(open, refKey).map((r) => ({ key: refKey(r), datasetId: r.datasetId, at: r.at, fallbackId: versionId(r.datasetId, "unversioned") }));
  const found = new Map((await tx.run<{ key: string; id: string }>({ cypher: q.RESOLVE_VERSIONS, params: { ...base, refs } })).map((r) => [r.key, r.id]));
  for (const r of open) r.versionId = found.get(refKey(r)) ?? null;
}
