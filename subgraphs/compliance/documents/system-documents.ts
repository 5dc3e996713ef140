/**
 * The documents of one AI system that can be generated as the graph stood at any instant: each
 * kind with its builder. The document queries and the archive (./archive-store.ts) both generate
 * through here, so an issued copy and its regeneration run the same code.
 */
import { registerEnumType } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput } from "../../../runtime/errors.js";
import { buildDeclaration } from "../act/declaration.js";
import { loadSystemFacts, type SystemFacts } from "../act/facts.js";
import { buildFria, systemOfDeployment } from "../act/fria.js";
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
  /** Of one deployment of the system: `subjectId` names it. */
  FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT = "FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT",
}
registerEnumType(SystemDocumentKind, { name: "SystemDocumentKind", description: "Annex IV (Art. 11), Art. 13 instructions, Art. 47 declaration, Art. 49 registration, Art. 72 plan; Art. 27 assessment of one deployment (subjectId)" });

/** The kinds whose subject is a record of the system rather than the system itself. */
const SUBJECT_KINDS: ReadonlySet<SystemDocumentKind> = new Set([SystemDocumentKind.FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT]);

const BUILD: Record<Exclude<SystemDocumentKind, SystemDocumentKind.TECHNICAL_DOCUMENTATION | SystemDocumentKind.FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT>, (f: SystemFacts, at: string) => DocModel> = {
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
  if (kind === SystemDocumentKind.FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT) throw badInput("kind", "the assessment is of a deployment: generate it with generateSubjectDocument");
  return publish(BUILD[kind](await loadSystemFacts(ctx, systemId, asOf), at), f, asOf);
}

/**
 * Generates a document whose subject is one record of a system (the Art. 27 assessment of a
 * deployment), as of asOf like generateSystemDocument. Returns the system it belongs to with it.
 */
export async function generateSubjectDocument(ctx: Ctx, kind: SystemDocumentKind, subjectId: string, format: DocumentFormat | null, asOf: string | null): Promise<{ systemId: string; doc: ComplianceDocument }> {
  if (kind !== SystemDocumentKind.FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT) throw badInput("kind", `${kind} is a document of the system itself`);
  const systemId = await systemOfDeployment(ctx, subjectId);
  const doc = await publish(buildFria(await loadSystemFacts(ctx, systemId, asOf), subjectId, asOf ?? new Date().toISOString()), format ?? DocumentFormat.MARKDOWN, asOf);
  return { systemId, doc };
}

/**
 * The document of `kind` for an issue request: of the system, or of `subjectId` for the kinds
 * that have one (which must then belong to the system). Errors name the argument at fault.
 */
export async function generateForIssue(ctx: Ctx, kind: SystemDocumentKind, systemId: string, subjectId: string | null, format: DocumentFormat, asOf: string): Promise<ComplianceDocument> {
  if (!SUBJECT_KINDS.has(kind)) {
    if (subjectId !== null) throw badInput("subjectId", `${kind} is a document of the system itself: omit subjectId`);
    return generateSystemDocument(ctx, kind, systemId, format, asOf);
  }
  if (subjectId === null) throw badInput("subjectId", `${kind} needs the deployment it assesses`);
  const r = await generateSubjectDocument(ctx, kind, subjectId, format, asOf);
  if (r.systemId !== systemId) throw badInput("subjectId", `${subjectId} is not a deployment of ${systemId}`);
  return r.doc;
}
