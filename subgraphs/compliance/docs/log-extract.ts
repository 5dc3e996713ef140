import { decodeCursor, encodeCursor } from "../../../runtime/cursor.js";
import neo4j from "neo4j-driver";
import type { Ctx } from "../../../runtime/context.js";
import { databaseName, getDriver, read } from "../../../runtime/db.js";
import { notFound, requireRecordedBy } from "../../../runtime/errors.js";
import { latestBySeq } from "../../../runtime/graph/vocabulary.js";
// No decorated (type-graphql) module here: the gateway imports this before reflect-metadata is loaded.
import { MIN_LOG_RETENTION_MONTHS, toLogRecord, type DecisionRow, type LogRecord } from "./log-format.js";
import { FLAGGED_DRIFT, referenceDatabaseRequired } from "./log-situations.js";

/** A system's log scope: its model versions and how long its records are kept. */
export interface LogScope {
  systemId: string;
  /** The retention of the profile in force now (for records written from now on). */
  retentionMonths: number;
  /** The retention in force when a record was written (at `recordedAt`): later profile changes do not move it (Art. 19(1), 26(6)). */
  retentionAt: (recordedAt: string) => number;
  versions: Map<string, string>;
  /** Art. 12(3)(b): whether records must name a reference database (Annex III 1(a), from the system and its latest profile). */
  referenceDatabaseNeeded: boolean;
  /** The graph as it stood at this instant (null: now): records, profiles and versions recorded by then. */
  asOf: string | null;
}

/**
 * Decisions from a (time, id) position on, in time order, with their latest human review.
 * For one model version ($mv), ordering by the whole (modelVersionId, occurredAt) index key lets
 * the planner read the index in order (PartialTop): a chunk reads its own rows, not the range.
 * `asOf` (the graph as it stood at $asOf): only records recorded by then (createdAt) are read, and
 * a deployment's end once recorded and reached (as Annex IV, annex-iv/facts.ts); without it the
 * statement is the one the export benchmark measured, word for word.
 */
const decisions = (oneVersion: boolean, asOf = false) => {
  const by = (x: string) => (asOf ? ` AND ${x}.createdAt <= $asOf` : "");
  const whereBy = (x: string) => (asOf ? ` WHERE ${x}.createdAt <= $asOf` : "");
  const endedAt = asOf ? "endedAt: CASE WHEN dep.endedAt <= $asOf AND coalesce(dep.endRecordedAt, dep.endedAt) <= $asOf THEN dep.endedAt END" : ".endedAt";
  return `
  MATCH (d:Decision)
  WHERE ${oneVersion ? "d.modelVersionId = $mv" : "d.modelVersionId IN $mvs"} AND d.occurredAt >= $afterAt AND d.occurredAt < $to
    AND (d.occurredAt > $afterAt OR d.id > $afterId)${by("d")}
  WITH d ORDER BY ${oneVersion ? "d.modelVersionId, " : ""}d.occurredAt, d.id LIMIT $limit
  CALL (d) {
    OPTIONAL MATCH (r:DecisionReview {decisionId: d.id})${whereBy("r")}
    WITH r ORDER BY r.createdAt DESC
    WITH collect(r {.outcome, .reviewer, .note, .overrideJson, .createdAt}) AS newestFirst
    RETURN size(newestFirst) AS reviewCount, newestFirst[0] AS review, reverse(newestFirst) AS reviews
  }
  // Art. 12(3)(a) period of use and 12(3)(b) reference database: from the decision's deployment.
  OPTIONAL MATCH (dep:Deployment {id: d.deploymentId})
  // Art. 12(2)(a): drift warnings/breaches whose window holds the decision - of its deployment, or
  // of its model version when it names none; per window only the latest report (a correction supersedes).
  CALL (d) {
    CALL (d) {
      WITH d WHERE d.deploymentId IS NOT NULL
      MATCH (r:DriftReport {deploymentId: d.deploymentId}) WHERE r.windowStart <= d.occurredAt AND r.windowEnd > d.occurredAt${by("r")} RETURN r
      UNION
      WITH d WHERE d.deploymentId IS NULL
      MATCH (r:DriftReport {modelVersionId: d.modelVersionId}) WHERE r.windowStart <= d.occurredAt AND r.windowEnd > d.occurredAt${by("r")} RETURN r
    }
    WITH r ORDER BY r.createdAt DESC, r.id DESC
    WITH r.deploymentId AS dep, r.windowStart AS ws, r.windowEnd AS we, collect(r)[0] AS r
    WITH r WHERE r.status IN $flagged
    WITH r ORDER BY r.windowStart, r.id
    RETURN collect(r {reportId: r.id, .status, .windowStart, .windowEnd, .deploymentId}) AS driftEvents
  }
  // Art. 12(2)(a): the system's serious incidents that had occurred and were not completed at the decision's time.
  CALL (d) {
    MATCH (i:Incident {systemId: $sys}) WHERE i.occurredAt <= d.occurredAt${by("i")}
    OPTIONAL MATCH (c:IncidentUpdate {incidentId: i.id, kind: 'COMPLETION'})${whereBy("c")}
    WITH i, c WHERE c IS NULL OR c.createdAt > d.occurredAt
    WITH i, c ORDER BY i.occurredAt, i.id
    RETURN collect({incidentId: i.id, category: i.category, occurredAt: i.occurredAt, completedAt: c.createdAt}) AS incidents
  }
  RETURN d.id AS id, d.occurredAt AS occurredAt, d.createdAt AS recordedAt, d.modelVersionId AS modelVersionId, d.deploymentId AS deploymentId,
         d.inputDigest AS inputDigest, d.outputJson AS outputJson, d.confidence AS confidence, d.explanation AS explanation,
         reviewCount, review, reviews, dep {.startedAt, ${endedAt}, .referenceDatabase} AS deployment, driftEvents, incidents`;
};

