import type { Ctx } from "../../../runtime/context.js";
import type { Props } from "../../../runtime/mutation.js";
import { deployerFactsOf } from "../deployer/store.js";
import { loadAnnexIvFacts, type AnnexIvFacts } from "../annex-iv/facts.js";
import { evidenceOf, type EvidenceRecord } from "../evidence/store.js";
import { listIncidents } from "../incidents/store.js";
import { performanceOf, type DeploymentPerformance } from "../monitoring/store.js";
import { classify, type Category, type Classification } from "../risk/classify.js";

/** Most incidents a system document lists (newest deadlines are the ones that matter). */
const MAX_INCIDENTS = 500;

/**
 * What the AI Act rules and the system-level documents read: the Annex IV facts (one read
 * transaction), the classification derived from them, the incidents with their Art. 73
 * submissions, the deployer facts of each deployment, and the evidence records. `asOf`: every
 * record as the graph held it at that instant, overdue at that instant (null: now).
 */
export interface SystemFacts extends AnnexIvFacts {
  classification: Classification;
  /** Incidents with `overdue` (Art. 73), as the incidents API shows them. */
  incidentsFull: { id: string; category: string; occurredAt: string; dueBy: string; stage: string; overdue: boolean; submissions: { kind: string; submittedAt: string; authority: string; memberState?: string | null }[]; authorities?: { memberState: string; initialSubmittedAt?: string | null; overdue: boolean }[] }[];
  deployers: Map<string, Props>;
  evidence: EvidenceRecord[];
  /** Art. 72(2): declared metrics and performance measured in use, per deployment. */
  performance: DeploymentPerformance[];
  asOf: string | null;
}

export const classificationOf = (f: AnnexIvFacts): Classification =>
  classify({ declaredCategory: f.system.riskCategory as Category, annexIIIArea: (f.system.annexIIIArea as string | null) ?? null, profile: f.profile });

export async function loadSystemFacts(ctx: Ctx, systemId: string, asOf: string | null = null): Promise<SystemFacts> {
  const base = await loadAnnexIvFacts(ctx, systemId, null, asOf);
  const [incidents, deployers, evidence, performance] = await Promise.all([
    listIncidents(ctx, { systemId, overdue: null, first: MAX_INCIDENTS, after: null, asOf }),
    deployerFactsOf(ctx, base.deployments.map((d) => d.id as string), asOf),
    evidenceOf(ctx, systemId, asOf),
    performanceOf(ctx, base.deployments.map((d) => d.id as string), asOf),
  ]);
  return { ...base, classification: classificationOf(base), incidentsFull: incidents, deployers, evidence, performance, asOf };
}

/** High-risk obligations apply when the recorded facts make the system high-risk, or the provider declared it so. */
export const isHighRisk = (f: Pick<SystemFacts, "classification">): boolean =>
  f.classification.highRisk || f.classification.declaredCategory === "HIGH";
