import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { appendFacts, type FactsSeries } from "../../../runtime/graph/facts-record.js";
import { latestBySeq } from "../../../runtime/graph/vocabulary.js";
import { mutate, type Props } from "../../../runtime/mutation.js";
import { toDeployerFacts } from "./mappers.js";

/** A deployment's deployer facts: append-only, the latest in force. */
const DEPLOYER_FACTS: FactsSeries = { label: "DeploymentCompliance", key: "deploymentId", owner: "Deployment", idPrefix: "dcomp" };

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
    tx.run<{ key: string; facts: Props }>({
      cypher: `
        UNWIND $ids AS key
        ${latestBySeq({ label: "DeploymentCompliance", key: "deploymentId", of: "key", where: "$asOf IS NULL OR p.createdAt <= $asOf", scope: ["key"], as: "p" })}
        WITH key, p WHERE p IS NOT NULL
        CALL (key) {
          OPTIONAL MATCH (r:DeploymentCompliance {deploymentId: key})
          WHERE ($asOf IS NULL OR r.createdAt <= $asOf) AND all(k IN $fria WHERE coalesce(r[k], '') <> '')
          RETURN min(r.createdAt) AS friaRecordedAt
        }
        RETURN key, p {.*, friaRecordedAt: friaRecordedAt} AS facts`,
      params: { ids: deploymentIds, asOf, fria: FRIA_ELEMENTS },
    }),
  );
  return new Map(rows.map((r) => [r.key, r.facts]));
}

/**
 * Records a deployer's facts for a deployment: append-only, latest wins; recording the facts in
 * force again changes nothing (runtime/graph/facts-record.ts). The write and its audit event
 * commit together (mutate).
 */
export function recordDeployerFacts(ctx: Ctx, deploymentId: string, facts: DeployerFacts) {
  return mutate(ctx, "recordDeploymentCompliance", { deploymentId, input: facts }, async (tx) => {
    const { node, changed, subjects } = await appendFacts(tx, DEPLOYER_FACTS, deploymentId, facts, ctx.caller.sub);
    return { result: toDeployerFacts(node), changed, subjects };
  });
}