/**
 * The system, its model versions and its retention (latest compliance profile, default 6 months);
 * NOT_FOUND when unknown. `asOf`: the profiles and versions recorded by then; a system recorded
 * later is NOT_FOUND saying when it was.
 */
export async function logScope(ctx: Pick<Ctx, "stats"> | null, systemId: string, asOf: string | null = null): Promise<LogScope> {
  const row = await read({ op: "logScope", stats: ctx?.stats }, (tx) =>
    tx.one<{ createdAt: string | null; months: number | null; area: string | null; point: string | null; exclusion: string | null; policies: { at: string; months: number | null }[]; versions: { id: string; label: string }[] }>({
      cypher: `
        MATCH (s:AISystem {id: $id})
        ${latestBySeq({ label: "ComplianceProfile", key: "systemId", of: "s.id", scope: ["s"], as: "latest", where: "$asOf IS NULL OR latest.createdAt <= $asOf" })}
        CALL (s) { OPTIONAL MATCH (p:ComplianceProfile {systemId: s.id}) WITH p WHERE p IS NOT NULL AND ($asOf IS NULL OR p.createdAt <= $asOf) ORDER BY p.seq RETURN collect({at: p.createdAt, months: p.logRetentionMonths}) AS policies }
        CALL (s) {
          OPTIONAL MATCH (m:Model {systemId: s.id}) OPTIONAL MATCH (v:ModelVersion {modelId: m.id})
          WITH m, v WHERE v IS NOT NULL AND ($asOf IS NULL OR v.createdAt <= $asOf)
          RETURN collect({id: v.id, label: m.name + ' ' + v.version}) AS versions
        }
        RETURN s.createdAt AS createdAt, latest.logRetentionMonths AS months, s.annexIIIArea AS area, latest.annexIIIPoint AS point, latest.annexIIIExclusion AS exclusion, policies, versions`,
      params: { id: systemId, asOf },
    }),
  );
  if (!row) throw notFound("AISystem", systemId);
  requireRecordedBy("AISystem", systemId, row.createdAt, asOf);
  return {
    systemId, asOf, retentionMonths: row.months ?? MIN_LOG_RETENTION_MONTHS, retentionAt: retentionPolicy(row.policies), versions: new Map(row.versions.map((v) => [v.id, v.label])),
    referenceDatabaseNeeded: referenceDatabaseRequired(row.area ?? null, row.point ?? null, row.exclusion ?? null),
  };
}

/**
 * The retention of the profile recorded last at or before the record was written, else the minimum of
 * Art. 19(1) / 26(6). A record's retainUntil is thus fixed by the policy in force when it was
 * written; a longer period recorded later (e.g. financial-services law) applies from then on.
 */
export function retentionPolicy(policies: { at: string; months: number | null }[]): (recordedAt: string) => number {
  const sorted = [...policies].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (recordedAt) => {
    const t = Date.parse(recordedAt);
    let months = MIN_LOG_RETENTION_MONTHS;
    for (const p of sorted) if (Date.parse(p.at) <= t) months = p.months ?? MIN_LOG_RETENTION_MONTHS;
    return months;
  };
}

