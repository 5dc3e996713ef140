/**
 * Art. 111(2) (Reg. (EU) 2024/1689): a high-risk system placed on the market or put into service
 * before 2 Aug 2026 is caught by the Regulation only if its design changes significantly from
 * then on; one intended for public authorities complies by 2 Aug 2030 in any case. The graph
 * records when a system was first put into service (its earliest deployment), not when it was
 * placed on the market.
 */
import { APPLICATION_DATES } from "../dates.js";
import type { Finding, RuleFacts } from "./common.js";

const CUTOFF = APPLICATION_DATES.ART_111_CUTOFF.date;
const PUBLIC = APPLICATION_DATES.ART_111_PUBLIC_AUTHORITIES.date;

export function article111(f: RuleFacts): Finding {
  const starts = f.deployments.map((d) => ({ id: d.id as string, at: d.startedAt as string })).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  const first = starts[0];
  const base = { article: "Art. 111(2)", date: "ART_111_CUTOFF" as const };
  if (!first) {
    return { ...base, title: "Systems already on the market before 2 Aug 2026", status: "UNKNOWN", evidence: [], missing: [`whether the system was placed on the market or put into service before ${CUTOFF} is not recorded (no deployment recorded); Art. 111(2)`] };
  }
  if (Date.parse(first.at) >= Date.parse(`${CUTOFF}T00:00:00Z`)) {
    return { ...base, title: `Systems already on the market before 2 Aug 2026 (not applicable: first put into service ${first.at}, Deployment ${first.id}; the date of placing on the market is not recorded)`, status: "NOT_APPLICABLE", evidence: [], missing: [] };
  }
  return {
    ...base,
    title: `Put into service before ${CUTOFF} (Deployment ${first.id}, ${first.at}): Chapter III applies only after a significant change in design; if intended for public authorities, by ${PUBLIC} in any case`,
    status: "UNKNOWN",
    evidence: [`Deployment ${first.id}: started ${first.at}`],
    missing: [`whether the design changed significantly since ${CUTOFF}, and whether public authorities are intended users, are not recorded (Art. 111(2)); register a new system version for a significant change`],
  };
}
