import { stableId } from "../../runtime/canonical.js";
import { registrant } from "../../runtime/auth/identity.js";
import type { Ctx } from "../../runtime/context.js";
import { badInput, conflict, notFound } from "../../runtime/errors.js";
import { approvalInForce } from "../../runtime/graph/vocabulary.js";
import { mutate, createOnce } from "../../runtime/mutation.js";
import { byId, related, requireIds, childrenPage } from "../../runtime/nodes.js";
import type { Props } from "../../runtime/mutation.js";
import { toDeployment, toDecision, toModel, toModelVersion, toSystem, toTrainingRun } from "./mappers.js";
import type { AISystem, ModelVersion } from "./types.js";

const now = () => new Date().toISOString();

// ---------------------------------------------------------------- reads
export const loadSystem = async (ctx: Ctx, id: string) => toSystem.orNull(await byId(ctx, "AISystem").load(id));
export const loadModel = async (ctx: Ctx, id: string) => toModel.orNull(await byId(ctx, "Model").load(id));
export const loadModelVersion = async (ctx: Ctx, id: string) => toModelVersion.orNull(await byId(ctx, "ModelVersion").load(id));
export const loadDeployment = async (ctx: Ctx, id: string) => toDeployment.orNull(await byId(ctx, "Deployment").load(id));
export const loadTrainingRun = async (ctx: Ctx, id: string) => toTrainingRun.orNull(await byId(ctx, "TrainingRun").load(id));
export const loadDecision = async (ctx: Ctx, id: string) => toDecision.orNull(await byId(ctx, "Decision").load(id));

export const modelsOfSystem = async (ctx: Ctx, systemId: string) =>
  (await related(ctx, "modelsOfSystem", `MATCH (m:Model) WHERE m.systemId IN $ids RETURN m.systemId AS key, m {.*} AS n ORDER BY m.createdAt, m.id`)
    .load(systemId))?.map(toModel) ?? null;

export const versionsOfModel = async (ctx: Ctx, modelId: string, first?: number | null, after?: string | null) =>
  (await childrenPage(ctx, "ModelVersion", "modelId", modelId, first, after))?.map(toModelVersion) ?? null;

export const runOfModelVersion = async (ctx: Ctx, modelVersionId: string) => {
  const rows = await related(ctx, "runOfModelVersion", `MATCH (r:TrainingRun) WHERE r.modelVersionId IN $ids RETURN r.modelVersionId AS key, r {.*} AS n`).load(modelVersionId);
  return toTrainingRun.orNull(rows?.[0]);
};

export const inputsOfRun = (ctx: Ctx, runId: string) =>
  related(ctx, "inputsOfRun", `MATCH (r:TrainingRun)-[u:USED]->(d:DatasetVersion) WHERE r.id IN $ids RETURN r.id AS key, d {.id, role: u.role} AS n ORDER BY d.id`)
    .load(runId);

/** Status now: the latest approval decision in force for the version, else REGISTERED. */
export const statusOfModelVersion = async (ctx: Ctx, id: string): Promise<string> => {
  const rows = await related(
    ctx,
    "statusOfModelVersion",
    `UNWIND $ids AS key
     ${approvalInForce({ subjectId: "key", scope: ["key"] })}
     WITH key, a WHERE a IS NOT NULL
     RETURN key, a {.decision} AS n`,
  ).load(id);
  return (rows?.[0]?.decision as string | undefined) ?? "REGISTERED";
};

// ---------------------------------------------------------------- writes
export function registerSystem(ctx: Ctx, input: Omit<AISystem, "id" | "createdAt" | "registeredBy">) {
  const id = stableId("sys", input.name, input.version);
  return mutate(ctx, "registerAISystem", input, async (tx) => {
    if (input.previousVersionId) await requireIds(tx, "AISystem", [input.previousVersionId]);
    const { node, created } = await createOnce(tx, "AISystem", id, { ...input }, now(), registrant(ctx.caller));
    if (created && input.previousVersionId) {
      await tx.run({ cypher: `MATCH (s:AISystem {id: $id}), (p:AISystem {id: $prev}) CREATE (s)-[:PREVIOUS_VERSION]->(p)`, params: { id, prev: input.previousVersionId } });
    }
    return { result: toSystem(node), changed: created, subjects: input.previousVersionId ? [id, input.previousVersionId] : [id] };
  });
}

export function registerModel(ctx: Ctx, input: { systemId: string; name: string }) {
  const id = stableId("mdl", input.systemId, input.name);
  return mutate(ctx, "registerModel", input, async (tx) => {
    await requireIds(tx, "AISystem", [input.systemId]);
    const { node, created } = await createOnce(tx, "Model", id, { ...input }, now(), registrant(ctx.caller));
    if (created) await tx.run({ cypher: `MATCH (m:Model {id: $id}), (s:AISystem {id: $s}) CREATE (m)-[:PART_OF]->(s)`, params: { id, s: input.systemId } });
    return { result: toModel(node), changed: created, subjects: [id, input.systemId] };
  });
}

export function registerModelVersion(ctx: Ctx, input: Omit<ModelVersion, "id" | "createdAt" | "registeredBy">) {
  const id = stableId("mv", input.modelId, input.version);
  return mutate(ctx, "registerModelVersion", input, async (tx) => {
    await requireIds(tx, "Model", [input.modelId]);
    const { node, created } = await createOnce(tx, "ModelVersion", id, { ...input }, now(), registrant(ctx.caller));
    if (created) await tx.run({ cypher: `MATCH (v:ModelVersion {id: $id}), (m:Model {id: $m}) CREATE (v)-[:VERSION_OF]->(m)`, params: { id, m: input.modelId } });
    return { result: toModelVersion(node), changed: created, subjects: [id, input.modelId] };
  });
}

