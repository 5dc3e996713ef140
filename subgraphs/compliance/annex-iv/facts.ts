import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { notFound } from "../../../runtime/errors.js";
import { approvalInForce, latestBySeq } from "../../../runtime/graph/vocabulary.js";
import type { Props } from "../../../runtime/mutation.js";
import { authorityStatus, isOverdue, type SubmissionFacts } from "../incidents/deadline.js";
import { profileFromProps } from "../profile/store.js";
import type { ComplianceProfile } from "../profile/types.js";

/** Everything an Annex IV document states, read from the graph in one read transaction. */
export interface AnnexIvFacts {
  system: Props;
  profile: ComplianceProfile | null;
  /** Earlier versions of the system (PREVIOUS_VERSION chain), newest first. */
  previous: Props[];
  /** Versions that name this one as their previous version. */
  successors: Props[];
  models: { id: string; name: string; createdAt: string; versions: Props[] }[];
  /** The model versions the document describes in detail: one per model. */
  documented: DocumentedVersion[];
  /** Light training history of every model version: run and dataset ids. */
  history: Map<string, { run: Props | null; datasetIds: string[] }>;
  /** Upstream derivations of the documented datasets (provenance), by dataset version id. */
  upstream: { node: Props; edges: { to: string; transformation: string }[] }[];
  approvals: Props[];
  /** The approval in force now (runtime/graph/vocabulary.ts approvalInForce) of each subject that has one, by subject id. */
  inForce: Map<string, Props>;
  risks: Props[];
  deployments: Props[];
  drift: { deploymentId: string; total: number; byStatus: Record<string, number>; latest: Props[] }[];
  incidents: Props[];
}

export interface DocumentedVersion {
  version: Props;
  modelName: string;
  run: Props | null;
  datasets: (Props & { role: string })[];
  compute: Props[];
  metrics: Props[];
}

/** One subject's approval in force, as the facts queries return it. */
export interface InForceRow { subjectId: string; approval: Props }
export const inForceMap = (rows: InForceRow[]): Map<string, Props> => new Map(rows.map((r) => [r.subjectId, r.approval]));

/** Most upstream dataset versions one document lists (a derivation DAG can be wide). */
const MAX_UPSTREAM = 1000;
/** Latest drift reports cited per deployment. */
const DRIFT_CITED = 10;

/**
 * Reads the facts of a system's Annex IV documentation: five statements in one read
 * transaction, each bounded by the size of the answer. The documented model version of each
 * model is its latest, or `modelVersionId` for its model. `asOf`: the compliance profile in
 * force at that instant, and every lineage record created by then (records are append-only:
 * one created later did not exist; a deployment's end counts once it is both recorded,
 * endRecordedAt, and reached, endedAt; ends recorded before endRecordedAt existed count from
 * endedAt). So a document
 * regenerated with asOf = its issuedAt reads what the issued copy read (compliance/archive).
 */
