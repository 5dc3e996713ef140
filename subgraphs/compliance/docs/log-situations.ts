/**
 * What a log record states besides the decision itself (Art. 12(2)(a), 12(3)): the period of use
 * of its deployment, the reference database its input was checked against, and the drift
 * reports and incidents in force at its time. Pure: the facts come from the log query.
 */

/** A drift report whose window holds the decision and whose status is a warning or drift (Art. 12(2)(a), 72). */
export interface LogDriftEvent { reportId: string; status: string; windowStart: string; windowEnd: string; deploymentId: string }
/** A serious incident of the system that had occurred and was not completed at the decision's time (Art. 12(2)(a), 73). */
export interface LogIncident { incidentId: string; category: string; occurredAt: string; completedAt: string | null }

/** Drift statuses that are "situations that may result in the AI system presenting a risk" (Art. 12(2)(a), 79(1)). */
export const FLAGGED_DRIFT = ["WARN", "DRIFT"];

/**
 * Art. 12(3)(b) asks for the reference database only for the remote biometric identification
 * systems of Annex III point 1(a). With area BIOMETRICS and no point recorded it may apply, so
 * its absence counts as missing; a 1(a) system carved out as verification (Annex III 1(a), last
 * sentence) does not need it.
 */
export function referenceDatabaseRequired(area: string | null, point: string | null, exclusion: string | null): boolean {
  if (exclusion === "BIOMETRIC_VERIFICATION") return false;
  if (point === "1(a)") return true;
  return area === "BIOMETRICS" && point === null;
}

/**
 * The facts a record lacks, named (a fact the graph lacks is "not recorded", never a default):
 * the deployment and its start (Art. 12(3)(a) period of use), and the reference database where
 * Art. 12(3)(b) asks for it. A deployment with no recorded end is in use as far as the graph
 * knows (`endDeployment` records the end): its open period is the fact, not a gap, so an extract
 * of a live system is not flagged on every record.
 */
export function missingLogFacts(r: { deploymentId: string | null; deploymentStartedAt: string | null; deploymentEndedAt: string | null; referenceDatabase: string | null }, referenceDatabaseNeeded: boolean): string[] {
  const missing: string[] = [];
  if (!r.deploymentId) missing.push("deploymentId");
  else if (!r.deploymentStartedAt) missing.push("deploymentStartedAt");
  if (referenceDatabaseNeeded && !r.referenceDatabase) missing.push("referenceDatabase");
  return missing;
}
