import { profileNeed } from "../docs/annex-iv-general.js";
import { Checks, joined, type DocModel, type Section } from "../docs/model.js";
import { text } from "../docs/values.js";
import { routeOf } from "./declaration.js";
import { isHighRisk, type SystemFacts } from "./facts.js";
import { systemSummary } from "./summary.js";

export const REGISTRATION_SCHEMA = "eu-database-registration/1";

/** Annex VIII A(7) / B(7): status derived from the deployments: in service while one is running. */
export function statusOf(deployments: { endedAt?: unknown; startedAt?: unknown }[]): string | null {
  if (!deployments.length) return null;
  const active = deployments.filter((d) => !d.endedAt).length;
  if (active) return `in service (${active} active deployment${active > 1 ? "s" : ""})`;
  const last = deployments.map((d) => d.endedAt as string).sort().at(-1);
  return `no longer in service (last deployment ended ${last})`;
}

/** Art. 6(3) exemption relied on: the derived category is not HIGH although the system is listed in Annex III. */
export const exempted = (f: SystemFacts): boolean =>
  !!f.system.annexIIIArea && f.profile?.exemptionClaimed === true && f.classification.derivedCategory !== "HIGH" && f.classification.derivedCategory !== "PROHIBITED";

function common(f: SystemFacts, c: Checks): [string, string | null][] {
  const s = f.system;
  const sid = s.id as string;
  const need = profileNeed(c, f);
  const p = f.profile;
  return [
    ["1. Provider", c.need("AISystem", sid, "providerName", text(s.providerName), "provider name, Annex VIII A(1) / B(1)")],
    ["1. Provider address", need("providerAddress", p?.providerAddress, "provider address, Annex VIII A(1) / B(1)") as string | null],
    ["1. Provider contact", c.need("AISystem", sid, "providerContact", text(s.providerContact), "provider contact, Annex VIII A(1) / B(1)")],
    ["Authorised representative", p?.authorisedRepresentative ?? "none recorded (Art. 22: required only for providers established outside the Union)"],
    ["Trade name and reference", `${s.name} ${s.version} (${sid})`],
    ["Intended purpose", c.need("AISystem", sid, "intendedPurpose", text(s.intendedPurpose), "intended purpose, Annex VIII A(5) / B(4)")],
    ["Status", c.need("AISystem", sid, "deployments", statusOf(f.deployments), "status on the market or in service, Annex VIII A(7) / B(7); record a deployment (deploy) or its end (endDeployment)")],
    ["Member States", joined(need("memberStates", p?.memberStates, "Member States where it is placed on the market, put into service or made available, Annex VIII A(10) / B(8)") as string[] | null)],
    ["EU database registration number", need("euDatabaseRegistrationNumber", p?.euDatabaseRegistrationNumber, "registration number once registered, Art. 49, 71") as string | null],
  ];
}

/** Annex VIII Section A: high-risk systems registered under Art. 49(1). */
function sectionA(f: SystemFacts): Section {
  const c = new Checks();
  const need = profileNeed(c, f);
  const p = f.profile;
  const route = routeOf(f);
  const data = f.documented.flatMap((d) => d.datasets.map((x) => `${x.datasetName ?? "dataset"} ${x.version} (${x.role})`));
  const rows: [string, string | null][] = [
    ...common(f, c),
    ["5. Components and functions", f.documented.map((d) => `${d.modelName} ${d.version.version}: ${d.version.architecture ?? "architecture not recorded"}`).join("; ") || null],
    ["6. Information used and operating logic", [need("inputDataSpecification", p?.inputDataSpecification, "inputs the system uses, Annex VIII A(6)") as string | null, data.length ? `trained on ${data.join(", ")}` : null].filter(Boolean).join("; ") || null],
    ["8. Notified body certificate", route.notifiedBodyRequired ? (need("notifiedBody", p?.notifiedBody, `notified body and certificate (type, number, expiry), Annex VIII A(8), ${route.article}`) as string | null) : "not applicable: no notified body takes part in the procedure"],
    ["11. EU declaration of conformity", need("declarationOfConformityCopy", p?.declarationOfConformityCopy, "a copy of the EU declaration of conformity, Annex VIII A(11); the declarationOfConformity query drafts it") as string | null],
    ["12. Instructions for use", need("instructionsForUseRef", p?.instructionsForUseRef, "electronic instructions for use, Annex VIII A(12); the instructionsForUse query drafts them") as string | null],
  ];
  return { number: "A", title: "Registration of a high-risk AI system", ref: "Art. 49(1), 71, Annex VIII Section A", blocks: [{ kind: "fields", rows }], data: Object.fromEntries(rows), sources: [f.system.id as string, ...(p ? [p.id] : []), ...f.deployments.map((d) => d.id as string)], checks: c.list };
}

/** Annex VIII Section B: Annex III systems the provider concluded are not high-risk (Art. 6(3), 49(2)). */
function sectionB(f: SystemFacts): Section {
  const c = new Checks();
  const need = profileNeed(c, f);
  const p = f.profile;
  const rows: [string, string | null][] = [
    ...common(f, c),
    ["5. Condition of Art. 6(3) relied on", p?.exemptionCriterion ? `Art. 6(3) ${p.exemptionCriterion}` : null],
    ["6. Grounds: decided by, on", [need("exemptionDecidedBy", p?.exemptionDecidedBy, "who decided the Art. 6(3) assessment, Art. 6(4), Annex VIII B(6)"), need("exemptionDecidedAt", p?.exemptionDecidedAt, "when, Art. 6(4)")].filter(Boolean).join(", ") || null],
  ];
  return { number: "B", title: "Registration of an Annex III system not considered high-risk", ref: "Art. 6(3)-(4), 49(2), Annex VIII Section B", blocks: [{ kind: "fields", rows }], data: Object.fromEntries(rows), sources: [f.system.id as string, ...(p ? [p.id] : [])], checks: c.list };
}

/** The data for the EU database (Art. 49, 71): Section A for high-risk systems, Section B for Art. 6(3) exemptions. */
export function buildRegistration(f: SystemFacts, generatedAt: string): DocModel {
  const s = f.system;
  const b = exempted(f);
  const sections = b ? [sectionB(f)] : [sectionA(f)];
  return {
    schema: REGISTRATION_SCHEMA,
    title: `EU database registration (Art. 49, Annex VIII Section ${b ? "B" : "A"}): ${s.name} ${s.version}`,
    subject: { type: "AISystem", id: s.id as string, label: `${s.name} ${s.version}` },
    generatedAt,
    summary: systemSummary(f),
    findings: !b && !isHighRisk(f) ? ["The recorded facts make the system neither high-risk nor exempted under Art. 6(3): Art. 49 does not require registration."] : [],
    sections,
  };
}
