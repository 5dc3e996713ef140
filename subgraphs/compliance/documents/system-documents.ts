/**
 * The documents of one AI system, and of its records, that can be generated as the graph stood at
 * any instant: each kind with its builder. The document queries and the archive
 * (./archive-store.ts) both generate through here, so an issued copy and its regeneration run the
 * same code.
 */
import { registerEnumType } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput, requireRecordedBy } from "../../../runtime/errors.js";
import { buildDecisionExplanation, loadExplanationFacts } from "../act/decision-explanation.js";
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
import { buildGpaiDoc } from "../gpai/doc.js";
import { loadGpaiFacts } from "../gpai/facts.js";
import { loadIncidentReportFacts } from "../incidents/registry.js";
import { buildIncidentReport } from "../incidents/report.js";

export enum SystemDocumentKind {
  TECHNICAL_DOCUMENTATION = "TECHNICAL_DOCUMENTATION",
  INSTRUCTIONS_FOR_USE = "INSTRUCTIONS_FOR_USE",
  DECLARATION_OF_CONFORMITY = "DECLARATION_OF_CONFORMITY",
  EU_DATABASE_REGISTRATION = "EU_DATABASE_REGISTRATION",
  POST_MARKET_MONITORING_PLAN = "POST_MARKET_MONITORING_PLAN",
  /** Of one deployment of the system: `subjectId` names it. */
  FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT = "FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT",
  /** Of one serious incident of the system (the overview for every authority concerned). */
  INCIDENT_REPORT = "INCIDENT_REPORT",
  /** Of one version of a model of the system. */
  GPAI_DOCUMENTATION = "GPAI_DOCUMENTATION",
  /** Of one decision taken with the system. */
  DECISION_EXPLANATION = "DECISION_EXPLANATION",
}
registerEnumType(SystemDocumentKind, {
  name: "SystemDocumentKind",
  description: "Of the system: Annex IV (Art. 11), Art. 13 instructions, Art. 47 declaration, Art. 49 registration, Art. 72 plan. Of one of its records (subjectId): Art. 27 assessment of a deployment, Art. 73 report of an incident (the overview for every authority), Art. 53 / Annex XI documentation of a model version, Art. 86 explanation of a decision",
});

type SubjectKind = SystemDocumentKind.FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT | SystemDocumentKind.INCIDENT_REPORT | SystemDocumentKind.GPAI_DOCUMENTATION | SystemDocumentKind.DECISION_EXPLANATION;
/** Options of a subject document's query that the archive does not take (it issues the default). */
export interface SubjectOptions { memberState?: string | null }
/** A subject document's model, with the system its subject belongs to (null: none recorded). */
type SubjectBuild = (ctx: Ctx, subjectId: string, asOf: string | null, at: string, o: SubjectOptions) => Promise<{ systemId: string | null; model: DocModel }>;

/**
 * The kinds whose subject is a record of a system rather than the system itself: how each is
 * built and what the subject is called in errors. Each loader reads the graph as of asOf and
 * answers NOT_FOUND for a subject recorded later.
 */
const SUBJECTS: Record<SubjectKind, { noun: string; build: SubjectBuild }> = {
  FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT: {
    noun: "deployment",
    build: async (ctx, id, asOf, at) => {
      const systemId = await systemOfDeployment(ctx, id, asOf);
      return { systemId, model: buildFria(await loadSystemFacts(ctx, systemId, asOf), id, at) };
    },
  },
  INCIDENT_REPORT: {
    noun: "incident",
    build: async (ctx, id, asOf, at, o) => {
      const f = await loadIncidentReportFacts(ctx, id, asOf);
      return { systemId: f.system.id as string, model: buildIncidentReport(f, at, o.memberState ?? null) };
    },
  },
  GPAI_DOCUMENTATION: {
    noun: "model version",
    build: async (ctx, id, asOf, at) => {
      const f = await loadGpaiFacts(ctx, id, asOf);
      return { systemId: (f.system?.id as string | undefined) ?? null, model: buildGpaiDoc(f, at) };
    },
  },
  DECISION_EXPLANATION: {
    noun: "decision",
    build: async (ctx, id, asOf, at) => {
      const f = await loadExplanationFacts(ctx, id, asOf);
      return { systemId: (f.system?.id as string | undefined) ?? null, model: buildDecisionExplanation(f, at) };
    },
  },
};
const isSubjectKind = (k: SystemDocumentKind): k is SubjectKind => k in SUBJECTS;

