import { splitStandards } from "../docs/standards.js";
import type { AnnexIvFacts } from "./facts.js";
import { profileNeed } from "./general.js";
import { Checks, joined, type Section } from "../docs/model.js";
import { approvalData } from "../docs/values.js";

/** Annex IV(6): relevant changes over the lifecycle, derived from the versions in the graph. */
export function historySection(f: AnnexIvFacts): Section {
  const c = new Checks();
  const documented = new Set(f.documented.map((d) => d.version.id as string));
  const systemVersions = [...[...f.previous].reverse(), f.system, ...f.successors].map((s) => ({
    id: s.id, version: s.version, createdAt: s.createdAt, current: s.id === f.system.id,
  }));
  const modelVersions = f.models.flatMap((m) => {
    let before: Set<string> | null = null;
    return m.versions.map((v) => {
      const id = v.id as string;
      const h = f.history.get(id);
      const now = new Set(h?.datasetIds ?? []);
      const added = before ? [...now].filter((x) => !before!.has(x)) : [...now];
      const removed = before ? [...before].filter((x) => !now.has(x)) : [];
      before = now;
      if (!documented.has(id)) c.need("ModelVersion", id, "trainingRun", h?.run ?? null, "the training run of every version (recordTrainingRun), Annex IV 6");
      const latest = f.inForce.get(id);
      return {
        id, model: m.name, version: v.version, registeredAt: v.createdAt, registeredBy: v.registeredBy ?? null, artifactDigest: v.artifactDigest,
        trainingRun: h?.run ?? null, datasetsAdded: added, datasetsRemoved: removed, status: (latest?.decision as string | undefined) ?? "REGISTERED",
        documented: documented.has(id),
      };
    });
  });
  const approvals = [...f.approvals].sort((a, b) => ((a.decidedAt as string) < (b.decidedAt as string) ? -1 : 1));
  return {
    number: "6",
    title: "Relevant changes made to the system through its lifecycle",
    ref: "Annex IV(6)",
    blocks: [
      { kind: "table", heading: "System versions", columns: ["Version", "Id", "Registered"], rows: systemVersions.map((s) => [`${s.version}${s.current ? " (this document)" : ""}`, s.id as string, s.createdAt as string]) },
      {
        kind: "table",
        heading: "Model versions",
        columns: ["Model", "Version", "Registered", "Training run", "Datasets added", "Datasets removed", "Status now"],
        rows: modelVersions.map((v) => [v.model as string, `${v.version}${v.documented ? " (documented)" : ""}`, v.registeredAt as string, v.trainingRun ? `${v.trainingRun.startedAt} to ${v.trainingRun.endedAt ?? "(open)"}` : null, joined(v.datasetsAdded) ?? "none", joined(v.datasetsRemoved) ?? "none", v.status]),
      },
      {
        kind: "table",
        heading: "Decisions by responsible persons (signed)",
        columns: ["Decided", "Subject", "Decision", "Approver", "Rationale"],
        rows: approvals.map((a) => [a.decidedAt as string, `${a.subjectType} ${a.subjectId}`, a.decision as string, a.approver as string, a.rationale as string]),
      },
      {
        kind: "table",
        heading: "Deployments",
        columns: ["Deployment", "Model version", "Environment", "Started", "Site"],
        rows: f.deployments.map((d) => [d.id as string, d.modelVersionId as string, d.environment as string, d.startedAt as string, `${d.siteName ?? d.siteId} (${d.country ?? "?"})`]),
      },
    ],
    data: {
      systemVersions,
      modelVersions,
      approvals: approvals.map(approvalData),
      deployments: f.deployments.map((d) => ({ id: d.id, modelVersionId: d.modelVersionId, environment: d.environment, startedAt: d.startedAt, endedAt: d.endedAt ?? null, siteId: d.siteId, country: d.country ?? null })),
    },
    sources: [...systemVersions.map((s) => s.id as string), ...modelVersions.map((v) => v.id), ...approvals.map((a) => a.id as string), ...f.deployments.map((d) => d.id as string)],
    checks: c.list,
  };
}

/**
 * Annex IV(7): harmonised standards applied (only those cited in the Official Journal count,
 * ./standards.ts), or else the solutions adopted, with the other technical specifications applied.
 */