/**
 * Streams one model version's decisions in [from, to) in chunks of `chunk` rows, each chunk a
 * short auto-commit query read with the driver's backpressure (it stops pulling while the
 * consumer is not reading). Chunks keep every transaction far below the server's timeout
 * whatever the size of the export. Returning early cancels the query and closes the session.
 */
async function* versionStream(sys: string, mv: string, from: string, to: string, chunk: number, asOf: string | null): AsyncGenerator<DecisionRow> {
  let afterAt = from;
  let afterId = "";
  for (;;) {
    const session = getDriver().session({ database: databaseName(), defaultAccessMode: neo4j.session.READ, fetchSize: 1000 });
    let n = 0;
    let last: DecisionRow | undefined;
    try {
      const result = session.run(decisions(true, asOf !== null), { sys, mv, afterAt, afterId, to, limit: neo4j.int(chunk), flagged: FLAGGED_DRIFT, ...(asOf ? { asOf } : {}) }, { metadata: { app: "ai-lineage", op: "exportDecisions" } });
      for await (const record of result) {
        last = record.toObject() as DecisionRow;
        n++;
        yield last;
      }
    } finally {
      await session.close();
    }
    if (n < chunk || !last) return;
    afterAt = last.occurredAt;
    afterId = last.id;
  }
}

/** Merges streams each sorted by (occurredAt, id) into one sorted stream; closes them all when done or abandoned. */
async function* mergeSorted(streams: AsyncGenerator<DecisionRow>[]): AsyncGenerator<DecisionRow> {
  const heads: (IteratorResult<DecisionRow> | undefined)[] = await Promise.all(streams.map((s) => s.next()));
  try {
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        if (!h || h.done) continue;
        if (best < 0) best = i;
        else {
          const b = (heads[best] as IteratorYieldResult<DecisionRow>).value;
          if (h.value.occurredAt < b.occurredAt || (h.value.occurredAt === b.occurredAt && h.value.id < b.id)) best = i;
        }
      }
      if (best < 0) return;
      yield (heads[best] as IteratorYieldResult<DecisionRow>).value;
      heads[best] = await streams[best].next();
    }
  } finally {
    await Promise.all(streams.map((s) => s.return(undefined)));
  }
}

/** Most model versions one export merges (each holds a session while the export runs). */
export const MAX_EXPORT_VERSIONS = 32;

/**
 * Every log record of a system in [from, to), oldest first, without holding more than a few
 * thousand rows in memory at any time.
 */
export async function* exportDecisions(scope: LogScope, from: string, to: string, chunk = 10_000): AsyncGenerator<LogRecord> {
  const ids = [...scope.versions.keys()];
  const label = (id: string) => scope.versions.get(id) ?? null;
  // Beyond the cap, versions are exported one after another (time order within each).
  const groups: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_EXPORT_VERSIONS) groups.push(ids.slice(i, i + MAX_EXPORT_VERSIONS));
  for (const group of groups) {
    for await (const row of mergeSorted(group.map((mv) => versionStream(scope.systemId, mv, from, to, chunk, scope.asOf)))) {
      yield toLogRecord(row, scope.systemId, label, scope.retentionAt(row.recordedAt ?? row.occurredAt), scope.referenceDatabaseNeeded);
    }
  }
}

/** Position of a record in an extract: the cursor of `logExtract(after:)`. */
export const logCursor = (r: { occurredAt: string; decisionId: string }) => encodeCursor([r.occurredAt, r.decisionId]);

/** One page of a system's log records in [from, to), oldest first: for small ranges. */
export async function logPage(ctx: Ctx, scope: LogScope, from: string, to: string, first: number, after: string | null): Promise<{ records: LogRecord[]; hasMore: boolean }> {
  const [afterAt, afterId] = decodeCursor(after, 2) ?? [from, ""];
  const rows = await read({ op: "logExtract", stats: ctx.stats }, (tx) =>
    tx.run<DecisionRow>({
      cypher: decisions(false, scope.asOf !== null),
      params: { sys: scope.systemId, mvs: [...scope.versions.keys()], afterAt: afterAt ?? from, afterId: afterId ?? "", to, limit: first + 1, flagged: FLAGGED_DRIFT, ...(scope.asOf ? { asOf: scope.asOf } : {}) },
    }),
  );
  const label = (id: string) => scope.versions.get(id) ?? null;
  return { records: rows.slice(0, first).map((r) => toLogRecord(r, scope.systemId, label, scope.retentionAt(r.recordedAt ?? r.occurredAt), scope.referenceDatabaseNeeded)), hasMore: rows.length > first };
}
