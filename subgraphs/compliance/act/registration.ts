import type { Props } from "../../../runtime/mutation.js";
import { profileNeed } from "../annex-iv/general.js";
import { Checks, joined, type DocModel, type Section } from "../docs/model.js";
import { text } from "../docs/values.js";
import { EvidenceKind, OperatorRole } from "../evidence/types.js";
import { routeOf } from "./route.js";
import type { SystemFacts } from "./facts.js";
import { registrationScope } from "./rules/art49.js";
import { records } from "./rules/common.js";
import { systemSummary } from "./summary.js";

export const REGISTRATION_SCHEMA = "eu-database-registration/1";

/** Annex VIII A(7) / B(8): status derived from the deployments: in service while one is running. */
export function statusOf(deployments: { endedAt?: unknown; startedAt?: unknown }[]): string | null {
  if (!deployments.length) return null;
  const active = deployments.filter((d) => !d.endedAt).length;
  if (active) return `in service (${active} active deployment${active > 1 ? "s" : ""})`;
  const last = deployments.map((d) => d.endedAt as string).sort().at(-1);
  return `no longer in service (last deployment ended ${last})`;
}

/** Points 1-4 of Sections A and B: provider, who submits on its behalf, authorised representative, trade name. */
function head(f: SystemFacts, c: Checks, x: string): [string, string | null][] {
  const s = f.system;
  const sid = s.id as string;
  const need = profileNeed(c, f);
  const p = f.profile;
  return [
    [`${x}1. Provider`, c.need("AISystem", sid, "providerName", text(s.providerName), `provider name, Annex VIII ${x}1`)],
    [`${x}1. Provider address`, need("providerAddress", p?.providerAddress, `provider address, Annex VIII ${x}1`) as string | null],
    [`${x}1. Provider contact`, c.need("AISystem", sid, "providerContact", text(s.providerContact), `provider contact, Annex VIII ${x}1`)],
    [`${x}2. Submitted on the provider's behalf by`, "the provider itself (no other person recorded)"],
    [`${x}3. Authorised representative`, p?.authorisedRepresentative ?? "none recorded (Art. 22: required only for providers established outside the Union)"],
    [`${x}4. Trade name and reference`, `${s.name} ${s.version} (${sid})`],
  ];
}

/** Annex VIII Section A: high-risk systems of Annex III registered under Art. 49(1); points 1, 6, 7 in the secure section (49(4)) without A12. */
function sectionA(f: SystemFacts, restricted: boolean): Section {
  const c = new Checks();
  const need = profileNeed(c, f);
  const p = f.profile;
  const sid = f.system.id as string;
  const route = routeOf(f);
  const cert = records(f, EvidenceKind.CONFORMITY_ASSESSMENT).at(-1);
  const data = f.documented.flatMap((d) => d.datasets.map((x) => `${x.datasetName ?? "dataset"} ${x.version} (${x.role})`));
  const rows: [string, string | null][] = [
    ...head(f, c, "A"),
    ["A5. Intended purpose", c.need("AISystem", sid, "intendedPurpose", text(f.system.intendedPurpose), "intended purpose, Annex VIII A5")],
    ["A5. Components and functions", f.documented.map((d) => `${d.modelName} ${d.version.version}: ${d.version.architecture ?? "architecture not recorded"}`).join("; ") || null],
    ["A6. Information used and operating logic", [need("inputDataSpecification", p?.inputDataSpecification, "inputs the system uses, Annex VIII A6") as string | null, data.length ? `trained on ${data.join(", ")}` : null].filter(Boolean).join("; ") || null],
    ["A7. Status", c.need("AISystem", sid, "deployments", statusOf(f.deployments), "status on the market or in service, Annex VIII A7; record a deployment or its end (endDeployment)")],
  ];
  if (route.notifiedBodyRequired) {
    const line = cert?.certificateRef ? `${cert.procedure} certificate ${cert.certificateRef}, ${cert.notifiedBody}, issued ${cert.performedAt}` : null;
    rows.push(["A8. Notified body certificate (type, number, expiry, body)", c.need("ComplianceEvidence", sid, "CONFORMITY_ASSESSMENT certificate", line, `the notified body's certificate, Annex VIII A8, ${route.article}; record with recordConformityAssessment`)]);
    rows.push(["A9. Copy of the certificate", c.need("ComplianceEvidence", sid, "certificate digest", cert?.digest ?? null, "a copy of the certificate (its digest), Annex VIII A9; record with recordConformityAssessment(digest)")]);
  } else {
    rows.push(["A8. Notified body certificate", "not applicable: no notified body takes part in the procedure"], ["A9. Copy of the certificate", "not applicable"]);
  }
  rows.push(
    ["A10. Member States", joined(need("memberStates", p?.memberStates, "Member States where it is placed on the market, put into service or made available, Annex VIII A10") as string[] | null)],
    ["A11. EU declaration of conformity", need("declarationOfConformityCopy", p?.declarationOfConformityCopy, "a copy of the EU declaration of conformity, Annex VIII A11; the declarationOfConformity query drafts it") as string | null],
    ["A12. Instructions for use", restricted ? "not provided: Annex III points 1, 6 and 7 are registered in the secure non-public section (Art. 49(4))" : (need("instructionsForUseRef", p?.instructionsForUseRef, "electronic instructions for use, Annex VIII A12") as string | null)],
  );
  return { number: "A", title: `Registration of a high-risk AI system${restricted ? " (secure non-public section)" : ""}`, ref: restricted ? "Art. 49(1), (4), 71, Annex VIII Section A" : "Art. 49(1), 71, Annex VIII Section A", blocks: [{ kind: "fields", rows }], data: Object.fromEntries(rows), sources: [sid, ...(p ? [p.id] : []), ...f.deployments.map((d) => d.id as string), ...(cert ? [cert.id] : [])], checks: c.list };
}

