import { assessAlteration } from "./investigation.js";
import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { approvalInForce } from "../../../runtime/graph/vocabulary.js";
import { badInput, notFound, requireRecordedBy } from "../../../runtime/errors.js";
import type { Props } from "../../../runtime/mutation.js";
import { Checks, joined, type DocModel } from "../docs/model.js";
import { approvalLine, text } from "../docs/values.js";
import { CATEGORY_LETTER, type IncidentCategoryName } from "./deadline.js";
import { annexIIIPointOf, expectsEuRegistration, TEMPLATE_PARTS, type RegistryFacts } from "./template.js";
import { incidentFromProps } from "./store.js";

/** Version of the incident report's JSON form: /2 has the parts of the reporting template (./template.ts). */
export const INCIDENT_SCHEMA = "incident-report/2";

export interface IncidentFacts {
  incident: Props & { updates: Props[] };
  system: Props;
  decisions: Props[];
  versions: Props[];
  deployments: Props[];
}

/**
 * The incident, its system and its lineage (decisions, model versions with the approval in force
 * then, deployments), in one statement. `asOf`: as the graph stood then: the incident must have
 * been recorded by then (NOT_FOUND saying when it was, otherwise); its updates (submissions,
 * actions, investigation, completion), the reviews of its decisions, the training runs and the
 * approvals are those recorded by then (all append-only, each with its createdAt); a decision or
 * model version it names exists before it (reportIncident requires them).
 */
export async function loadIncidentFacts(ctx: Ctx, id: string, asOf: string | null = null): Promise<IncidentFacts> {
  const row = await read({ op: "incidentReport", stats: ctx.stats }, (tx) =>
    tx.one<IncidentFacts>({
      cypher: `
        MATCH (i:Incident {id: $id})
        MATCH (s:AISystem {id: i.systemId})
        CALL (i) { OPTIONAL MATCH (u:IncidentUpdate {incidentId: i.id}) WHERE $asOf IS NULL OR u.createdAt <= $asOf WITH u ORDER BY u.createdAt, u.id RETURN collect(u {.*}) AS updates }
        CALL (i) {
          UNWIND coalesce(i.decisionIds, []) AS did
          MATCH (d:Decision {id: did})
          OPTIONAL MATCH (r:DecisionReview {decisionId: d.id}) WHERE $asOf IS NULL OR r.createdAt <= $asOf
          WITH d, r ORDER BY r.createdAt
          WITH d, collect(r {.outcome, .reviewer, .createdAt}) AS reviews ORDER BY d.occurredAt, d.id
          RETURN collect(d {.id, .occurredAt, .modelVersionId, .deploymentId, .inputDigest, .outputJson, reviews: reviews}) AS decisions
        }
        CALL (i) {
          UNWIND coalesce(i.modelVersionIds, []) AS mid
          MATCH (v:ModelVersion {id: mid})
          OPTIONAL MATCH (m:Model {id: v.modelId})
          OPTIONAL MATCH (run:TrainingRun {modelVersionId: v.id}) WHERE $asOf IS NULL OR run.createdAt <= $asOf
          ${approvalInForce({ subjectId: "v.id", at: "i.occurredAt AND ($asOf IS NULL OR a.createdAt <= $asOf)", scope: ["v", "i"] })}
          RETURN collect(v {.id, .version, .artifactDigest, model: m.name, runId: run.id, approval: a {.*}}) AS versions
        }
        CALL (decisions) {
          UNWIND decisions AS d
          WITH DISTINCT d.deploymentId AS depId WHERE depId IS NOT NULL
          MATCH (dep:Deployment {id: depId})
          OPTIONAL MATCH (dep)-[:AT_SITE]->(site:Site)
          RETURN collect(dep {.id, .environment, .startedAt, .modelVersionId, siteId: site.id, country: site.country}) AS deployments
        }
        RETURN i {.*, updates: updates} AS incident, s {.*} AS system, decisions, versions, deployments`,
      params: { id, asOf },
    }),
  );
  if (!row) throw notFound("Incident", id);
  requireRecordedBy("Incident", id, row.incident.createdAt, asOf);
  return row;
}

/** The template part `n` (./template.ts) as a section head. */
const part = (n: number) => ({ number: TEMPLATE_PARTS[n - 1].number, title: TEMPLATE_PARTS[n - 1].title, ref: TEMPLATE_PARTS[n - 1].ref });

const NO_REGISTRY: RegistryFacts = { euDatabaseRegistrationNumber: null, registrationSource: null, annexIIIPoint: null };

