/**
 * Whether the system processes personal data anywhere (training, inputs, decisions) and under
 * which instrument: Regulation (EU) 2016/679 (GDPR), Regulation (EU) 2018/1725 (Union
 * institutions), Directive (EU) 2016/680 (law enforcement). Read by Annex V(5) and Art. 26(9).
 */
import type { RuleFacts } from "./common.js";

export const INSTRUMENTS: Record<string, string> = {
  GDPR: "Regulation (EU) 2016/679",
  EUDPR: "Regulation (EU) 2018/1725",
  LED: "Directive (EU) 2016/680",
};

export interface PersonalData {
  /** Null when the graph cannot tell. */
  processed: boolean | null;
  /** Where the graph shows it: dataset ids, "inputs and decisions", "profiling". */
  where: string[];
  /** The instruments recorded (names); empty when none recorded. */
  instruments: string[];
  /** The profile facts not recorded, with what they are. */
  missing: { field: string; hint: string }[];
}

export function personalData(f: RuleFacts): PersonalData {
  const p = f.profile;
  const datasets = f.documented.flatMap((d) => d.datasets);
  const where = [
    ...datasets.filter((d) => d.containsPersonalData === true).map((d) => `training data ${d.id}`),
    ...(p?.processesPersonalData === true ? ["inputs and decisions"] : []),
    ...(p?.profilesPeople === true ? ["profiling of natural persons"] : []),
  ];
  const instruments = (p?.dataProtectionInstruments ?? []).map((x) => INSTRUMENTS[x] ?? x);
  const missing: PersonalData["missing"] = [];
  let processed: boolean | null = where.length ? true : null;
  if (!where.length) {
    const datasetsKnown = datasets.every((d) => d.containsPersonalData === false);
    if (p?.processesPersonalData === false && datasetsKnown) processed = false;
    else missing.push({ field: "processesPersonalData", hint: "whether inputs or decisions involve personal data, Annex V(5); record with recordSystemCompliance" });
  }
  if (processed && !instruments.length) missing.push({ field: "dataProtectionInstruments", hint: "Regulation (EU) 2016/679, Regulation (EU) 2018/1725 or Directive (EU) 2016/680, Annex V(5); record with recordSystemCompliance" });
  return { processed, where, instruments, missing };
}
