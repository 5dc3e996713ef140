/**
 * The documents of one AI system that can be generated as the graph stood at any instant: each
 * kind with its builder. The document queries and the archive (./archive-store.ts) both generate
 * through here, so an issued copy and its regeneration run the same code.
 */
import { registerEnumType } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { buildDeclaration } from "../act/declaration.js";
import { loadSystemFacts, type SystemFacts } from "../act/facts.js";
import { buildInstructionsForUse } from "../act/instructions.js";
import { buildMonitoringPlan } from "../act/monitoring-plan.js";
import { buildRegistration } from "../act/registration.js";
import { buildAnnexIv } from "../annex-iv/build.js";
import { loadAnnexIvFacts } from "../annex-iv/facts.js";
import { DocumentFormat, type ComplianceDocument } from "../docs/doc-types.js";
import type { DocModel } from "../docs/model.js";
import { publish } from "../docs/publish.js";

export enum SystemDocumentKind {
  TECHNICAL_DOCUMENTATION = "TECHNICAL_DOCUMENTATION",
  INSTRUCTIONS_FOR_USE = "INSTRUCTIONS_FOR_USE",
  DECLARATION_OF_CONFORMITY = "DECLARATION_OF_CONFORMITY",
  EU_DATABASE_REGISTRATION = "EU_DATABASE_REGISTRATION",
  POST_MARKET_MONITORING_PLAN = "POST_MARKET_MONITORING_PLAN",
}
registerEnumType(SystemDocumentKind, { name: "SystemDocumentKind", description: "Annex IV (Art. 11), Art. 13 instructions, Art. 47 declaration, Art. 49 registration, Art. 72 plan" });

const BUILD: Record<Exclude<SystemDocumentKind, SystemDocumentKind.TECHNICAL_DOCUMENTATION>, (f: SystemFacts, at: string) => DocModel> = {
  INSTRUCTIONS_FOR_USE: buildInstructionsForUse,
  DECLARATION_OF_CONFORMITY: buildDeclaration,
  EU_DATABASE_REGISTRATION: buildRegistration,
  POST_MARKET_MONITORING_PLAN: buildMonitoringPlan,
};

/**
 * Generates one document of a system, signed. With `asOf` the graph is read as it stood at that
 * instant and the document is generated at asOf: the same asOf gives the same bytes and the same
 * signature (Ed25519 signatures are deterministic). Without it, as it stands now.
 */
export async function generateSystemDocument(ctx: Ctx, kind: SystemDocumentKind, systemId: string, format: DocumentFormat | null, asOf: string | null, modelVersionId: string | null = null): Promise<ComplianceDocument> {
  const at = asOf ?? new Date().toISOString();
  const f = format ?? DocumentFormat.MARKDOWN;
  if (kind === SystemDocumentKind.TECHNICAL_DOCUMENTATION) return publish(buildAnnexIv(await loadAnnexIvFacts(ctx, systemId, modelVersionId, asOf), at), f, asOf);
  return publish(BUILD[kind](await loadSystemFacts(ctx, systemId, asOf), at), f, asOf);
}
