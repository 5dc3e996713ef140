import { each, list, mapper, num, optBool, optManyOf, optNum, optOneOf, optText, text } from "../../../runtime/graph/mapper.js";
import {
  AnnexIIIExclusion, DataProtectionInstrument, ExemptionCriterion, PROFILE_LISTS, PROFILE_TEXTS, ProhibitedPractice, TransparencyTrigger,
  type ComplianceProfile,
} from "./types.js";

/**
 * A stored profile as the API shows it: descriptive lists never null; the Art. 5 and Art. 50
 * lists, the instruments and the retention stay null when not recorded (absent is unknown).
 */
export const toProfile = mapper<ComplianceProfile>({
  id: text, systemId: text, seq: num, recordedBy: text, createdAt: text,
  exemptionClaimed: optBool, exemptionCriterion: optOneOf(ExemptionCriterion), profilesPeople: optBool, exemptionDecidedAt: optText,
  annexISafetyComponent: optBool, annexIThirdPartyAssessment: optBool, annexIIIPoint: optText, annexIIIExclusion: optOneOf(AnnexIIIExclusion),
  transparencyTriggers: optManyOf(TransparencyTrigger), prohibitedPractices: optManyOf(ProhibitedPractice), processesPersonalData: optBool,
  dataProtectionInstruments: optManyOf(DataProtectionInstrument), memberStates: list, logRetentionMonths: optNum,
  ...each(PROFILE_LISTS, list),
  ...each(PROFILE_TEXTS, optText),
});
