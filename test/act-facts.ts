import type { Props } from "../runtime/mutation.js";
import { classificationOf, type SystemFacts } from "../subgraphs/compliance/act/facts.js";
import { profileFromProps } from "../subgraphs/compliance/profile/store.js";

/** System facts for the pure AI Act rules: a credit-scoring system (Annex III 5(b)) unless overridden. */
export function systemFacts(over: { system?: Props; profile?: Props | null } & Partial<Omit<SystemFacts, "system" | "profile" | "classification">> = {}): SystemFacts {
  const { system, profile, ...rest } = over;
  const base = {
    system: { id: "sys_1", name: "credit", version: "1.0", intendedPurpose: "score loans", providerName: "Acme Bank", providerContact: "ai@acme.example", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES", ...system },
    profile: profile === null ? null : profileFromProps({ id: "cprof_1", systemId: "sys_1", seq: 1, recordedBy: "alice", createdAt: "2026-01-01T00:00:00Z", ...(profile ?? {}) }),
    previous: [], successors: [], models: [], documented: [], history: new Map(), upstream: [], approvals: [], inForce: new Map(), risks: [], deployments: [], drift: [], incidents: [],
    incidentsFull: [], deployers: new Map(),
    ...rest,
  } as Omit<SystemFacts, "classification">;
  return { ...base, classification: classificationOf(base) };
}
