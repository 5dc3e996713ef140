import { canonicalJson, sha256Hex, stableId } from "../../../runtime/canonical.js";
import type { Ctx } from "../../../runtime/context.js";
import type { Tx } from "../../../runtime/db.js";
import { createOnce, mutate, type Props } from "../../../runtime/mutation.js";
import { mapper, text } from "../../../runtime/graph/mapper.js";
import { related, requireIds } from "../../../runtime/nodes.js";
import type { FeatureProfile } from "./types.js";
import type { Profile } from "./validate.js";
import { toDatasetVersion } from "../mappers.js";

/** A stored reference profile: the validated profile as JSON text, with its digest. */
export interface StoredProfile {
  id: string;
  datasetVersionId: string;
  digest: string;
  profile: Profile;
  setBy: string;
  createdAt: string;
}

/** `profile` is stored as its canonical JSON text. */
const fromNode = mapper<StoredProfile>({
  id: text, datasetVersionId: text, digest: text, profile: (p, key) => JSON.parse(text(p, key)) as Profile, setBy: text, createdAt: text,
});

/** The API shape: thresholds flattened onto each feature, null where the default applies. */
export function toFeatureProfile(p: StoredProfile): FeatureProfile {
  return {
    id: p.id,
    datasetVersionId: p.datasetVersionId,
    digest: p.digest,
    setBy: p.setBy,
    createdAt: p.createdAt,
    numeric: p.profile.numeric.map(({ thresholds: t, ...f }) => ({ ...f, warn: t.warn ?? null, drift: t.drift ?? null, ksWarn: t.ksWarn ?? null, ksDrift: t.ksDrift ?? null })),
    categorical: p.profile.categorical.map(({ thresholds: t, ...f }) => ({ ...f, warn: t.warn ?? null, drift: t.drift ?? null })),
  };
}

/** The profile in force for each dataset version asked for in one tick: one statement. */
export async function latestProfile(ctx: Ctx, datasetVersionId: string): Promise<StoredProfile | null> {
  const rows = await related(
    ctx,
    "latestProfile",
    `MATCH (p:FeatureProfile) WHERE p.datasetVersionId IN $ids
     WITH p ORDER BY p.createdAt DESC, p.id DESC
     WITH p.datasetVersionId AS key, collect(p)[0] AS p
     RETURN key, p {.*} AS n`,
  ).load(datasetVersionId);
  return rows?.[0] ? fromNode(rows[0]) : null;
}

/**
 * The reference for a deployment, inside the caller's transaction: the latest profile of the
 * TRAINING-role dataset versions of the deployed model version's run; with several, the first
 * by dataset version id that has a profile.
 */
export async function referenceForDeployment(tx: Tx, deploymentId: string): Promise<{ modelVersionId: string; reference: StoredProfile | null }> {
  const row = await tx.one<{ modelVersionId: string; reference: Props | null }>({
    cypher: `MATCH (dep:Deployment {id: $deploymentId})
             OPTIONAL MATCH (:ModelVersion {id: dep.modelVersionId})-[:TRAINED_BY]->(:TrainingRun)-[:USED {role: 'TRAINING'}]->(dv:DatasetVersion)
             CALL (dv) {
               OPTIONAL MATCH (p:FeatureProfile {datasetVersionId: dv.id})
               RETURN p ORDER BY p.createdAt DESC, p.id DESC LIMIT 1
             }
             WITH dep, dv, p ORDER BY dv.id
             WITH dep, collect(p {.*}) AS profiles
             RETURN dep.modelVersionId AS modelVersionId, profiles[0] AS reference`,
    params: { deploymentId },
  });
  return { modelVersionId: row!.modelVersionId, reference: row!.reference ? fromNode(row!.reference) : null };
}

/**
 * Sets the reference profile of a dataset version: a new FeatureProfile node each time the
 * content changes (append-only; the latest is in force); repeating the profile in force is a
 * no-op without an audit event.
 */
export function setReferenceProfile(ctx: Ctx, datasetVersionId: string, profile: Profile) {
  const text = canonicalJson(profile);
  const digest = `sha256:${sha256Hex(text)}`;
  return mutate(ctx, "setReferenceProfile", { datasetVersionId, profile }, async (tx) => {
    await requireIds(tx, "DatasetVersion", [datasetVersionId]);
    const latest = await tx.one<{ digest: string }>({
      cypher: `MATCH (p:FeatureProfile {datasetVersionId: $dv}) RETURN p.digest AS digest ORDER BY p.createdAt DESC, p.id DESC LIMIT 1`,
      params: { dv: datasetVersionId },
    });
    const changed = latest?.digest !== digest;
    let id: string | null = null;
    if (changed) {
      const at = new Date().toISOString();
      id = stableId("fp", datasetVersionId, digest, at);
      const featureCount = profile.numeric.length + profile.categorical.length;
      await createOnce(tx, "FeatureProfile", id, { datasetVersionId, digest, profile: text, featureCount }, at, { setBy: ctx.caller.sub });
      await tx.run({ cypher: `MATCH (p:FeatureProfile {id: $id}), (dv:DatasetVersion {id: $dv}) CREATE (p)-[:PROFILE_OF]->(dv)`, params: { id, dv: datasetVersionId } });
    }
    const row = await tx.one<{ n: Props }>({ cypher: `MATCH (n:DatasetVersion {id: $id}) RETURN n {.*} AS n`, params: { id: datasetVersionId } });
    return { result: toDatasetVersion(row!.n), changed, subjects: id ? [datasetVersionId, id] : [datasetVersionId] };
  });
}
