import { classify, type Category } from "../risk/classify.js";
import type { AnnexIvFacts } from "./facts.js";
import { developmentSection, sovereigntyFindings } from "./development.js";
import { generalSection, metricsSection, monitoringSection, riskSection } from "./general.js";
import { conformitySection, historySection, postMarketSection, standardsSection } from "./lifecycle.js";
import type { DocModel } from "../docs/model.js";

/** Version of the JSON form; a change that breaks readers bumps it (docs/annex-iv-schema.md). */
export const ANNEX_IV_SCHEMA = "annex-iv/1";

/** Builds the Annex IV technical documentation (Art. 11) of a system from its facts. */
export function buildAnnexIv(f: AnnexIvFacts, generatedAt: string): DocModel {
  const s = f.system;
  const sections = [
    generalSection(f), developmentSection(f), monitoringSection(f), metricsSection(f), riskSection(f),
    historySection(f), standardsSection(f), conformitySection(f), postMarketSection(f),
  ];
  const classification = classify({ declaredCategory: s.riskCategory as Category, annexIIIArea: (s.annexIIIArea as string | null) ?? null, profile: f.profile });
  const findings = [
    ...f.documented.flatMap((d) => sovereigntyFindings(d, f.upstream)),
    ...classification.contradictions.map((x) => `Risk classification: ${x}`),
    ...f.documented.flatMap((d) => {
      const a = f.inForce.get(d.version.id as string);
      return a && a.decision !== "APPROVED" ? [`ModelVersion ${d.version.id}: latest decision is ${a.decision} by ${a.approver} on ${a.decidedAt}`] : [];
    }),
    ...f.documented.flatMap((d) => d.metrics.filter((m) => m.passed === false).map((m) => `Metric ${m.id} (${m.name}${m.subgroup ? `, ${m.subgroup}` : ""}) misses its threshold: ${m.value} vs ${m.threshold}`)),
    ...f.incidents.filter((i) => i.overdue).map((i) => `Incident ${i.id} (${i.category}): the Art. 73 report is OVERDUE (due by ${i.dueBy}; no initial report to ${(i.authorities as { memberState: string; overdue: boolean }[]).filter((a) => a.overdue).map((a) => `the authority of ${a.memberState}`).join(", ") || "the authority"} in time)`),
    ...f.incidents.filter((i) => i.stage === "INITIAL" && !i.overdue).map((i) => `Incident ${i.id} (${i.category}) is open; report due by ${i.dueBy}`),
  ];
  return {
    schema: ANNEX_IV_SCHEMA,
    title: `Technical documentation (Annex IV): ${s.name} ${s.version}`,
    subject: { type: "AISystem", id: s.id as string, label: `${s.name} ${s.version}` },
    generatedAt,
    summary: [
      ["AI system", `${s.name} (${s.id})`],
      ["Version", s.version as string],
      ["Provider", `${s.providerName}${s.providerContact ? `, ${s.providerContact}` : ""}`],
      ["Risk category", `${s.riskCategory} declared; ${classification.derivedCategory ? `${classification.derivedCategory} derived from the recorded facts` : "not decided by the recorded facts"}`],
      ["Annex III area", (s.annexIIIArea as string | null) ?? null],
      ["Documented model versions", f.documented.map((d) => `${d.modelName} ${d.version.version} (${d.version.id})`).join(", ") || null],
      ["Retention", "keep for 10 years after placing on the market (Art. 18)"],
    ],
    findings,
    sections,
  };
}