export function loadAnnexIvFacts(ctx: Ctx, systemId: string, modelVersionId: string | null, asOf: string | null = null): Promise<AnnexIvFacts> {
  return read({ op: "annexIvFacts", stats: ctx.stats }, async (tx) => {
    const head = await tx.one<Pick<AnnexIvFacts, "system" | "previous" | "successors" | "models"> & { profile: Props | null }>({
      cypher: `
        MATCH (s:AISystem {id: $id})
        ${latestBySeq({ label: "ComplianceProfile", key: "systemId", of: "s.id", scope: ["s"], as: "p", where: "$asOf IS NULL OR p.createdAt <= $asOf" })}
        CALL (s) {
          OPTIONAL MATCH path = (s)-[:PREVIOUS_VERSION*1..50]->(prev:AISystem)
          WITH prev, path WHERE prev IS NULL OR $asOf IS NULL OR prev.createdAt <= $asOf
          WITH prev, length(path) AS d ORDER BY d
          RETURN collect(prev {.id, .name, .version, .createdAt, .intendedPurpose, .riskCategory}) AS previous
        }
        CALL (s) { OPTIONAL MATCH (next:AISystem)-[:PREVIOUS_VERSION]->(s) WHERE $asOf IS NULL OR next.createdAt <= $asOf RETURN collect(next {.id, .version, .createdAt}) AS successors }
        CALL (s) {
          OPTIONAL MATCH (m:Model {systemId: s.id}) WHERE $asOf IS NULL OR m.createdAt <= $asOf
          CALL (m) { OPTIONAL MATCH (v:ModelVersion {modelId: m.id}) WHERE $asOf IS NULL OR v.createdAt <= $asOf WITH v ORDER BY v.createdAt, v.id RETURN collect(v {.*}) AS versions }
          WITH m, versions WHERE m IS NOT NULL
          RETURN collect(m {.id, .name, .createdAt, versions: versions}) AS models
        }
        RETURN s {.*} AS system, p {.*} AS profile, previous, successors, models`,
      params: { id: systemId, asOf },
    });
    if (!head) throw notFound("AISystem", systemId);
    const models = [...head.models].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
    const allMv = models.flatMap((m) => m.versions.map((v) => v.id as string));
    if (modelVersionId && !allMv.includes(modelVersionId)) throw notFound(`ModelVersion of AISystem ${systemId}`, modelVersionId);
    const chosen = models.flatMap((m) => {
      const pick = m.versions.find((v) => v.id === modelVersionId) ?? m.versions[m.versions.length - 1];
      return pick ? [{ id: pick.id as string, modelName: m.name }] : [];
    });

    const detail = await tx.run<{ id: string; run: Props | null; datasets: DocumentedVersion["datasets"]; compute: Props[]; metrics: Props[]; version: Props }>({
      cypher: `
        UNWIND $ids AS mvId
        MATCH (v:ModelVersion {id: mvId})
        OPTIONAL MATCH (v)-[:TRAINED_BY]->(r:TrainingRun) WHERE $asOf IS NULL OR r.createdAt <= $asOf
        CALL (r) { OPTIONAL MATCH (r)-[u:USED]->(d:DatasetVersion) WHERE $asOf IS NULL OR d.createdAt <= $asOf WITH d, u ORDER BY d.id RETURN collect(d {.*, role: u.role}) AS datasets }
        CALL (r) {
          OPTIONAL MATCH (r)-[:USED_COMPUTE]->(a:ComputeAllocation) WHERE $asOf IS NULL OR a.createdAt <= $asOf
          OPTIONAL MATCH (a)-[:ON_CLUSTER]->(c:GpuCluster)
          OPTIONAL MATCH (c)-[:AT_SITE]->(site:Site)
          WITH a, c, site WHERE a IS NOT NULL
          WITH a, c, site ORDER BY a.startedAt, a.id
          RETURN collect(a {.*, gpuModel: c.gpuModel, clusterName: c.name, siteId: site.id, siteName: site.name, country: site.country, zone: site.sovereigntyZone}) AS compute
        }
        CALL (v) { OPTIONAL MATCH (m:Metric {modelVersionId: v.id}) WHERE $asOf IS NULL OR m.createdAt <= $asOf WITH m ORDER BY m.name, m.subgroup RETURN collect(m {.*}) AS metrics }
        RETURN mvId AS id, v {.*} AS version, r {.*} AS run, datasets, compute, metrics`,
      params: { ids: chosen.map((c) => c.id), asOf },
    });
    const byMv = new Map(detail.map((d) => [d.id, d]));
    const documented = chosen.map((c) => ({ ...byMv.get(c.id)!, modelName: c.modelName }));

    const hist = await tx.run<{ id: string; run: Props | null; datasetIds: string[] }>({
      cypher: `
        UNWIND $ids AS mvId
        OPTIONAL MATCH (r:TrainingRun {modelVersionId: mvId}) WHERE $asOf IS NULL OR r.createdAt <= $asOf
        CALL (r) { OPTIONAL MATCH (r)-[:USED]->(d:DatasetVersion) WHERE $asOf IS NULL OR d.createdAt <= $asOf WITH d ORDER BY d.id RETURN collect(d.id) AS datasetIds }
        RETURN mvId AS id, r {.id, .startedAt, .endedAt, .codeRevision} AS run, datasetIds`,
      params: { ids: allMv, asOf },
    });

    const datasetIds = [...new Set(documented.flatMap((d) => d.datasets.map((x) => x.id as string)))];
    const upstream = await tx.run<{ node: Props; edges: { to: string | null; transformation: string | null }[] }>({
      cypher: `
        UNWIND $ids AS id
        MATCH (:DatasetVersion {id: id})-[:DERIVED_FROM*1..50]->(n:DatasetVersion) WHERE $asOf IS NULL OR n.createdAt <= $asOf
        WITH DISTINCT n ORDER BY n.id LIMIT $max
        OPTIONAL MATCH (n)-[e:DERIVED_FROM]->(p:DatasetVersion) WHERE $asOf IS NULL OR p.createdAt <= $asOf
        WITH n, e, p ORDER BY p.id
        RETURN n {.id, .datasetName, .version, .provenance, .jurisdiction, .containsPersonalData, .legalBasis, .createdAt} AS node,
               collect({to: p.id, transformation: e.transformation}) AS edges`,
      params: { ids: datasetIds, max: MAX_UPSTREAM, asOf },
    });

    const { inForce, ...depsAndMore } = (await tx.one<Pick<AnnexIvFacts, "approvals" | "risks" | "deployments" | "drift" | "incidents"> & { inForce: InForceRow[] }>({
      cypher: `
        CALL () {
          MATCH (d:Deployment) WHERE d.modelVersionId IN $allMv AND ($asOf IS NULL OR d.createdAt <= $asOf)
          OPTIONAL MATCH (d)-[:AT_SITE]->(s:Site)
          WITH d, s ORDER BY d.startedAt, d.id
          RETURN collect(d {.*, endedAt: CASE WHEN $asOf IS NULL OR (d.endedAt <= $asOf AND coalesce(d.endRecordedAt, d.endedAt) <= $asOf) THEN d.endedAt END, siteName: s.name, country: s.country, zone: s.sovereigntyZone}) AS deployments
        }
        CALL (deployments) {
          UNWIND deployments AS dep
          MATCH (r:DriftReport {deploymentId: dep.id}) WHERE $asOf IS NULL OR r.createdAt <= $asOf
          WITH dep, r ORDER BY r.windowEnd DESC, r.id
          WITH dep, collect(r {.id, .status, .windowStart, .windowEnd, .createdAt}) AS reports
          RETURN collect({deploymentId: dep.id, total: size(reports),
                          byStatus: {OK: size([x IN reports WHERE x.status = 'OK']), WARN: size([x IN reports WHERE x.status = 'WARN']), DRIFT: size([x IN reports WHERE x.status = 'DRIFT'])},
                          latest: reports[0..$cited]}) AS drift
        }
        CALL (deployments) {
          MATCH (a:Approval) WHERE a.subjectId IN $approvalSubjects + [d IN deployments | d.id] AND ($asOf IS NULL OR a.createdAt <= $asOf)
          WITH a ORDER BY a.subjectId, a.seq
          RETURN collect(a {.*}) AS approvals
        }
        CALL (deployments) {
          UNWIND $approvalSubjects + [d IN deployments | d.id] AS sid
          ${approvalInForce({ subjectId: "sid", scope: ["sid"], at: "coalesce($asOf, a.decidedAt) AND ($asOf IS NULL OR a.createdAt <= $asOf)" })}
          WITH sid, a WHERE a IS NOT NULL
          RETURN collect({subjectId: sid, approval: a {.*}}) AS inForce
        }
        CALL () {
          MATCH (r:RiskAssessment) WHERE r.subjectId IN $riskSubjects AND ($asOf IS NULL OR r.createdAt <= $asOf)
          WITH r ORDER BY r.createdAt, r.id
          RETURN collect(r {.*}) AS risks
        }
        CALL () {
          MATCH (i:Incident {systemId: $systemId}) WHERE $asOf IS NULL OR i.createdAt <= $asOf
          OPTIONAL MATCH (c:IncidentUpdate {incidentId: i.id, kind: 'COMPLETION'}) WHERE $asOf IS NULL OR c.createdAt <= $asOf
          CALL (i) {
            OPTIONAL MATCH (u:IncidentUpdate {incidentId: i.id, kind: 'SUBMISSION'}) WHERE $asOf IS NULL OR u.createdAt <= $asOf
            WITH u ORDER BY u.submittedAt, u.id
            RETURN collect(u {kind: u.submissionKind, .submittedAt, .memberState}) AS submissions
          }
          WITH i, c, submissions ORDER BY i.occurredAt, i.id
          RETURN collect(i {.id, .category, .occurredAt, .awareAt, .dueBy, .memberStates, submissions: submissions, stage: CASE WHEN c IS NULL THEN 'INITIAL' ELSE 'COMPLETE' END}) AS incidents
        }
        RETURN approvals, inForce, risks, deployments, drift, incidents`,
      params: {
        allMv,
        systemId,
        asOf,
        cited: DRIFT_CITED,
        approvalSubjects: [...allMv, ...datasetIds],
        riskSubjects: [systemId, ...documented.map((d) => d.version.id as string)],
      },
    }))!;

    return {
      system: head.system,
      profile: profileFromProps(head.profile),
      previous: head.previous,
      successors: head.successors,
      models,
      documented,
      history: new Map(hist.map((h) => [h.id, { run: h.run, datasetIds: h.datasetIds }])),
      upstream: upstream.map((u) => ({ node: u.node, edges: u.edges.filter((e): e is { to: string; transformation: string } => !!e.to) })),
      ...depsAndMore,
      // Art. 73: whether each authority concerned got its initial report in time, at asOf (else now).
      incidents: depsAndMore.incidents.map((i) => {
        const authorities = authorityStatus({ dueBy: i.dueBy as string, memberStates: (i.memberStates as string[] | null) ?? [], submissions: i.submissions as SubmissionFacts[] }, asOf ? Date.parse(asOf) : Date.now());
        const overdue = authorities.length ? authorities.some((a) => a.overdue) : isOverdue({ dueBy: i.dueBy as string, submissions: i.submissions as SubmissionFacts[] }, asOf ? Date.parse(asOf) : Date.now());
        return { ...i, authorities, overdue };
      }),
      inForce: inForceMap(inForce),
    };
  });
}
