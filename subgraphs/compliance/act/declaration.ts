import { profileNeed } from "../annex-iv/general.js";
import { Checks, joined, type DocModel, type Section } from "../docs/model.js";
import { splitStandards } from "../docs/standards.js";
import { approvalLine, text } from "../docs/values.js";
import { OperatorRole } from "../evidence/types.js";
import { isHighRisk, type SystemFacts } from "./facts.js";
import { SECTION_2, blockerText, obligationsOf, type Obligation } from "./obligations.js";
import { routeOf } from "./route.js";
import { personalData } from "./rules/personal-data.js";
import { systemSummary } from "./summary.js";

export const DECLARATION_SCHEMA = "eu-declaration-of-conformity/1";

/** What the declaration states is met (Art. 47(1), Annex V(4)): Chapter III Section 2, the QMS (Art. 17) and the assessment (Art. 43). */
const STATED = [...SECTION_2, "Art. 17", "Art. 43"];

/** Each stated obligation not MET blocks the declaration, naming the article, its status and what is missing. */
export const declarationBlockers = (obligations: Obligation[]): string[] =>
  obligations.filter((o) => STATED.includes(o.article) && o.status !== "MET").map(blockerText);

/** Annex V points 1-8, in order; points 3 and 4 are the provider's statements, drafted here for signature. */
function annexV(f: SystemFacts, obligations: Obligation[]): Section {
  const c = new Checks();
  const s = f.system;
  const sid = s.id as string;
  const need = profileNeed(c, f);
  const p = f.profile;
  const route = routeOf(f);
  c.need("AISystem", sid, "conformity route", route.procedure, `${route.unknown ?? ""}; record annexIIIArea, or annexISafetyComponent with recordSystemCompliance (Art. 43)`);
  // Annex V(5): personal data anywhere in the processing (training, inputs, decisions), with its instrument.
  const pd = personalData(f);
  for (const m of pd.missing) c.list.push({ entity: "ComplianceProfile", id: sid, field: m.field, present: false, hint: m.hint });
  const personalRow = pd.processed === true
    ? `The system processes personal data (${pd.where.join("; ")}); the provider states compliance with ${pd.instruments.join(" and ") || "the applicable instrument (not recorded)"} (Annex V(5)).`
    : pd.processed === false ? "no personal data processed, as recorded" : null;
  const std = splitStandards(p?.harmonisedStandards ?? []);
  if (!std.harmonised.length && !std.other.length) need("harmonisedStandards", null, "harmonised standards, common specifications or other technical specifications applied, Annex V(6)");
  const rows: [string, string | null][] = [
    ["1. AI system name, type and reference", `${s.name} ${s.version} (${sid}); models ${f.documented.map((d) => `${d.modelName} ${d.version.version}, artifact ${d.version.artifactDigest}`).join("; ") || "not recorded"}`],
    ["2. Provider", c.need("AISystem", sid, "providerName", text(s.providerName), "provider name, Annex V(2)")],
    ["2. Provider address", need("providerAddress", p?.providerAddress, "provider address, Annex V(2)") as string | null],
    ["2. Authorised representative", p?.authorisedRepresentative ?? "none recorded (Art. 22: required only for providers established outside the Union)"],
    ["3. Responsibility", "This EU declaration of conformity is issued under the sole responsibility of the provider (Art. 47(1), Annex V(3))."],
    ["4. Conformity", `The provider declares that the AI system conforms with Regulation (EU) 2024/1689 (Annex V(4)); evidence: the records listed under "Evidence".`],
    ["5. Personal data", personalRow],
    ["6. Harmonised standards", std.harmonised.length ? joined(std.harmonised) : "none applied (no standard recorded is cited in the Official Journal)"],
    ["6. Other technical specifications", joined(std.other) ?? "none recorded"],
    ["7. Conformity assessment procedure", route.procedure ? `${route.procedure} (${route.article})` : null],
    ["7. Notified body and certificate", route.notifiedBodyRequired ? (need("notifiedBody", p?.notifiedBody, `notified body name, number and certificate, Annex V(7), ${route.article}`) as string | null) : route.notifiedBodyRequired === false ? "no notified body takes part in this procedure" : null],
    ["8. Place, date, signatory", need("declarationSignatory", p?.declarationSignatory, "place and date of issue, name and function of the signatory, Annex V(8)") as string | null],
  ];
  const evidence = obligations.filter((o) => STATED.includes(o.article)).map((o) => `${o.article} ${o.status}${o.evidence.length ? `: ${o.evidence.join("; ")}` : ""}`);
  const approvals = f.documented.map((d) => `${d.modelName} ${d.version.version}: ${approvalLine(f.inForce.get(d.version.id as string)) ?? "no decision recorded"}`);
  return {
    number: "V", title: "EU declaration of conformity", ref: "Art. 47, Annex V",
    blocks: [{ kind: "fields", rows }, { kind: "list", heading: "Evidence (Art. 9-15, 17, 43)", items: evidence }, { kind: "list", heading: "Approvals in force", items: approvals }],
    data: { ...Object.fromEntries(rows), conformityRoute: route, personalData: { processed: pd.processed, where: pd.where, instruments: pd.instruments }, standards: std, obligations: obligations.filter((o) => STATED.includes(o.article)).map((o) => ({ article: o.article, status: o.status })) },
    sources: [sid, ...(p ? [p.id] : []), ...f.documented.map((d) => d.version.id as string), ...f.evidence.map((e) => e.id)],
    checks: c.list,
  };
}

/**
 * The EU declaration of conformity (Art. 47, Annex V), drafted for signature. It reads the
 * provider's obligations: while any of Art. 9-15, 17 or 43 is not MET it is a DRAFT naming them.
 */
export function buildDeclaration(f: SystemFacts, generatedAt: string): DocModel {
  const s = f.system;
  const route = routeOf(f);
  const obligations = obligationsOf(f, OperatorRole.PROVIDER, f.asOf ?? generatedAt);
  const high = isHighRisk(f);
  return {
    schema: DECLARATION_SCHEMA,
    title: `EU declaration of conformity (Art. 47): ${s.name} ${s.version}`,
    subject: { type: "AISystem", id: s.id as string, label: `${s.name} ${s.version}` },
    generatedAt,
    summary: [...systemSummary(f), ["Conformity route", route.procedure ? `${route.procedure} (${route.article})` : "not recorded"], ["Retention", "10 years after placing on the market (Art. 47(1), 18)"]],
    findings: [
      ...(high ? [] : ["The recorded facts do not make the system high-risk: Art. 47 applies to high-risk systems only."]),
      ...f.classification.contradictions.map((x) => `Risk classification: ${x}`),
    ],
    sections: [annexV(f, obligations)],
    applicable: high,
    blockers: high ? declarationBlockers(obligations) : [],
  };
}
