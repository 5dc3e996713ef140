import type { Ctx } from "../../../runtime/context.js";
import { appendFacts, type FactsSeries } from "../../../runtime/graph/facts-record.js";
import { latestBySeq } from "../../../runtime/graph/vocabulary.js";
import { mutate, type Props } from "../../../runtime/mutation.js";
import { related } from "../../../runtime/nodes.js";
import { toProfile } from "./mappers.js";
import type { ComplianceProfile } from "./types.js";

/** A system's profiles: append-only, the latest in force. */
const PROFILES: FactsSeries = { label: "ComplianceProfile", key: "systemId", owner: "AISystem", idPrefix: "cprof" };

/** The validated facts of one profile: absent facts are null (scalars) or [] (lists). */
export type ProfileFacts = Record<string, string | number | boolean | string[] | null>;

/** A stored profile as the API shows it (null: none recorded). */
export const profileFromProps = (p: Props | null | undefined): ComplianceProfile | null => toProfile.orNull(p);

/** The profile in force for a system (highest seq), batched per request. */
export async function profileOf(ctx: Ctx, systemId: string): Promise<ComplianceProfile | null> {
  const rows = await related(
    ctx,
    "profileOf",
    `UNWIND $ids AS key
     ${latestBySeq({ label: "ComplianceProfile", key: "systemId", of: "key", scope: ["key"], as: "p" })}
     WITH key, p WHERE p IS NOT NULL
     RETURN key, p {.*} AS n`,
  ).load(systemId);
  return profileFromProps(rows?.[0]);
}

/**
 * Records a system's compliance profile. Profiles are append-only and the latest wins, so a
 * profile always states every fact (absent = unknown); recording the facts in force again
 * changes nothing (runtime/graph/facts-record.ts).
 */
export function recordProfile(ctx: Ctx, systemId: string, facts: ProfileFacts) {
  return mutate(ctx, "recordSystemCompliance", { systemId, input: facts }, async (tx) => {
    const { node, changed, subjects } = await appendFacts(tx, PROFILES, systemId, facts, ctx.caller.sub);
    return { result: toProfile(node), changed, subjects };
  });
}
