import type { Props } from "../runtime/mutation.js";
import { classificationOf, type SystemFacts } from "../subgraphs/compliance/act/facts.js";
import { toEvidence } from "../subgraphs/compliance/evidence/mappers.js";
import { profileFromProps } from "../subgraphs/compliance/profile/store.js";

/** System facts for the pure AI Act rules: a credit-scoring system (Annex III 5(b)) unless overridden. */
export function systemFacts(over: { system?: Props; profile?: Props | null } & Partial<Omit<SystemFacts, "system" | "profile" | "classification">> = {}): SystemFacts {
  const { system, profile, ...rest } = over;
  const base = {
    system: { id: "sys_1", name: "credit", version: "1.0", intendedPurpose: "score loans", providerName: "Acme Bank", providerContact: "ai@acme.example", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES", ...system },
    profile: profile === null ? null : profileFromProps({ id: "cprof_1", systemId: "sys_1", seq: 1, recordedBy: "alice", createdAt: "2026-01-01T00:00:00Z", ...(profile ?? {}) }),
    previous: [], successors: [], models: [], documented: [], history: new Map(), upstream: [], approvals: [], inForce: new Map(), risks: [], deployments: [], drift: [], incidents: [],
    incidentsFull: [], deployers: new Map(), evidence: [], performance: [], asOf: null,
    ...rest,
  } as Omit<SystemFacts, "classification">;
  return { ...base, classification: classificationOf(base) };
}

/** Art. 5, Art. 6(1) and Art. 50 recorded as not applying; a test adds the facts it is about. */
export const RECORDED = { prohibitedPractices: [], transparencyTriggers: [], annexISafetyComponent: false };

/** An evidence record of `kind`, performed by J. Doe and recorded by alice, as the store returns it. */
export const ev = (kind: string, over: Record<string, unknown> = {}) => toEvidence({
  id: `evid_${kind}`, systemId: "sys_1", kind, role: "PROVIDER", deploymentId: null, performedAt: "2026-03-01T00:00:00.000Z", performedBy: "J. Doe",
  reference: "REF-1", digest: `sha256:${"d".repeat(64)}`, recordedBy: "alice", createdAt: "2026-03-02T00:00:00.000Z", ...over,
});
