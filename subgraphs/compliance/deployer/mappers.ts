import { each, mapper, num, optBool, optText, text } from "../../../runtime/graph/mapper.js";
import { DEPLOYER_TEXTS, type DeploymentCompliance } from "./types.js";

/** A stored DeploymentCompliance record as the API shows it (runtime/graph/mapper.ts). */
export const toDeployerFacts = mapper<DeploymentCompliance>({
  id: text, deploymentId: text, seq: num, recordedBy: text, createdAt: text,
  deployerPublicService: optBool, deployerPublicAuthority: optBool, workplaceUse: optBool, legalOrSignificantEffect: optBool,
  authorityNotifiedAt: optText,
  ...each(DEPLOYER_TEXTS, optText),
});
