import { stableId } from "../../runtime/canonical.js";
import { registrant } from "../../runtime/auth/identity.js";
import type { Ctx } from "../../runtime/context.js";
import { badInput } from "../../runtime/errors.js";
import { createOnce, mutate, type Props } from "../../runtime/mutation.js";
import { byId, related, requireIds, childrenPage } from "../../runtime/nodes.js";
import { toDataset, toDatasetVersion, toDerivation } from "./mappers.js";
import type { DatasetVersion, Derivation } from "./types.js";

const now = () => new Date().toISOString();

// ---------------------------------------------------------------- reads
export const loadDataset = async (ctx: Ctx, id: string) => toDataset.orNull(await byId(ctx, "Dataset").load(id));
export const loadDatasetVersion = async (ctx: Ctx, id: string) => toDatasetVersion.orNull(await byId(ctx, "DatasetVersion").load(id));

export const versionsOfDataset = async (ctx: Ctx, datasetId: string, first?: number | null, after?: string | null) =>
  (await childrenPage(ctx, "DatasetVersion", "datasetId", datasetId, first, after))?.map(toDatasetVersion) ?? null;

/** Direct upstream versions with the transformation on each edge, oldest upstream first. */
export const derivationsOf = async (ctx: Ctx, datasetVersionId: string): Promise<Derivation[]> => {
  const rows = await related(
    ctx,
    "derivationsOf",
    `MATCH (v:DatasetVersion)-[d:DERIVED_FROM]->(p:DatasetVersion) WHERE v.id IN $ids
     RETURN v.id AS key, {transformation: d.transformation, from: p {.*}} AS n ORDER BY p.createdAt, p.id`,
  ).load(datasetVersionId);
  return (rows ?? []).map(toDerivation);
};

// ---------------------------------------------------------------- writes
export function registerDataset(ctx: Ctx, input: { name: string }) {
  const id = stableId("ds", input.name);
  return mutate(ctx, "registerDataset", input, async (tx) => {
    const { node, created } = await createOnce(tx, "Dataset", id, { ...input }, now(), registrant(ctx.caller));
    return { result: toDataset(node), changed: created, subjects: [id] };
  });
}

export interface DerivationEdge {
  datasetVersionId: string;
  transformation: string;
}

export type VersionInput = Omit<DatasetVersion, "id" | "createdAt" | "registeredBy"> & { derivedFrom: DerivationEdge[] };

/**
 * Registers a dataset version, idempotent by (datasetId, version). Its derivations are part of
 * its content. The graph stays acyclic by construction: edges are created only with their new
 * node and only towards versions that already exist, so the one possible cycle is a version
 * naming itself, refused here.
 */
export function registerDatasetVersion(ctx: Ctx, input: VersionInput) {
  const id = stableId("dsv", input.datasetId, input.version);
  const self = input.derivedFrom.findIndex((d) => d.datasetVersionId === id);
  if (self >= 0) throw badInput(`input.derivedFrom[${self}].datasetVersionId`, "a dataset version cannot derive from itself");
  const { derivedFrom, ...facts } = input;
  const edges = [...derivedFrom].sort((a, b) => (a.datasetVersionId < b.datasetVersionId ? -1 : a.datasetVersionId > b.datasetVersionId ? 1 : 0));
  const upstream = edges.map((d) => d.datasetVersionId);
  // Foreign keys as properties too; `datasetName` (set on creation, names never change) labels lineage views.
  const props = { ...facts, derivedFromIds: upstream, derivedFromTransformations: edges.map((d) => d.transformation) };
  return mutate(ctx, "registerDatasetVersion", input, async (tx) => {
    await requireIds(tx, "Dataset", [input.datasetId]);
    await requireIds(tx, "DatasetVersion", upstream);
    const { node, created } = await createOnce(tx, "DatasetVersion", id, props, now(), registrant(ctx.caller));
    if (!created) return { result: toDatasetVersion(node), changed: false, subjects: [id] };
    const row = await tx.one<{ node: Props }>({
      cypher: `MATCH (n:DatasetVersion {id: $id}), (d:Dataset {id: $datasetId}) CREATE (n)-[:VERSION_OF]->(d)
               SET n.datasetName = d.name
               WITH n CALL (n) {
                 UNWIND $edges AS e MATCH (p:DatasetVersion {id: e.datasetVersionId})
                 CREATE (n)-[:DERIVED_FROM {transformation: e.transformation}]->(p)
               }
               RETURN n {.*} AS node`,
      params: { id, datasetId: input.datasetId, edges },
    });
    return { result: toDatasetVersion(row!.node), changed: true, subjects: [id, input.datasetId, ...upstream] };
  });
}