/** Annex VIII Section B: Annex III systems the provider concluded are not high-risk (Art. 6(3), 49(2)). */
function sectionB(f: SystemFacts): Section {
  const c = new Checks();
  const need = profileNeed(c, f);
  const p = f.profile;
  const sid = f.system.id as string;
  const rows: [string, string | null][] = [
    ...head(f, c, "B"),
    ["B5. Intended purpose", c.need("AISystem", sid, "intendedPurpose", text(f.system.intendedPurpose), "intended purpose, Annex VIII B5")],
    ["B6. Condition of Art. 6(3) relied on", p?.exemptionCriterion ? `Art. 6(3) ${p.exemptionCriterion}` : null],
    ["B7. Grounds: decided by, on", [need("exemptionDecidedBy", p?.exemptionDecidedBy, "who decided the Art. 6(3) assessment, Art. 6(4), Annex VIII B7"), need("exemptionDecidedAt", p?.exemptionDecidedAt, "when, Art. 6(4)")].filter(Boolean).join(", ") || null],
    ["B8. Status", c.need("AISystem", sid, "deployments", statusOf(f.deployments), "status on the market or in service, Annex VIII B8; record a deployment or its end (endDeployment)")],
    ["B9. Member States", joined(need("memberStates", p?.memberStates, "Member States where it is placed on the market, put into service or made available, Annex VIII B9") as string[] | null)],
  ];
  return { number: "B", title: "Registration of an Annex III system not considered high-risk", ref: "Art. 6(3)-(4), 49(2), Annex VIII Section B", blocks: [{ kind: "fields", rows }], data: Object.fromEntries(rows), sources: [sid, ...(p ? [p.id] : [])], checks: c.list };
}

/** Annex VIII Section C: a deployer that is a public authority registers its use (Art. 26(8), 49(3)). */
function sectionC(f: SystemFacts, d: Props, n: number): Section {
  const c = new Checks();
  const id = d.id as string;
  const p = f.deployers.get(id);
  const need = (field: string, v: unknown, hint: string) => c.need("DeploymentCompliance", id, field, v ?? null, `${hint}; record with recordDeploymentCompliance`) as string | null;
  const fria = p && ["processDescription", "affectedPersons", "specificRisks", "riskMeasures"].every((k) => p[k]) ? `${p.affectedPersons}: ${p.specificRisks}; measures: ${p.riskMeasures}` : null;
  const dpia = records(f, EvidenceKind.DATA_PROTECTION_IMPACT_ASSESSMENT, null, id).at(-1);
  const rows: [string, string | null][] = [
    ["C1. Deployer", need("deployerName", p?.deployerName, "the deployer's name, Annex VIII C1")],
    ["C1. Deployer address and contact", need("deployerContact", p?.deployerContact, "the deployer's address and contact, Annex VIII C1")],
    ["C2. Submitted on the deployer's behalf by", "the deployer itself (no other person recorded)"],
    ["C3. The provider's registration", c.need("ComplianceEvidence", f.system.id as string, "EU_DATABASE_REGISTRATION", records(f, EvidenceKind.EU_DATABASE_REGISTRATION, OperatorRole.PROVIDER).at(-1)?.reference ?? null, "the provider's entry in the EU database, Annex VIII C3; record with recordComplianceEvidence")],
    ["C4. Summary of the fundamental rights impact assessment", need("riskMeasures", fria, "the findings of the Art. 27 assessment, Annex VIII C4")],
    ["C5. Summary of the data protection impact assessment", dpia ? `${dpia.reference} (${dpia.performedAt})` : "none recorded (Annex VIII C5: where applicable)"],
  ];
  return { number: `C${n}`, title: `Registration of the use by a public authority (deployment ${id})`, ref: "Art. 26(8), 49(3), Annex VIII Section C", blocks: [{ kind: "fields", rows }], data: Object.fromEntries(rows), sources: [id, ...(p ? [p.id as string] : [])], checks: c.list };
}

/** The data for the EU database (Art. 49, 71): Section A or B as the scope requires, and Section C for each public-authority deployer. */
export function buildRegistration(f: SystemFacts, generatedAt: string): DocModel {
  const s = f.system;
  const scope = registrationScope(f);
  const publicUses = scope.section === "A" ? f.deployments.filter((d) => f.deployers.get(d.id as string)?.deployerPublicAuthority === true) : [];
  const sections = [...(scope.section === "A" ? [sectionA(f, scope.restricted)] : scope.section === "B" ? [sectionB(f)] : []), ...publicUses.map((d, i) => sectionC(f, d, i + 1))];
  const label = sections.map((x) => x.number[0]).filter((x, i, a) => a.indexOf(x) === i).join(", ");
  return {
    schema: REGISTRATION_SCHEMA,
    title: `EU database registration (Art. 49${label ? `, Annex VIII Section ${label}` : ""}): ${s.name} ${s.version}`,
    subject: { type: "AISystem", id: s.id as string, label: `${s.name} ${s.version}` },
    generatedAt,
    summary: [...systemSummary(f), ["Registration", `${scope.article}: ${scope.why}`]],
    findings: sections.length ? [] : [scope.national ? "Annex III point 2: registered at national level (Art. 49(5)), not in the EU database." : `No registration under Art. 49: ${scope.why}.`],
    sections,
    applicable: sections.length > 0,
  };
}
