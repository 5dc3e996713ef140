import { Arg, Ctx as Context, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput } from "../../../runtime/errors.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import * as v from "../../../runtime/validate.js";
import { ANNEX_III_POINTS } from "../risk/annex-iii.js";
import { profileOf, recordProfile, type ProfileFacts } from "./store.js";
import { ComplianceProfile, MIN_LOG_RETENTION_MONTHS, PROFILE_LISTS, PROFILE_TEXTS, SystemComplianceInput } from "./types.js";

const MAX_LIST = 50;
const MAX_RETENTION_MONTHS = 1200;

/** Sorted, de-duplicated: the same facts always give the same content hash. */
const set = <T extends string>(xs: readonly T[] | null | undefined): T[] => [...new Set(xs ?? [])].sort();

/** Validates a profile input into stored facts; messages name the field. */
export function profileFacts(input: SystemComplianceInput): ProfileFacts {
  const facts: ProfileFacts = {
    exemptionClaimed: input.exemptionClaimed ?? null,
    exemptionCriterion: input.exemptionCriterion ?? null,
    profilesPeople: input.profilesPeople ?? null,
    exemptionDecidedAt: input.exemptionDecidedAt ?? null,
    annexISafetyComponent: input.annexISafetyComponent ?? null,
    annexIThirdPartyAssessment: input.annexIThirdPartyAssessment ?? null,
    annexIIIPoint: input.annexIIIPoint ?? null,
    annexIIIExclusion: input.annexIIIExclusion ?? null,
    // Absent stays null (not recorded); [] records that none applies.
    transparencyTriggers: input.transparencyTriggers == null ? null : set(v.maxItems("input.transparencyTriggers", input.transparencyTriggers, MAX_LIST)),
    prohibitedPractices: input.prohibitedPractices == null ? null : set(v.maxItems("input.prohibitedPractices", input.prohibitedPractices, MAX_LIST)),
    processesPersonalData: input.processesPersonalData ?? null,
    dataProtectionInstruments: input.dataProtectionInstruments == null ? null : set(v.maxItems("input.dataProtectionInstruments", input.dataProtectionInstruments, MAX_LIST)),
  };
  if (facts.annexIIIPoint !== null && !(String(facts.annexIIIPoint) in ANNEX_III_POINTS)) {
    throw badInput("input.annexIIIPoint", `"${String(facts.annexIIIPoint).slice(0, 10)}" is not a point of Annex III (e.g. "4(a)", "5(b)", "2")`);
  }
  for (const f of PROFILE_TEXTS) facts[f] = v.optionalText(`input.${f}`, input[f]) || null;
  for (const f of PROFILE_LISTS) {
    facts[f] = v.maxItems(`input.${f}`, input[f] ?? [], MAX_LIST).map((x, i) => v.text(`input.${f}[${i}]`, x, v.MAX_NAME));
  }
  facts.memberStates = set(v.maxItems("input.memberStates", input.memberStates ?? [], MAX_LIST).map((c, i) => {
    if (!v.EU_MEMBER_STATES.has(c)) throw badInput(`input.memberStates[${i}]`, `"${c.slice(0, 10)}" is not the ISO code of an EU Member State`);
    return c;
  }));
  const months = input.logRetentionMonths ?? null;
  if (months !== null && (!Number.isInteger(months) || months < MIN_LOG_RETENTION_MONTHS || months > MAX_RETENTION_MONTHS)) {
    throw badInput("input.logRetentionMonths", `must be a whole number of months between ${MIN_LOG_RETENTION_MONTHS} (Art. 19(1)) and ${MAX_RETENTION_MONTHS}`);
  }
  facts.logRetentionMonths = months;
  return facts;
}

@Resolver()
export class ComplianceProfileResolver {
  @Mutation(() => ComplianceProfile, {
    description: "Records the AI Act facts of a system that the lineage does not hold. Append-only: the latest profile is in force and states every fact (absent = unknown).",
  })
  @RequiresScope("lineage:write")
  recordSystemCompliance(
    @Arg("systemId", () => ID) systemId: string,
    @Arg("input", () => SystemComplianceInput) input: SystemComplianceInput,
    @Context() ctx: Ctx,
  ) {
    return recordProfile(ctx, v.text("systemId", systemId, v.MAX_NAME), profileFacts(input));
  }

  @Query(() => ComplianceProfile, { nullable: true, description: "The compliance profile in force for a system; null when none was recorded" })
  @RequiresScope("reports:read")
  complianceProfile(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx) {
    return profileOf(ctx, systemId);
  }
}
