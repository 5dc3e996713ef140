/**
 * The deployer's duties for one deployment of a high-risk system (Art. 26, 27), from the
 * Chapter III date of the system. Each is MET only on a record made for that deployment.
 */
import type { Props } from "../../../../runtime/mutation.js";
import { AREA_NUMBER } from "../../risk/annex-iii.js";
import { FRIA_ELEMENTS } from "../../deployer/store.js";
import { EvidenceKind, OperatorRole } from "../../evidence/types.js";
import { friaRequired } from "../fria.js";
import type { DateKey } from "../dates.js";
import { byRecord, notApplicable, type Finding, type RuleFacts } from "./common.js";
import { personalData } from "./personal-data.js";

const D = OperatorRole.DEPLOYER;
const FRIA_FACTS = [...FRIA_ELEMENTS, "authorityNotifiedAt"];

/** Applies `yes` when the fact is true, NOT_APPLICABLE when false, UNKNOWN naming the fact when not recorded. */
function when(fact: boolean | null | undefined, field: string, o: { article: string; title: string; date: DateKey; id: string; hint: string }, yes: () => Finding): Finding {
  if (fact === true) return yes();
  if (fact === false) return notApplicable(o.article, o.title, o.date, `${field} is false`);
  return { article: o.article, title: o.title, date: o.date, status: "UNKNOWN", evidence: [], missing: [`DeploymentCompliance ${o.id}: ${field} missing (${o.hint}); record with recordDeploymentCompliance`] };
}

export function deployerDuties(f: RuleFacts, d: Props, date: DateKey): Finding[] {
  const id = d.id as string;
  const p = f.deployers.get(id);
  const who = (p?.deployerName as string | undefined) ?? `deployment ${id}`;
  const rec = (article: string, title: string, kind: EvidenceKind, need: string) => byRecord(f, { article, title: `${title} (${who})`, date, kind, role: D, deploymentId: id, need });
  const out: Finding[] = [];
  // Art. 26(1)-(2): used per the instructions, oversight assigned to competent persons.
  out.push(p?.oversightPersons
    ? { article: "Art. 26(2)", title: `Human oversight assigned (${who})`, date, status: "MET", evidence: [`DeploymentCompliance ${p.id}: ${p.oversightPersons}, recorded by ${p.recordedBy} at ${p.createdAt}`], missing: [] }
    : { article: "Art. 26(2)", title: `Human oversight assigned (${who})`, date, status: "UNKNOWN", evidence: [], missing: [`DeploymentCompliance ${id}: oversightPersons missing (persons assigned to human oversight, Art. 26(2)); record with recordDeploymentCompliance`] });
  // Art. 26(5): monitoring the operation.
  const reports = f.drift.find((x) => x.deploymentId === id)?.total ?? 0;
  out.push(reports
    ? { article: "Art. 26(5)", title: `Monitoring of the operation (${who})`, date, status: "MET", evidence: [`Deployment ${id}: ${reports} drift report(s)`], missing: [] }
    : { article: "Art. 26(5)", title: `Monitoring of the operation (${who})`, date, status: "UNKNOWN", evidence: [], missing: [`Deployment ${id}: no drift report (monitoring of the operation, Art. 26(5)); submit drift reports`] });
  out.push(rec("Art. 26(6)", "Logs kept at least six months", EvidenceKind.DEPLOYER_LOG_RETENTION, "the retention of the logs under the deployer's control"));
  const o = (article: string, title: string, hint: string) => ({ article, title: `${title} (${who})`, date, id, hint });
  out.push(when(p?.workplaceUse as boolean | null, "workplaceUse", o("Art. 26(7)", "Workers informed", "whether the system is used at the workplace, Art. 26(7)"),
    () => rec("Art. 26(7)", "Workers and their representatives informed", EvidenceKind.WORKERS_INFORMED, "workers' representatives and workers informed before use")));
  const annexIII = !!f.system.annexIIIArea && AREA_NUMBER[f.system.annexIIIArea as string] !== 2;
  out.push(annexIII
    ? when(p?.deployerPublicAuthority as boolean | null, "deployerPublicAuthority", o("Art. 26(8), 49(3)", "Use registered (Annex VIII Section C)", "whether the deployer is a public authority or Union body, Art. 26(8), 49(3)"),
      () => rec("Art. 26(8), 49(3)", "Use registered (Annex VIII Section C)", EvidenceKind.EU_DATABASE_REGISTRATION, "the registration of the use"))
    : notApplicable("Art. 26(8), 49(3)", `Use registered (${who})`, date, "not an Annex III system registered under Art. 49"));
  const pd = personalData(f);
  out.push(when(pd.processed, "personal data", o("Art. 26(9)", "Data protection impact assessment", "whether the system processes personal data, Annex V(5)"),
    () => rec("Art. 26(9)", "Data protection impact assessment", EvidenceKind.DATA_PROTECTION_IMPACT_ASSESSMENT, "the DPIA (GDPR Art. 35) carried out")));
  if (f.system.annexIIIArea) out.push(rec("Art. 26(11)", "Affected persons informed", EvidenceKind.AFFECTED_PERSONS_INFORMED, "natural persons informed that they are subject to the system"));
  out.push(fria(f, p, d, who, date));
  return out;
}

/**
 * Art. 27(1), (3): the FRIA before first use (the first record stating every element, compared
 * with the deployment's start), the authority notified. A record after first use is UNMET.
 */
export function fria(f: RuleFacts, p: Props | undefined, d: Props, who: string, date: DateKey): Finding {
  const id = d.id as string;
  const r = friaRequired(f, p);
  const title = `Fundamental rights impact assessment (${who})`;
  if (r === false) return notApplicable("Art. 27", title, date, "Art. 27(1) does not bind this deployer for this system");
  if (r === null) return { article: "Art. 27", title, date, status: "UNKNOWN", evidence: [], missing: [`whether Art. 27(1) binds this deployer: the Annex III point or DeploymentCompliance ${id}: deployerPublicService is not recorded`] };
  const missing = FRIA_FACTS.filter((k) => !p?.[k]).map((k) => `DeploymentCompliance ${id}: ${k} missing (Art. 27(1)${k === "authorityNotifiedAt" ? ", (3)" : ""}); record with recordDeploymentCompliance`);
  if (missing.length || !p) return { article: "Art. 27", title, date, status: "UNKNOWN", evidence: [], missing };
  const evidence = [`DeploymentCompliance ${p.id}: assessment first recorded at ${p.friaRecordedAt}, latest by ${p.recordedBy} at ${p.createdAt}; authority notified ${p.authorityNotifiedAt}`];
  const late = p.friaRecordedAt && d.startedAt && String(p.friaRecordedAt) > String(d.startedAt);
  if (late) return { article: "Art. 27", title, date, status: "UNMET", evidence, missing: [`the assessment was first recorded at ${p.friaRecordedAt}, after first use on ${d.startedAt} (Art. 27(1): prior to deploying)`] };
  return { article: "Art. 27", title, date, status: "MET", evidence, missing: [] };
}
