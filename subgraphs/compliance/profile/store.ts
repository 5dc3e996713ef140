import { canonicalJson, sha256Hex, stableId } from "../../../runtime/canonical.js";
import type { Ctx } from "../../../runtime/context.js";
import { createOnce, mutate, type Props } from "../../../runtime/mutation.js";
import { related, requireIds } from "../../../runtime/nodes.js";
import { PROFILE_LISTS, type ComplianceProfile } from "./types.js";

/** The validated facts of one profile: absent facts are null (scalars) or [] (lists). */
export type ProfileFacts = Record<string, string | number | boolean | string[] | null>;

/**
 * A stored profile as the API shows it: descriptive lists never null; the Art. 5 and Art. 50
 * lists, the instruments and the retention stay null when not recorded (absent is unknown).
 */
export function profileFromProps(p: Props | null | undefined): ComplianceProfile | null {
  if (!p) return null;
  const out: Props = { ...p, transparencyTriggers: p.transparencyTriggers ?? null, prohibitedPractices: p.prohibitedPractices ?? null, logRetentionMonths: p.logRetentionMonths ?? null };
  for (const f of PROFILE_LISTS) out[f] = p[f] ?? [];
  out.memberStates = p.memberStates ?? [];
  return out as unknown as ComplianceProfile;
}

/** The profile in force for a system (highest seq), batched per request. */
export async function profileOf(ctx: Ctx, systemId: string): Promise<ComplianceProfile | null> {
  const rows = await related(
    ctx,
    "profileOf",
    `MATCH (p:ComplianceProfile) WHERE p.systemId IN $ids
     WITH p ORDER BY p.seq DESC
     WITH p.systemId AS key, collect(p)[0] AS latest
     RETURN key, latest {.*} AS n`,
  ).load(systemId);
  return profileFromProps(rows?.[0]);
}

/**
 * Records a system's compliance profile. Profiles are append-only and the latest wins, so a
 * profile always states every fact (absent = unknown). The system node is write-locked first
 * so concurrent recorders get consecutive seq numbers; recording the facts in force again
 * changes nothing.
 */
export function recordProfile(ctx: Ctx, systemId: string, facts: ProfileFacts) {
  const factsHash = sha256Hex(canonicalJson(facts));
  return mutate(ctx, "recordSystemCompliance", { systemId, input: facts }, async (tx) => {
    await requireIds(tx, "AISystem", [systemId]);
    // SET + REMOVE takes the lock and leaves nothing on a node the models subgraph owns.
    await tx.run({ cypher: `MATCH (s:AISystem {id: $id}) SET s._profileLock = true REMOVE s._profileLock`, params: { id: systemId } });
    const latest = (await tx.one<{ p: Props }>({
      cypher: `MATCH (p:ComplianceProfile {systemId: $id}) RETURN p {.*} AS p ORDER BY p.seq DESC LIMIT 1`,
      params: { id: systemId },
    }))?.p;
    if (latest && latest.factsHash === factsHash) return { result: profileFromProps(latest)!, changed: false, subjects: [] };
    const seq = ((latest?.seq as number | undefined) ?? 0) + 1;
    const id = stableId("cprof", systemId, seq);
    const { node } = await createOnce(tx, "ComplianceProfile", id, { ...facts, systemId, seq, factsHash }, new Date().toISOString(), { recordedBy: ctx.caller.sub });
    await tx.run({ cypher: `MATCH (p:ComplianceProfile {id: $id}), (s:AISystem {id: $s}) MERGE (p)-[:DESCRIBES]->(s)`, params: { id, s: systemId } });
    return { result: profileFromProps(node)!, changed: true, subjects: [id, systemId] };
  });
}
