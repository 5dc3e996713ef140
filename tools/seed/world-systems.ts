import { applyApprovals } from "./approvals.js";
import { PEOPLE } from "./catalogue/infra.js";
import { HIGH_RISK_SYSTEMS } from "./catalogue/systems-high.js";
import { OTHER_SYSTEMS } from "./catalogue/systems-other.js";
import type { DecisionKind, ModelVersionSpec, SystemSpec } from "./catalogue/types.js";
import * as op from "./operations.js";
import { digestOf, idOf, remember, type Building } from "./world-data.js";

export const SYSTEMS: SystemSpec[] = [...HIGH_RISK_SYSTEMS, ...OTHER_SYSTEMS];

/** A deployment that makes decisions, and when its model version was approved. */
export interface DecisionSource {
  key: string;
  deploymentId: string;
  modelVersionId: string;
  kind: DecisionKind;
  share: number;
  highRisk: boolean;
  /** Decisions must fall in [approvedFrom, approvedUntil) to trace with an approval in force. */
  approvedFrom: string;
  /** When the approval was revoked; null while it is in force. */
  approvedUntil: string | null;
}

/** AI systems with their models, versions, training runs, metrics, risk assessments, approvals and deployments. */
export async function buildSystems(b: Building): Promise<DecisionSource[]> {
  const sources: DecisionSource[] = [];
  let versions = 0;
  for (const s of SYSTEMS) {
    const { key, previous, risks, models, name, ...rest } = s;
    const sys = await b.api.call(PEOPLE.pipeline, op.REGISTER_SYSTEM, {
      i: { ...rest, name: b.prefix + name, previousVersionId: previous ? idOf(b, previous) : null },
    });
    remember(b, key, sys.registerAISystem.id);
    for (const r of risks ?? []) {
      await b.api.call(PEOPLE.riskManager, op.RECORD_RISK, { i: { subjectId: idOf(b, key), subjectType: "AI_SYSTEM", ...r } });
    }
    for (const m of models) {
      const model = await b.api.call(PEOPLE.pipeline, op.REGISTER_MODEL, { i: { systemId: idOf(b, key), name: m.name } });
      for (const v of m.versions) {
        sources.push(...(await buildVersion(b, model.registerModel.id, `${b.prefix}${m.name}`, v, s.riskCategory === "HIGH")));
        versions++;
      }
    }
  }
  b.log(`${SYSTEMS.length} AI systems, ${versions} model versions with runs, metrics, approvals and ${sources.length} deployments`);
  return sources;
}

async function buildVersion(b: Building, modelId: string, modelName: string, v: ModelVersionSpec, highRisk: boolean): Promise<DecisionSource[]> {
  const { key, run, metrics, approvals, deployments, decisions, version, ...facts } = v;
  const mv = await b.api.call(PEOPLE.pipeline, op.REGISTER_MODEL_VERSION, {
    i: { modelId, version, artifactDigest: digestOf(modelName, version), ...facts },
  });
  const mvId: string = mv.registerModelVersion.id;
  remember(b, key, mvId);
  if (run) {
    const computeIds: string[] = [];
    for (const c of run.compute) {
      const { cluster, ...alloc } = c;
      computeIds.push((await b.api.call(PEOPLE.pipeline, op.RECORD_ALLOCATION, { i: { clusterId: idOf(b, cluster), ...alloc } })).recordComputeAllocation.id);
    }
    const training = run.datasets.filter((d) => d.role === "TRAINING").map((d) => idOf(b, d.key));
    await b.api.call(PEOPLE.pipeline, op.RECORD_TRAINING_RUN, {
      i: {
        modelVersionId: mvId,
        datasetVersionIds: training,
        datasets: run.datasets.map((d) => ({ datasetVersionId: idOf(b, d.key), role: d.role })),
        computeAllocationIds: computeIds,
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        codeRevision: run.codeRevision,
        methodology: run.methodology,
        parameters: run.parameters,
      },
    });
  }
  if (metrics?.length) {
    await b.api.call(PEOPLE.pipeline, op.RECORD_METRICS, {
      mv: mvId,
      m: metrics.map(({ dataset, ...m }) => ({ ...m, datasetVersionId: dataset ? idOf(b, dataset) : null })),
    });
  }
  const history = await applyApprovals(b.api, mvId, "MODEL_VERSION", approvals);
  b.approvals.push(...history);
  const approved = history.find((a) => a.decision === "APPROVED");
  const revoked = history.find((a) => a.decision === "REVOKED");
  const sources: DecisionSource[] = [];
  for (const d of deployments ?? []) {
    const dep = await b.api.call(PEOPLE.pipeline, op.RECORD_DEPLOYMENT, {
      i: { modelVersionId: mvId, siteId: idOf(b, d.site), environment: d.environment, startedAt: d.startedAt },
    });
    const deploymentId: string = dep.recordDeployment.id;
    remember(b, d.key, deploymentId);
    b.approvals.push(...(await applyApprovals(b.api, deploymentId, "DEPLOYMENT", [
      { decision: "APPROVED", by: "officer", rationale: `Go-live of ${modelName} ${version} at ${d.site} (${d.environment}) approved` },
    ])));
    if (decisions && approved) {
      sources.push({
        key: d.key, deploymentId, modelVersionId: mvId, kind: decisions, share: d.share, highRisk,
        approvedFrom: approved.decidedAt, approvedUntil: revoked?.decidedAt ?? null,
      });
    }
  }
  return sources;
}
