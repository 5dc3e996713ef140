import { metricData } from "../annex-iv/development.js";
import { profileNeed } from "../annex-iv/general.js";
import { Checks, joined, type DocModel, type Section } from "../docs/model.js";
import { metricLine, text } from "../docs/values.js";
import type { SystemFacts } from "./facts.js";
import { systemSummary } from "./summary.js";

export const INSTRUCTIONS_SCHEMA = "instructions-for-use/1";

const section = (number: string, title: string, ref: string, c: Checks, blocks: Section["blocks"], data: Record<string, unknown>, sources: string[]): Section =>
  ({ number, title, ref, blocks, data, sources, checks: c.list });

/** Art. 13(3)(a): identity and contact details of the provider and its authorised representative. */
function providerSection(f: SystemFacts): Section {
  const c = new Checks();
  const s = f.system;
  const sid = s.id as string;
  const need = profileNeed(c, f);
  const rows: [string, string | null][] = [
    ["Provider", c.need("AISystem", sid, "providerName", text(s.providerName), "provider name, Art. 13(3)(a)")],
    ["Contact", c.need("AISystem", sid, "providerContact", text(s.providerContact), "provider contact, Art. 13(3)(a); register a new system version with it")],
    ["Address", need("providerAddress", f.profile?.providerAddress, "provider address, Art. 13(3)(a)") as string | null],
    // Art. 22: only providers established outside the Union mandate a representative, so its absence is not a gap.
    ["Authorised representative", f.profile?.authorisedRepresentative ?? "none recorded (Art. 22: required only for providers established outside the Union)"],
  ];
  return section("a", "Provider", "Art. 13(3)(a)", c, [{ kind: "fields", rows }], Object.fromEntries(rows), [sid]);
}

/** Art. 13(3)(b): characteristics, capabilities and limitations of performance. */
function performanceSection(f: SystemFacts): Section {
  const c = new Checks();
  const sid = f.system.id as string;
  const need = profileNeed(c, f);
  const p = f.profile;
  const metrics = f.documented.flatMap((d) => d.metrics);
  for (const d of f.documented) {
    c.need("ModelVersion", d.version.id as string, "overall metrics", d.metrics.filter((m) => !m.subgroup), "accuracy the system was tested for, Art. 13(3)(b)(ii), Art. 15(3)");
    c.need("ModelVersion", d.version.id as string, "subgroup metrics", d.metrics.filter((m) => m.subgroup), "performance for specific persons or groups, Art. 13(3)(b)(v)");
  }
  const misuse = f.risks.filter((r) => r.foreseeableMisuse).map((r) => `${r.foreseeableMisuse} (${r.id})`);
  c.need("AISystem", sid, "foreseeableMisuse", misuse, "known or foreseeable circumstances of misuse, Art. 13(3)(b)(iii); record a risk assessment with foreseeableMisuse");
  const rows: [string, string | null][] = [
    ["(i) Intended purpose", c.need("AISystem", sid, "intendedPurpose", text(f.system.intendedPurpose), "intended purpose, Art. 13(3)(b)(i)")],
    ["Capabilities and limitations", need("capabilitiesAndLimitations", p?.capabilitiesAndLimitations, "capabilities and limitations, Art. 13(3)(b)") as string | null],
    ["(ii) Robustness and cybersecurity", need("cybersecurityMeasures", p?.cybersecurityMeasures, "robustness and cybersecurity it was tested for, Art. 13(3)(b)(ii), Art. 15") as string | null],
    ["(iii) Foreseeable misuse", joined(misuse)],
    ["(iv), (vii) Interpreting the output", need("outputInterpretation", p?.outputInterpretation, "information that lets deployers interpret and use the output, Art. 13(3)(b)(iv), (vii)") as string | null],
    ["(vi) Input data specifications", need("inputDataSpecification", p?.inputDataSpecification, "specifications for the input data, Art. 13(3)(b)(vi)") as string | null],
  ];
  return section("b", "Characteristics, capabilities and limitations of performance", "Art. 13(3)(b)", c, [
    { kind: "fields", rows },
    { kind: "list", heading: "(ii), (v) Accuracy, overall and for specific persons or groups", items: metrics.length ? metrics.map(metricLine) : ["not recorded"] },
  ], { ...Object.fromEntries(rows), metrics: metrics.map(metricData) }, [sid, ...metrics.map((m) => m.id as string), ...f.risks.map((r) => r.id as string)]);
}

/** Art. 13(3)(c)-(f): changes, oversight, resources and maintenance, logs. */
function operationSection(f: SystemFacts): Section {
  const c = new Checks();
  const need = profileNeed(c, f);
  const p = f.profile;
  const rows: [string, string | null][] = [
    ["(c) Pre-determined changes", need("predeterminedChanges", p?.predeterminedChanges, "changes pre-determined at the initial conformity assessment, Art. 13(3)(c)") as string | null],
    ["(d) Human oversight measures", need("humanOversightMeasures", p?.humanOversightMeasures, "human oversight measures, Art. 13(3)(d), Art. 14") as string | null],
    ["(e) Hardware", joined(need("hardware", p?.hardware, "computational and hardware resources needed, Art. 13(3)(e)") as string[] | null)],
    ["(e) Lifetime, maintenance and updates", need("lifetimeAndMaintenance", p?.lifetimeAndMaintenance, "expected lifetime, maintenance and care measures incl. updates, Art. 13(3)(e)") as string | null],
    // Art. 13(3)(f), 12: the product records every decision with its model version, input digest, output and reviews.
    ["(f) Logs", "each decision is recorded with its time, model version, deployment, input digest, output, explanation and human reviews (Art. 12); deployers export them with logExtract"],
    ["(f) Retention of logs", p?.logRetentionMonths ? `${p.logRetentionMonths} months (Art. 19(1), 26(6): at least six months)` : c.need("ComplianceProfile", f.system.id as string, "logRetentionMonths", null, "how long logs are kept, Art. 19(1), 26(6); record with recordSystemCompliance") as null],
  ];
  return section("c-f", "Changes, human oversight, resources, maintenance and logs", "Art. 13(3)(c)-(f)", c, [{ kind: "fields", rows }], Object.fromEntries(rows), p ? [p.id] : []);
}

/** The instructions for use a provider gives deployers of a high-risk system (Art. 13(2)-(3)). */
export function buildInstructionsForUse(f: SystemFacts, generatedAt: string): DocModel {
  const s = f.system;
  return {
    schema: INSTRUCTIONS_SCHEMA,
    title: `Instructions for use (Art. 13): ${s.name} ${s.version}`,
    subject: { type: "AISystem", id: s.id as string, label: `${s.name} ${s.version}` },
    generatedAt,
    summary: systemSummary(f),
    findings: f.documented.flatMap((d) => d.metrics.filter((m) => m.passed === false).map((m) => `Metric ${m.id} (${m.name}${m.subgroup ? `, ${m.subgroup}` : ""}) misses its threshold: ${m.value} vs ${m.threshold}`)),
    sections: [providerSection(f), performanceSection(f), operationSection(f)],
  };
}