export function standardsSection(f: AnnexIvFacts): Section {
  const c = new Checks();
  const p = f.profile;
  const { harmonised: standards, other } = splitStandards(p?.harmonisedStandards ?? []);
  profileNeed(c, f)("harmonisedStandards", standards.length ? standards : p?.alternativeSolutions, "harmonised standards cited in the Official Journal, or else alternativeSolutions (the solutions adopted to meet Chapter III Section 2), Annex IV 7");
  return {
    number: "7",
    title: "Harmonised standards applied",
    ref: "Annex IV(7)",
    blocks: [
      { kind: "list", heading: "Harmonised standards", items: standards.length ? standards : ["none applied (no standard recorded is cited in the Official Journal)"] },
      { kind: "list", heading: "Other technical specifications", items: other.length ? other : ["none recorded"] },
      { kind: "text", heading: "Other solutions adopted to meet Chapter III Section 2", text: p?.alternativeSolutions ?? "none recorded" },
    ],
    data: { harmonisedStandards: standards, otherTechnicalSpecifications: other, alternativeSolutions: p?.alternativeSolutions ?? null },
    sources: p ? [p.id] : [],
    checks: c.list,
  };
}

/** Annex IV(8): a copy of the EU declaration of conformity (Art. 47, Annex V); a reference alone does not satisfy it. */
export function conformitySection(f: AnnexIvFacts): Section {
  const c = new Checks();
  const need = profileNeed(c, f);
  const ref = need("declarationOfConformityRef", f.profile?.declarationOfConformityRef, "reference of the EU declaration of conformity, Art. 47") as string | null;
  const copy = need("declarationOfConformityCopy", f.profile?.declarationOfConformityCopy, "a copy of the signed EU declaration of conformity, Annex IV 8 (the declarationOfConformity query drafts it from the graph)") as string | null;
  return {
    number: "8",
    title: "EU declaration of conformity",
    ref: "Annex IV(8), Art. 47",
    blocks: [
      { kind: "fields", rows: [["Declaration of conformity", ref], ["Retention", "10 years after the system is placed on the market (Art. 18, 47)"]] },
      { kind: "text", heading: "Copy of the declaration", text: copy ?? "not recorded" },
    ],
    data: { declarationOfConformityRef: ref, declarationOfConformityCopy: copy },
    sources: f.profile ? [f.profile.id] : [],
    checks: c.list,
  };
}

/** Annex IV(9): the post-market monitoring system (Art. 72): plan, deployments, drift, incidents. */
export function postMarketSection(f: AnnexIvFacts): Section {
  const c = new Checks();
  const plan = profileNeed(c, f)("postMarketMonitoringPlan", f.profile?.postMarketMonitoringPlan, "post-market monitoring plan, Art. 72, Annex IV 9") as string | null;
  const drift = f.drift.map((d) => ({ ...d, latest: d.latest }));
  return {
    number: "9",
    title: "Post-market monitoring system and plan",
    ref: "Annex IV(9), Art. 72",
    blocks: [
      { kind: "text", heading: "Plan", text: plan ?? "not recorded" },
      {
        kind: "table",
        heading: "Drift monitoring of the deployments",
        columns: ["Deployment", "Reports", "OK", "WARN", "DRIFT", "Latest"],
        rows: drift.map((d) => [d.deploymentId, d.total, d.byStatus.OK ?? 0, d.byStatus.WARN ?? 0, d.byStatus.DRIFT ?? 0, d.latest[0] ? `${d.latest[0].status} (${d.latest[0].windowStart} to ${d.latest[0].windowEnd}, ${d.latest[0].id})` : null]),
      },
      {
        kind: "table",
        heading: "Serious incidents (Art. 73)",
        columns: ["Incident", "Category", "Occurred", "Due by", "Initial report per authority", "Overdue", "Stage"],
        rows: f.incidents.map((i) => [
          i.id as string, i.category as string, i.occurredAt as string, i.dueBy as string,
          (i.authorities as { memberState: string; initialSubmittedAt: string | null; overdue: boolean }[]).map((a) => `${a.memberState}: ${a.initialSubmittedAt ?? "none"}${a.overdue ? " (OVERDUE)" : ""}`).join("; ") || "no Member State recorded",
          i.overdue ? "OVERDUE" : "no", i.stage as string,
        ]),
      },
    ],
    data: { postMarketMonitoringPlan: plan, deployments: f.deployments.map((d) => d.id), drift, incidents: f.incidents },
    sources: [...(f.profile ? [f.profile.id] : []), ...f.deployments.map((d) => d.id as string), ...drift.flatMap((d) => d.latest.map((r) => r.id as string)), ...f.incidents.map((i) => i.id as string)],
    checks: c.list,
  };
}