export interface RunInput {
  modelVersionId: string;
  datasets: { id: string; role: string }[];
  computeAllocationIds: string[];
  startedAt: string;
  endedAt: string | null;
  codeRevision: string | null;
  methodology: string | null;
  parameters: unknown;
  /** Annex XI 1(2)(d): null = not recorded. */
  precision: string | null;
}

export function recordTrainingRun(ctx: Ctx, input: RunInput) {
  const id = stableId("run", input.modelVersionId);
  return mutate(ctx, "recordTrainingRun", input, async (tx) => {
    await requireIds(tx, "ModelVersion", [input.modelVersionId]);
    await requireIds(tx, "DatasetVersion", input.datasets.map((d) => d.id));
    await requireIds(tx, "ComputeAllocation", input.computeAllocationIds);
    const { parameters, datasets, computeAllocationIds, precision, ...rest } = input;
    const props = {
      ...rest,
      // Only when recorded: runs stored before the field existed keep their content hash for replays.
      ...(precision ? { precision } : {}),
      parametersJson: parameters === undefined || parameters === null ? null : JSON.stringify(parameters),
      datasets: datasets.map((d) => `${d.role}:${d.id}`).sort(),
      computeAllocationIds: [...computeAllocationIds].sort(),
    };
    const { node, created } = await createOnce(tx, "TrainingRun", id, props, now(), registrant(ctx.caller));
    if (created) {
      await tx.run({
        cypher: `MATCH (r:TrainingRun {id: $id}), (v:ModelVersion {id: $mv})
                 CREATE (v)-[:TRAINED_BY]->(r)
                 WITH r
                 CALL (r) { UNWIND $datasets AS d MATCH (dv:DatasetVersion {id: d.id}) CREATE (r)-[:USED {role: d.role}]->(dv) }
                 CALL (r) { UNWIND $compute AS c MATCH (ca:ComputeAllocation {id: c}) CREATE (r)-[:USED_COMPUTE]->(ca) }`,
        params: { id, mv: input.modelVersionId, datasets, compute: computeAllocationIds },
      });
    }
    return { result: toTrainingRun(node), changed: created, subjects: [id, input.modelVersionId, ...datasets.map((d) => d.id), ...computeAllocationIds] };
  });
}

export function recordDeployment(ctx: Ctx, input: { modelVersionId: string; siteId: string; environment: string; startedAt: string; referenceDatabase: string | null }) {
  const id = stableId("dep", input.modelVersionId, input.siteId, input.environment, input.startedAt);
  return mutate(ctx, "recordDeployment", input, async (tx) => {
    await requireIds(tx, "ModelVersion", [input.modelVersionId]);
    await requireIds(tx, "Site", [input.siteId]);
    const { referenceDatabase, ...rest } = input;
    // Only when recorded: deployments stored before the field existed keep their content hash for replays.
    const props = { ...rest, ...(referenceDatabase ? { referenceDatabase } : {}) };
    const { node, created } = await createOnce(tx, "Deployment", id, props, now(), registrant(ctx.caller));
    if (created) {
      await tx.run({
        cypher: `MATCH (d:Deployment {id: $id}), (v:ModelVersion {id: $mv}), (s:Site {id: $site})
                 CREATE (d)-[:DEPLOYS]->(v), (d)-[:AT_SITE]->(s)`,
        params: { id, mv: input.modelVersionId, site: input.siteId },
      });
    }
    return { result: toDeployment(node), changed: created, subjects: [id, input.modelVersionId, input.siteId] };
  });
}

/**
 * Ends a deployment: the end of its period of use, which the logs must show (Art. 12(3)(a),
 * 26(6)). Ending it again at the same time is a no-op; at another time a CONFLICT.
 */
export function endDeployment(ctx: Ctx, deploymentId: string, endedAt: string) {
  return mutate(ctx, "endDeployment", { deploymentId, endedAt }, async (tx) => {
    // The write lock first, so concurrent callers see each other's end.
    const row = await tx.one<{ d: Props }>({ cypher: `MATCH (d:Deployment {id: $id}) SET d._lock = true REMOVE d._lock RETURN d {.*} AS d`, params: { id: deploymentId } });
    if (!row) throw notFound("Deployment", deploymentId);
    const d = row.d;
    if (d.endedAt) {
      if (Date.parse(d.endedAt as string) === Date.parse(endedAt)) return { result: toDeployment(d), changed: false, subjects: [] };
      throw conflict(`Deployment ${deploymentId} already ended at ${d.endedAt}`);
    }
    if (Date.parse(endedAt) < Date.parse(d.startedAt as string)) throw badInput("endedAt", "must not be before the deployment started");
    // endedAt is not content (contentHash covers what identifies the deployment), so a replayed recordDeployment still matches.
    const ended = await tx.one<{ d: Props }>({
      // endRecordedAt: when the graph learnt of the end, so a document as of an earlier instant does not show it (compliance/documents).
      cypher: `MATCH (d:Deployment {id: $id}) SET d.endedAt = $endedAt, d.endedBy = $by, d.endRecordedAt = $now RETURN d {.*} AS d`,
      params: { id: deploymentId, endedAt, by: ctx.caller.sub, now: new Date().toISOString() },
    });
    return { result: toDeployment(ended!.d), changed: true, subjects: [deploymentId] };
  });
}
