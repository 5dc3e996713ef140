/**
 * The AI Act obligations of a system for one role, as of one instant: each with the date it
 * applies from (./dates.ts), whether it is in force, and its status from the evidence records
 * (./rules, one module per article). Documents read these; nothing here reads a document.
 */
import { OperatorRole } from "../evidence/types.js";
import { APPLICATION_DATES, highRiskDate, inForceAt, type DateKey } from "./dates.js";
import { isHighRisk } from "./facts.js";
import { article4, article16b, article20, article47, article48, article72, article73 } from "./rules/provider.js";
import { article5, article5New, article6 } from "./rules/art5.js";
import { article9, article10, article15 } from "./rules/section2-tests.js";
import { article11, article12, article13, article14, article19 } from "./rules/section2-records.js";
import { article17 } from "./rules/art17.js";
import { article43 } from "./rules/art43.js";
import { article49, exempted } from "./rules/art49.js";
import { article50 } from "./rules/art50.js";
import { article111 } from "./rules/art111.js";
import { deployerDuties } from "./rules/deployer.js";
import { operatorDuties } from "./rules/operators.js";
import type { Finding, RuleFacts, Status } from "./rules/common.js";

export interface Obligation {
  article: string;
  title: string;
  role: OperatorRole;
  /** YYYY-MM-DD, from the table of dates. */
  appliesFrom: string;
  inForce: boolean;
  status: Status;
  /** status === MET (kept one round for clients of `satisfied`). */
  satisfied: boolean;
  evidence: string[];
  missing: string[];
}

/** An obligation that blocks a document, in one line: the article, its status and what is missing. */
export const blockerText = (o: Obligation): string => `${o.article} (${o.title}) is ${o.status}: ${o.missing.join("; ") || "no evidence recorded"}`;

/** Chapter III Section 2 (Art. 8-15): the requirements the declaration of conformity states are met. */
export const SECTION_2 = ["Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15"];

/** The Chapter III date of a high-risk system: Annex I route (Art. 6(1)) when both its facts are recorded true. */
export const chapterIIIDate = (f: RuleFacts): DateKey =>
  highRiskDate(f.profile?.annexISafetyComponent === true && f.profile?.annexIThirdPartyAssessment === true && !f.system.annexIIIArea);

/** Art. 6(4): an Art. 6(3) assessment documented before placing on the market: who decided and when. */
function article6_4(f: RuleFacts): Finding {
  const p = f.profile!;
  const done = !!p.exemptionDecidedBy && !!p.exemptionDecidedAt;
  return {
    article: "Art. 6(4)", title: `Art. 6(3) assessment documented (criterion ${p.exemptionCriterion})`, date: "HIGH_RISK_ANNEX_III", status: done ? "MET" : "UNKNOWN",
    evidence: done ? [`ComplianceProfile ${p.id}: decided by ${p.exemptionDecidedBy} at ${p.exemptionDecidedAt}; recorded by ${p.recordedBy} at ${p.createdAt}`] : [],
    missing: done ? [] : [`ComplianceProfile ${f.system.id}: exemptionDecidedBy and exemptionDecidedAt missing (who documented the Art. 6(3) assessment and when, Art. 6(4))`],
  };
}

function providerFindings(f: RuleFacts): Finding[] {
  const out = [article5(f), article5New(f), article6(f), article4(f, OperatorRole.PROVIDER), ...article50(f, OperatorRole.PROVIDER)];
  if (isHighRisk(f)) {
    const d = chapterIIIDate(f);
    out.push(
      article9(f, d), article10(f, d), article11(f, d), article12(f, d), article13(f, d), article14(f, d), article15(f, d),
      article16b(f, d), article17(f, d), article19(f, d), article20(f, d), article43(f, d), article47(f, d), article48(f, d),
      article49(f), article72(f, d), article73(f, d), article111(f),
    );
  } else if (exempted(f)) {
    out.push(article6_4(f), article49(f));
  }
  return out;
}

/** The findings of one role, before dates are applied. */
export function findingsOf(f: RuleFacts, role: OperatorRole): Finding[] {
  if (role === OperatorRole.PROVIDER) return providerFindings(f);
  const common = [article5(f), article5New(f)];
  if (role === OperatorRole.DEPLOYER) common.push(article4(f, role), ...article50(f, role));
  if (!isHighRisk(f)) return common;
  const d = chapterIIIDate(f);
  const perDeployment = role === OperatorRole.DEPLOYER ? f.deployments.flatMap((x) => deployerDuties(f, x, d)) : [];
  return [...common, ...perDeployment, ...operatorDuties(f, role, d)];
}

/** The obligations of `role` for the system as of `asOf` (ISO instant). */
export function obligationsOf(f: RuleFacts, role: OperatorRole = OperatorRole.PROVIDER, asOf: string = new Date().toISOString()): Obligation[] {
  return findingsOf(f, role).map(({ date, ...x }) => ({
    ...x, role, appliesFrom: APPLICATION_DATES[date].date, inForce: inForceAt(date, asOf), satisfied: x.status === "MET",
  }));
}
