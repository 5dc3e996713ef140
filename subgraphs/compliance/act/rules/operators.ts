/**
 * Duties of the other operators of a high-risk system, from its Chapter III date: the
 * authorised representative (Art. 22), importer (Art. 23), distributor (Art. 24), and the Art. 25
 * assessment of whether an importer, distributor or deployer has become the provider (own name
 * or trademark, substantial modification, change of intended purpose).
 */
import { EvidenceKind, OperatorRole } from "../../evidence/types.js";
import type { DateKey } from "../dates.js";
import { byRecord, type Finding, type RuleFacts } from "./common.js";

const art25 = (f: RuleFacts, role: OperatorRole, date: DateKey): Finding =>
  byRecord(f, { article: "Art. 25(1)", title: "Assessment whether the operator has become the provider", date, kind: EvidenceKind.ROLE_CHANGE_ASSESSMENT, role, need: "own name or trademark, substantial modification or changed intended purpose assessed; if so the PROVIDER obligations apply to this operator" });

export function operatorDuties(f: RuleFacts, role: OperatorRole, date: DateKey): Finding[] {
  switch (role) {
    case OperatorRole.AUTHORISED_REPRESENTATIVE:
      return [byRecord(f, { article: "Art. 22", title: "Mandate of the authorised representative", date, kind: EvidenceKind.AUTHORISED_REPRESENTATIVE_MANDATE, role, need: "the written mandate (Art. 22(1)-(3))" })];
    case OperatorRole.IMPORTER:
      return [
        byRecord(f, { article: "Art. 23(1)", title: "Conformity verified before placing on the market", date, kind: EvidenceKind.IMPORTER_VERIFICATION, role, need: "assessment, documentation, CE marking, declaration and representative verified" }),
        byRecord(f, { article: "Art. 23(3)", title: "Importer's name and address on the system", date, kind: EvidenceKind.PROVIDER_MARKING, role, need: "the importer's marking applied" }),
        art25(f, role, date),
      ];
    case OperatorRole.DISTRIBUTOR:
      return [
        byRecord(f, { article: "Art. 24(1)", title: "CE marking, declaration and instructions verified", date, kind: EvidenceKind.DISTRIBUTOR_VERIFICATION, role, need: "CE marking, declaration and instructions for use verified" }),
        art25(f, role, date),
      ];
    case OperatorRole.DEPLOYER:
      return [art25(f, role, date)];
    default:
      return [];
  }
}
