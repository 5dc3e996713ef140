/**
 * Art. 43: the conformity assessment took place, by the procedure the facts require (43(1)
 * biometrics: Annex VI only with harmonised standards, else Annex VII; 43(2) Annex III points
 * 2-8: Annex VI; 43(3) Annex I: the sectoral procedure), with a positive outcome. A derivable
 * route is not evidence that the assessment happened. From the Chapter III date of the system.
 */
import { EvidenceKind, OperatorRole } from "../../evidence/types.js";
import { routeOf } from "../route.js";
import type { DateKey } from "../dates.js";
import { line, records, type Finding, type RuleFacts } from "./common.js";

const PROCEDURE_OF_ROUTE = (notified: boolean | null, annexI: boolean): string | null =>
  annexI ? "ANNEX_I_LEGISLATION" : notified === true ? "ANNEX_VII" : notified === false ? "ANNEX_VI" : null;

export function article43(f: RuleFacts, date: DateKey): Finding {
  const r = routeOf(f);
  const title = `Conformity assessment${r.procedure ? `: ${r.procedure} (${r.article})` : ""}`;
  const base = { article: "Art. 43", title, date };
  const all = records(f, EvidenceKind.CONFORMITY_ASSESSMENT, OperatorRole.PROVIDER);
  const latest = all.at(-1);
  const missing: string[] = [];
  if (!r.procedure) missing.push(`AISystem ${f.system.id}: conformity route unknown (${r.unknown})`);
  if (!latest) {
    missing.push(`no CONFORMITY_ASSESSMENT record (procedure, date, assessor or notified body, outcome, certificate, Art. 43); record with recordConformityAssessment`);
    return { ...base, status: "UNKNOWN", evidence: [], missing };
  }
  const evidence = [`${line(latest)}; procedure ${latest.procedure}${latest.notifiedBody ? `, notified body ${latest.notifiedBody}` : ""}; outcome ${latest.outcome}`];
  if (latest.outcome !== "CONFORMS") return { ...base, status: "UNMET", evidence, missing: [...missing, `assessment ${latest.id} found the system does not conform (Art. 43)`] };
  const expected = PROCEDURE_OF_ROUTE(r.notifiedBodyRequired, f.profile?.annexISafetyComponent === true);
  if (expected && latest.procedure !== expected) return { ...base, status: "UNMET", evidence, missing: [...missing, `assessment ${latest.id} followed ${latest.procedure}, but ${r.article} requires ${expected}`] };
  return { ...base, status: missing.length ? "UNKNOWN" : "MET", evidence, missing };
}
