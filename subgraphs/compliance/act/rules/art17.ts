/** Art. 16(c), 17: a quality management system adopted: reference, version, date of adoption, who adopted it. From the Chapter III date. */
import { EvidenceKind, OperatorRole } from "../../evidence/types.js";
import type { DateKey } from "../dates.js";
import { line, records, type Finding, type RuleFacts } from "./common.js";

export function article17(f: RuleFacts, date: DateKey): Finding {
  const qms = records(f, EvidenceKind.QUALITY_MANAGEMENT_SYSTEM, OperatorRole.PROVIDER).at(-1);
  const base = { article: "Art. 17", title: "Quality management system", date };
  if (!qms) return { ...base, status: "UNKNOWN", evidence: [], missing: ["no QUALITY_MANAGEMENT_SYSTEM record (reference, version, date of adoption, Art. 17(1)); record with recordQualityManagementSystem"] };
  return { ...base, status: "MET", evidence: [line(qms)], missing: [] };
}
