import { Arg, Ctx as Context, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { toDeployerFacts } from "./mappers.js";
import { deployerFactsOf, recordDeployerFacts, type DeployerFacts } from "./store.js";
import { DEPLOYER_TEXTS, DeploymentCompliance, DeploymentComplianceInput } from "./types.js";

/** Validates the input into stored facts; messages name the field. */
export function deployerFacts(input: DeploymentComplianceInput): DeployerFacts {
  const facts: DeployerFacts = { deployerPublicService: input.deployerPublicService ?? null, deployerPublicAuthority: input.deployerPublicAuthority ?? null, workplaceUse: input.workplaceUse ?? null, legalOrSignificantEffect: input.legalOrSignificantEffect ?? null, authorityNotifiedAt: input.authorityNotifiedAt ?? null };
  for (const f of DEPLOYER_TEXTS) facts[f] = v.optionalText(`input.${f}`, input[f]) || null;
  return facts;
}

@Resolver()
export class DeploymentComplianceResolver {
  @Mutation(() => DeploymentCompliance, {
    description: "Records the deployer's facts for a deployment (Art. 26, 27): its identity and the fundamental-rights impact assessment inputs. Append-only: the latest is in force and states every fact (absent = unknown).",
  })
  @RequiresScope("lineage:write")
  recordDeploymentCompliance(
    @Arg("deploymentId", () => ID) deploymentId: string,
    @Arg("input", () => DeploymentComplianceInput) input: DeploymentComplianceInput,
    @Context() ctx: Ctx,
  ) {
    return recordDeployerFacts(ctx, v.text("deploymentId", deploymentId, v.MAX_NAME), deployerFacts(input));
  }

  @Query(() => DeploymentCompliance, { nullable: true, description: "The deployer's facts in force for a deployment; null when none were recorded" })
  @RequiresScope("reports:read")
  async deploymentCompliance(@Arg("deploymentId", () => ID) deploymentId: string, @Context() ctx: Ctx) {
    return toDeployerFacts.orNull((await deployerFactsOf(ctx, [deploymentId])).get(deploymentId));
  }
}
