import { profileNeed } from "../docs/annex-iv-general.js";
import { Checks, joined, type DocModel, type Section } from "../docs/model.js";
import { approvalLine, text } from "../docs/values.js";
import { conformityRoute } from "./conformity-route.js";
import { isHighRisk, type SystemFacts } from "./facts.js";
import { systemSummary } from "./summary.js";

export const DECLARATION_SCHEMA = "eu-declaration-of-conformity/1";

export const routeOf = (f: SystemFacts) =>
  conformityRoute({
    highRisk: isHighRisk(f), annexIIIArea: (f.system.annexIIIArea as string | null) ?? null, annexISafetyComponent: f.profile?.annexISafetyComponent ?? null,
    harmonisedStandards: f.profile?.harmonisedStandards ?? [], notifiedBody: f.profile?.notifiedBody ?? null,
  });

/** Annex V points 1-8, in order; point 3 and 4 are the provider's statements, drafted here for signature. */
function annexV(f: SystemFacts): Section {
  const c = new Checks();
  const s = f.system;
  const sid = s.id as string;
  const need = profileNeed(c, f);
  const p = f.profile;
  const route = routeOf(f);
  c.need("AISystem", sid, "conformity route", route.procedure, `${route.unknown ?? ""}; record annexIIIArea, or annexISafetyComponent with recordSystemCompliance (Art. 43)`);
  // Annex V(5): a GDPR statement is needed where personal data are processed; the training data tell.
  const personal = f.documented.flatMap((d) => d.datasets.filter((x) => x.containsPersonalData));
  for (const d of personal) c.need("DatasetVersion", d.id as string, "legalBasis", text(d.legalBasis), "legal basis of the personal data, Annex V(5), GDPR Art. 6");
  for (const d of f.documented) {
    const a = f.inForce.get(d.version.id as string);
    c.need("ModelVersion", d.version.id as string, "approval", a?.decision === "APPROVED" ? a : null, "an APPROVED decision in force by a responsible person before the declaration is signed (decideApproval), Art. 16, 17");
  }
  if (route.notifiedBodyRequired) need("notifiedBody", p?.notifiedBody, `notified body name, number and certificate, Annex V(7), ${route.article}`);
  const rows: [string, string | null][] = [
    ["1. AI system name, type and reference", `${s.name} ${s.version} (${sid}); models ${f.documented.map((d) => `${d.modelName} ${d.version.version}, artifact ${d.version.artifactDigest}`).join("; ") || "not recorded"}`],
    ["2. Provider", c.need("AISystem", sid, "providerName", text(s.providerName), "provider name, Annex V(2)")],
    ["2. Provider address", need("providerAddress", p?.providerAddress, "provider address, Annex V(2)") as string | null],
    ["2. Authorised representative", p?.authorisedRepresentative ?? "none recorded (Art. 22: required only for providers established outside the Union)"],
    ["3. Responsibility", "This EU declaration of conformity is issued under the sole responsibility of the provider (Art. 47(1), Annex V(3))."],
    ["4. Conformity", `The provider declares that the AI system conforms with Regulation (EU) 2024/1689 (Annex V(4)); evidence: the Annex IV technical documentation and the approvals below.`],
    ["5. Personal data", personal.length ? `The system processes personal data (${personal.map((d) => d.id).join(", ")}); the provider states compliance with Regulation (EU) 2016/679 (Annex V(5)).` : "no training data recorded as personal data"],
    ["6. Harmonised standards / common specifications", joined(need("harmonisedStandards", p?.harmonisedStandards, "harmonised standards or common specifications applied, Annex V(6)") as string[] | null)],
    ["7. Conformity assessment procedure", route.procedure ? `${route.procedure} (${route.article})` : null],
    ["7. Notified body and certificate", route.notifiedBodyRequired ? (p?.notifiedBody ?? null) : route.notifiedBodyRequired === false ? "no notified body takes part in this procedure" : null],
    ["8. Place, date, signatory", need("declarationSignatory", p?.declarationSignatory, "place and date of issue, name and function of the signatory, Annex V(8)") as string | null],
  ];
  const approvals = f.documented.map((d) => `${d.modelName} ${d.version.version}: ${approvalLine(f.inForce.get(d.version.id as string)) ?? "no decision recorded"}`);
  return {
    number: "V", title: "EU declaration of conformity", ref: "Art. 47, Annex V",
    blocks: [{ kind: "fields", rows }, { kind: "list", heading: "Approvals in force", items: approvals }],
    data: { ...Object.fromEntries(rows), conformityRoute: route, personalDataDatasets: personal.map((d) => d.id) },
    sources: [sid, ...(p ? [p.id] : []), ...f.documented.map((d) => d.version.id as string), ...personal.map((d) => d.id as string)],
    checks: c.list,
  };
}

/** The EU declaration of conformity (Art. 47, Annex V) with its Art. 43 route, drafted from the graph for signature. */
export function buildDeclaration(f: SystemFacts, generatedAt: string): DocModel {
  const s = f.system;
  const route = routeOf(f);
  return {
    schema: DECLARATION_SCHEMA,
    title: `EU declaration of conformity (Art. 47): ${s.name} ${s.version}`,
    subject: { type: "AISystem", id: s.id as string, label: `${s.name} ${s.version}` },
    generatedAt,
    summary: [...systemSummary(f), ["Conformity route", route.procedure ? `${route.procedure} (${route.article})` : "not recorded"], ["Retention", "10 years after placing on the market (Art. 47(1), 18)"]],
    findings: [
      ...(isHighRisk(f) ? [] : ["The recorded facts do not make the system high-risk: Art. 47 applies to high-risk systems only."]),
      ...f.classification.contradictions.map((x) => `Risk classification: ${x}`),
    ],
    sections: [annexV(f)],
  };
}