const BUILD: Record<Exclude<SystemDocumentKind, SystemDocumentKind.TECHNICAL_DOCUMENTATION | SubjectKind>, (f: SystemFacts, at: string) => DocModel> = {
  INSTRUCTIONS_FOR_USE: buildInstructionsForUse,
  DECLARATION_OF_CONFORMITY: buildDeclaration,
  EU_DATABASE_REGISTRATION: buildRegistration,
  POST_MARKET_MONITORING_PLAN: buildMonitoringPlan,
};

/**
 * Generates one document of a system, signed. With `asOf` the graph is read as it stood at that
 * instant and the document is generated at asOf: the same asOf gives the same bytes and the same
 * signature (Ed25519 signatures are deterministic); a system recorded later is NOT_FOUND saying
 * when it was. Without it, as it stands now.
 */
export async function generateSystemDocument(ctx: Ctx, kind: SystemDocumentKind, systemId: string, format: DocumentFormat | null, asOf: string | null, modelVersionId: string | null = null): Promise<ComplianceDocument> {
  const at = asOf ?? new Date().toISOString();
  const f = format ?? DocumentFormat.MARKDOWN;
  if (isSubjectKind(kind)) throw badInput("kind", `${kind} is a document of one ${SUBJECTS[kind].noun}: generate it with generateSubjectDocument`);
  if (kind === SystemDocumentKind.TECHNICAL_DOCUMENTATION) {
    const facts = await loadAnnexIvFacts(ctx, systemId, modelVersionId, asOf);
    requireRecordedBy("AISystem", systemId, facts.system.createdAt, asOf);
    return publish(buildAnnexIv(facts, at), f, asOf);
  }
  const facts = await loadSystemFacts(ctx, systemId, asOf);
  requireRecordedBy("AISystem", systemId, facts.system.createdAt, asOf);
  return publish(BUILD[kind](facts, at), f, asOf);
}

/**
 * Generates a document whose subject is one record of a system (a deployment's Art. 27
 * assessment, an incident's Art. 73 report, a model version's Annex XI documentation, a
 * decision's Art. 86 explanation), as of asOf like generateSystemDocument; a subject recorded
 * after asOf is NOT_FOUND saying when it was. Returns the system its subject belongs to with it.
 */
export async function generateSubjectDocument(ctx: Ctx, kind: SystemDocumentKind, subjectId: string, format: DocumentFormat | null, asOf: string | null, options: SubjectOptions = {}): Promise<{ systemId: string | null; doc: ComplianceDocument }> {
  if (!isSubjectKind(kind)) throw badInput("kind", `${kind} is a document of the system itself`);
  const { systemId, model } = await SUBJECTS[kind].build(ctx, subjectId, asOf, asOf ?? new Date().toISOString(), options);
  return { systemId, doc: await publish(model, format ?? DocumentFormat.MARKDOWN, asOf) };
}

/**
 * The document of `kind` for an issue request: of the system, or of `subjectId` for the kinds
 * that have one (which must then belong to the system). Errors name the argument at fault.
 */
export async function generateForIssue(ctx: Ctx, kind: SystemDocumentKind, systemId: string, subjectId: string | null, format: DocumentFormat, asOf: string): Promise<ComplianceDocument> {
  if (!isSubjectKind(kind)) {
    if (subjectId !== null) throw badInput("subjectId", `${kind} is a document of the system itself: omit subjectId`);
    return generateSystemDocument(ctx, kind, systemId, format, asOf);
  }
  const noun = SUBJECTS[kind].noun;
  if (subjectId === null) throw badInput("subjectId", `${kind} needs the ${noun} it is about`);
  const r = await generateSubjectDocument(ctx, kind, subjectId, format, asOf);
  if (r.systemId !== systemId) throw badInput("subjectId", `the ${noun} ${subjectId} does not belong to the system ${systemId}`);
  return r.doc;
}