/**
 * Builds the serious-incident report (Art. 73) for the market surveillance authorities, in the
 * parts of the reporting template (./template.ts). Every fact the graph lacks is listed as missing,
 * never filled with a default. `f.registry` carries the system's registration (./registry.ts
 * loadIncidentReportFacts); without it the registration number counts as not recorded.
 */
export function buildIncidentReport(f: IncidentFacts & { registry?: RegistryFacts }, generatedAt: string, memberState: string | null = null): DocModel {
  const all = incidentFromProps(f.incident, Date.parse(generatedAt));
  if (memberState && !all.memberStates.includes(memberState)) throw badInput("memberState", `${memberState} is not a Member State concerned by incident ${all.id} (${all.memberStates.join(", ") || "none recorded"})`);
  // Art. 73(1): one report per authority concerned; addressed to one, it shows that authority's submissions and deadline.
  const authority = memberState ? all.authorities.find((a) => a.memberState === memberState)! : null;
  const i = authority
    ? { ...all, submissions: all.submissions.filter((s) => s.memberState === memberState || (!s.memberState && all.memberStates.length === 1)), overdue: authority.overdue, dueSoon: all.dueSoon && !authority.initialSubmittedAt }
    : all;
  const s = f.system;
  const reg = f.registry ?? NO_REGISTRY;
  const [c1, c2, c3, c4, c5, c6, c7] = TEMPLATE_PARTS.map(() => new Checks());
  c1.need("AISystem", s.id as string, "providerContact", text(s.providerContact), "contact of the provider for the authorities; register a new system version with it");
  c1.need("Incident", i.id, "awareParty", i.awareParty ?? null, "who became aware (provider, or deployer under Art. 26(5)), Art. 73(2)");
  const registration = expectsEuRegistration(s.annexIIIArea as string | null);
  if (registration.expected) {
    c2.need("AISystem", s.id as string, "euDatabaseRegistrationNumber", reg.euDatabaseRegistrationNumber, "the EU database registration number (Art. 49(1), 71): recordComplianceEvidence kind EU_DATABASE_REGISTRATION, or the profile's euDatabaseRegistrationNumber");
  }
  c2.need("Incident", i.id, "modelVersionIds", f.versions, "model versions involved (reportIncident modelVersionIds or decisionIds)");
  c3.need("Incident", i.id, "personsAffected", i.personsAffected ?? null, "number of persons affected (reportIncident or recordIncidentInvestigation personsAffected), Art. 3(49), 73");
  c3.need("Incident", i.id, "harm", i.harm ?? null, "the harm suffered and its severity (reportIncident or recordIncidentInvestigation harm), Art. 3(49)");
  c4.need("Incident", i.id, "causalLinkEstablishedAt", i.causalLinkEstablishedAt ?? null, "when the causal link (or its reasonable likelihood) was established: report immediately after, Art. 73(2)");
  c4.need("Incident", i.id, "decisionIds", f.decisions, "decisions involved (reportIncident decisionIds), so the authority can trace them");
  c5.need("Incident", i.id, "correctiveActions", i.correctiveActions, "corrective actions taken (addCorrectiveAction), Art. 73(6)");
  c6.need("Incident", i.id, "rootCause", i.rootCause, "the investigation's findings for the complete report (completeIncident), Art. 73(5)-(6)");
  c7.need("Incident", i.id, "submissions", i.submissions, "the initial report submitted to the authority (recordIncidentSubmission), Art. 73(1)");
  const inv = i.investigation ?? null;
  const alteration = assessAlteration(inv && { startedAt: inv.startedAt, riskAssessment: inv.riskAssessment ?? null, systemAltered: inv.systemAltered ?? null, alteredAt: inv.alteredAt ?? null, authoritiesInformedAt: inv.authoritiesInformedAt ?? null });
  const INVESTIGATION_HINTS: Record<string, string> = {
    investigation: "the provider's investigation (recordIncidentInvestigation), Art. 73(6)",
    riskAssessment: "the risk assessment of the incident (recordIncidentInvestigation), Art. 73(6)",
    systemAltered: "whether the system was altered during the investigation, Art. 73(6)",
    alteredAt: "when the system was altered, Art. 73(6)",
    authoritiesInformedAt: "when the authorities were informed of the alteration, Art. 73(6)",
  };
  for (const field of alteration.missing) c6.need("Incident", i.id, field, null, INVESTIGATION_HINTS[field]);
  const letter = CATEGORY_LETTER[i.category as IncidentCategoryName];
  const point = annexIIIPointOf(s.annexIIIArea as string | null, reg.annexIIIPoint);
  return {
    schema: INCIDENT_SCHEMA,
    title: `Serious incident report (Art. 73): ${s.name} ${s.version}`,
    subject: { type: "Incident", id: i.id, label: `incident ${i.id}${memberState ? ` to the authority of ${memberState}` : ""}` },
    generatedAt,
    summary: [
      ["Incident", i.id],
      ["Template", "parts derived from Art. 73 and Art. 3(49); the Commission's reporting template was a draft (consultation of 26 Sep 2025) whose field list was not available here"],
      ["Stage", i.stage === "COMPLETE" ? "complete report" : "initial report (may be completed later, Art. 73(5))"],
      ["Initial report submitted", i.submissions.find((x) => x.kind === "INITIAL")?.submittedAt ?? null],
      ["Report due by", `${i.dueBy} (${i.deadlineDays} days after awareness)`],
      ["Authorities", memberState ? `addressed to the market surveillance authority of ${memberState} (one report per Member State concerned, Art. 73(1))` : `market surveillance authorities of ${i.memberStates.join(", ")}; one report each (Art. 73(1)): ${i.authorities.map((a) => `${a.memberState} ${a.initialSubmittedAt ? `initial report ${a.initialSubmittedAt}` : "no initial report"}${a.overdue ? " OVERDUE" : ""}`).join("; ")}`],
    ],
    findings: [
      ...(i.overdue ? [`No initial report was submitted${memberState ? ` to the authority of ${memberState}` : ""} by ${i.dueBy} (Art. 73(2)-(4))`] : []),
      ...(memberState ? [] : i.authorities.filter((a) => a.overdue && !i.overdue).map((a) => `No initial report was submitted to the authority of ${a.memberState} by ${i.dueBy} (Art. 73(1)-(4))`)),
      ...(i.dueSoon ? [`No initial report submitted yet; due by ${i.dueBy}, within 24 hours`] : []),
      ...(alteration.breach ? ["The system was altered before the authorities were informed (Art. 73(6))"] : []),
    ],
    sections: [
      {
        ...part(1),
        blocks: [{ kind: "fields", rows: [["Provider", text(s.providerName)], ["Provider contact", text(s.providerContact)], ["Who became aware", i.awareParty ?? null], ["Recorded by", i.reportedBy], ["Recorded at", i.createdAt]] }],
        data: { providerName: s.providerName, providerContact: s.providerContact ?? null, awareParty: i.awareParty ?? null, reportedBy: i.reportedBy, recordedAt: i.createdAt },
        sources: [s.id as string, i.id],
        checks: c1.list,
      },
      {
        ...part(2),
        blocks: [{ kind: "fields", rows: [
          ["AI system", `${s.name} ${s.version} (${s.id})`], ["Risk category", text(s.riskCategory)], ["Annex III point", point],
          ["EU database registration number", registration.expected ? reg.euDatabaseRegistrationNumber : registration.reason],
          ["Model versions involved", joined(f.versions.map((v) => `${v.model ?? "model"} ${v.version} (${v.id})`))],
        ] }],
        data: {
          systemId: s.id, name: s.name, version: s.version, riskCategory: s.riskCategory, annexIIIArea: s.annexIIIArea ?? null, annexIIIPoint: point,
          euDatabaseRegistration: { expected: registration.expected, rule: registration.reason, number: registration.expected ? reg.euDatabaseRegistrationNumber : null, source: registration.expected ? reg.registrationSource : null },
          modelVersionIds: f.versions.map((v) => v.id),
        },
        sources: [s.id as string, ...f.versions.map((v) => v.id as string)],
        checks: c2.list,
      },
      {
        ...part(3),
        blocks: [{ kind: "fields", rows: [
          ["Category", `${i.category} (Art. 3(49)(${letter}))`], ["Occurred", i.occurredAt], ["Provider became aware", i.awareAt],
          ["Member States concerned", joined(i.memberStates)], ...(memberState ? [["Member State of this report", memberState] as [string, string]] : []), ["Member State of origin", i.originMemberState ?? null],
          ["Description", i.description], ["Persons affected", i.personsAffected ?? null], ["Harm", i.harm ?? null],
          ["Death involved", i.deathInvolved ? "yes" : "no"], ["Widespread infringement (Art. 3(61))", i.widespread ? `yes: ${i.widespreadReason}` : "not claimed"],
        ] }],
        data: {
          category: i.category, article: `3(49)(${letter})`, occurredAt: i.occurredAt, awareAt: i.awareAt, memberStates: i.memberStates, memberState, originMemberState: i.originMemberState ?? null,
          description: i.description, personsAffected: i.personsAffected ?? null, harm: i.harm ?? null, deathInvolved: i.deathInvolved, widespread: i.widespread, widespreadReason: i.widespreadReason ?? null,
        },
        sources: [i.id],
        checks: c3.list,
      },
      {
        ...part(4),
        blocks: [
          { kind: "fields", rows: [["Causal link established", i.causalLinkEstablishedAt ?? null]] },
          { kind: "table", heading: "Decisions involved", columns: ["Decision", "Occurred", "Model version", "Deployment", "Input digest", "Reviews"], rows: f.decisions.map((d) => [d.id as string, d.occurredAt as string, d.modelVersionId as string, text(d.deploymentId), d.inputDigest as string, joined((d.reviews as Props[]).map((r) => `${r.outcome} by ${r.reviewer}`))]) },
          { kind: "table", heading: "Model versions involved, with the approval in force when the incident occurred", columns: ["Model version", "Digest", "Training run", "Approval in force then"], rows: f.versions.map((v) => [`${v.model ?? "model"} ${v.version} (${v.id})`, v.artifactDigest as string, text(v.runId), approvalLine((v.approval as Props | null) ?? undefined)]) },
          { kind: "table", heading: "Deployments", columns: ["Deployment", "Environment", "Started", "Site"], rows: f.deployments.map((d) => [d.id as string, d.environment as string, d.startedAt as string, `${d.siteId ?? "?"} (${d.country ?? "?"})`]) },
        ],
        data: {
          causalLinkEstablishedAt: i.causalLinkEstablishedAt ?? null,
          decisions: f.decisions.map((d) => ({ id: d.id, occurredAt: d.occurredAt, modelVersionId: d.modelVersionId, deploymentId: d.deploymentId ?? null, inputDigest: d.inputDigest, output: d.outputJson ? JSON.parse(d.outputJson as string) : null, reviews: d.reviews })),
          modelVersions: f.versions,
          deployments: f.deployments,
        },
        sources: [...f.decisions.map((d) => d.id as string), ...f.versions.map((v) => v.id as string), ...f.deployments.map((d) => d.id as string)],
        checks: c4.list,
      },
      {
        ...part(5),
        blocks: [
          { kind: "table", columns: ["Taken", "Action", "Recorded by"], rows: i.correctiveActions.map((a) => [a.takenAt, a.description, a.recordedBy]) },
          // Art. 73(6) forbids altering the system before informing the authorities: the report states what the recorded investigation says, and "not recorded" otherwise.
          { kind: "text", text: alteration.statement },
        ],
        data: { correctiveActions: i.correctiveActions },
        sources: i.correctiveActions.map((a) => a.id),
        checks: c5.list,
      },
      {
        ...part(6),
        blocks: [{ kind: "fields", rows: [
          ["Investigation started", inv?.startedAt ?? null], ["Risk assessment", inv?.riskAssessment ?? null],
          ["System altered", inv?.systemAltered == null ? null : inv.systemAltered ? `yes${inv.alteredAt ? `, at ${inv.alteredAt}` : ""}` : "no"],
          ["Authorities informed of the alteration", inv?.authoritiesInformedAt ?? null],
          ["Stage", i.stage], ["Root cause", i.rootCause ?? null], ["Completed at", i.completedAt ?? null],
        ] }],
        data: {
          investigation: inv ? { startedAt: inv.startedAt, riskAssessment: inv.riskAssessment ?? null, systemAltered: inv.systemAltered ?? null, alteredAt: inv.alteredAt ?? null, authoritiesInformedAt: inv.authoritiesInformedAt ?? null, recordedBy: inv.recordedBy } : null,
          alteredBeforeInforming: alteration.breach, stage: i.stage, rootCause: i.rootCause ?? null, completedAt: i.completedAt ?? null,
        },
        sources: [i.id, ...(inv ? [inv.id] : [])],
        checks: c6.list,
      },
      {
        ...part(7),
        blocks: [
          { kind: "fields", rows: [["Rule", i.deadlineRule], ["Due by", i.dueBy], ["Hours left", String(i.hoursToDeadline)], ["Overdue (no initial report submitted by the due date)", i.overdue ? "yes" : "no"]] },
          { kind: "table", heading: "Reports submitted to the authorities", columns: ["Kind", "Submitted", "Authority", "Member State", "Recorded by"], rows: i.submissions.map((x) => [x.kind, x.submittedAt, x.authority, x.memberState ?? null, x.recordedBy]) },
        ],
        data: { days: i.deadlineDays, rule: i.deadlineRule, dueBy: i.dueBy, hoursToDeadline: i.hoursToDeadline, overdue: i.overdue, dueSoon: i.dueSoon, stage: i.stage, submissions: i.submissions },
        sources: [i.id],
        checks: c7.list,
      },
    ],
  };
}
