import { canonicalJson, sha256Hex, stableId } from "../../../runtime/canonical.js";
import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { createOnce, mutate, type Props } from "../../../runtime/mutation.js";
import { requireIds } from "../../../runtime/nodes.js";
import type { DeploymentCompliance } from "./types.js";

export type DeployerFacts = Record<string, string | boolean | null>;

/** Art. 27(1)(a)-(f): the facts an assessment states. */
export const FRIA_ELEMENTS = ["processDescription", "periodAndFrequency", "affectedPersons", "specificRisks", "humanOversightMeasures", "riskMeasures"];

/**
 * The deployer facts in force (highest seq, recorded by `asOf` when given) of each deployment,
 * with `friaRecordedAt`: when a record first stated every Art. 27(1) element (null: never).
 * Absent deployments are not in the map.
 */
export async function deployerFactsOf(ctx: Ctx, deploymentIds: string[], asOf: string | null = null): Promise<Map<string, Props>> {
  const rows = await read({ op: "deployerFacts", stats: ctx.stats }, (tx) =>
    tx.run<{ key: string; all: Props[] }>({
      cypher: `
        MATCH (p:DeploymentCompliance) WHERE p.deploymentId IN $ids AND ($asOf IS NULL OR p.createdAt <= $asOf)
        WITH p ORDER BY p.seq DESC
        RETURN p.deploymentId AS key, collect(p {.*}) AS all`,
      params: { ids: deploymentIds, asOf },
    }),
  );
  return new Map(rows.map((r) => {
    const complete = r.all.filter((p) => FRIA_ELEMENTS.every((k) => p[k])).map((p) => p.createdAt as string).sort();
    return [r.key, { ...r.all[0], friaRecordedAt: complete[0] ?? null }];
  }));
}

/**
 * Records a deployer's facts for a deployment: append-only, latest wins, the deployment node
 * write-locked first so concurrent recorders get consecutive seq numbers; recording the facts in
 * force again changes nothing. The write and its audit event commit together (mutate).
 */
export function recordDeployerFacts(ctx: Ctx, deploymentId: string, facts: DeployerFacts) {
  const factsHash = sha256Hex(canonicalJson(facts));
  return mutate(ctx, "recordDeploymentCompliance", { deploymentId, input: facts }, async (tx) => {
    await requireIds(tx, "Deployment", [deploymentId]);
    await tx.run({ cypher: `MATCH (d:Deployment {id: $id}) SET d._deployerLock = true REMOVE d._deployerLock`, params: { id: deploymentId } });
    const latest = (await tx.one<{ p: Props }>({
      cypher: `MATCH (p:DeploymentCompliance {deploymentId: $id}) RETURN p {.*} AS p ORDER BY p.seq DESC LIMIT 1`,
      params: { id: deploymentId },
    }))?.p;
    if (latest && latest.factsHash === factsHash) return { result: latest as unknown as DeploymentCompliance, changed: false, subjects: [] };
    const seq = ((latest?.seq as number | undefined) ?? 0) + 1;
    const id = stableId("dcomp", deploymentId, seq);
    const { node } = await createOnce(tx, "DeploymentCompliance", id, { ...facts, deploymentId, seq, factsHash }, new Date().toISOString(), { recordedBy: ctx.caller.sub });
    await tx.run({ cypher: `MATCH (p:DeploymentCompliance {id: $id}), (d:Deployment {id: $d}) MERGE (p)-[:DESCRIBES]->(d)`, params: { id, d: deploymentId } });
    return { result: node as unknown as DeploymentCompliance, changed: true, subjects: [id, deploymentId] };
  });
}
