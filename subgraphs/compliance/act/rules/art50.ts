/**
 * Art. 50, from 2 Aug 2026: providers inform people they interact with an AI system (50(1)) and
 * mark synthetic output (50(2); systems already on the market: 2 Dec 2026, see ../dates.ts);
 * deployers disclose emotion recognition and biometric categorisation (50(3)), deep fakes and
 * AI-generated public-interest text (50(4)). Unrecorded triggers are UNKNOWN.
 */
import { EvidenceKind, OperatorRole } from "../../evidence/types.js";
import { byRecord, type Finding, type RuleFacts } from "./common.js";

const PARAGRAPH: Record<string, { article: string; role: OperatorRole; duty: string }> = {
  INTERACTS_WITH_PERSONS: { article: "Art. 50(1)", role: OperatorRole.PROVIDER, duty: "persons informed that they interact with an AI system" },
  GENERATES_SYNTHETIC_CONTENT: { article: "Art. 50(2)", role: OperatorRole.PROVIDER, duty: "synthetic output marked in a machine-readable format" },
  EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION: { article: "Art. 50(3)", role: OperatorRole.DEPLOYER, duty: "exposed persons informed of the operation of the system" },
  DEEP_FAKE: { article: "Art. 50(4)", role: OperatorRole.DEPLOYER, duty: "disclosure that the content was artificially generated or manipulated" },
  PUBLIC_INTEREST_TEXT: { article: "Art. 50(4)", role: OperatorRole.DEPLOYER, duty: "disclosure that the text published to inform the public was AI-generated" },
};

export function article50(f: RuleFacts, role: OperatorRole): Finding[] {
  const triggers = f.profile?.transparencyTriggers ?? null;
  if (triggers === null) {
    return [{ article: "Art. 50", title: "Transparency obligations", date: "GENERAL", status: "UNKNOWN", evidence: [], missing: [`ComplianceProfile ${f.system.id}: transparencyTriggers missing (whether Art. 50(1)-(4) applies; record [] for none with recordSystemCompliance)`] }];
  }
  return triggers.filter((t) => PARAGRAPH[t]?.role === role).map((t) =>
    byRecord(f, { article: PARAGRAPH[t].article, title: `Transparency: ${t}`, date: "GENERAL", kind: EvidenceKind.TRANSPARENCY_MEASURE, role, need: PARAGRAPH[t].duty }));
}
