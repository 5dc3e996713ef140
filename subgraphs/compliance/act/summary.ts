import type { Cell } from "../docs/model.js";
import type { SystemFacts } from "./facts.js";

/** Key facts shown under the title of every system-level document. */
export function systemSummary(f: SystemFacts): [string, Cell][] {
  const s = f.system;
  const c = f.classification;
  return [
    ["AI system", `${s.name} (${s.id})`],
    ["Version", s.version as string],
    ["Provider", `${s.providerName}${s.providerContact ? `, ${s.providerContact}` : ""}`],
    ["Risk category", `${c.declaredCategory} declared; ${c.derivedCategory ? `${c.derivedCategory} derived from the recorded facts` : "not decided by the recorded facts (see Findings)"}`],
    ["Annex III", s.annexIIIArea ? `${s.annexIIIArea}${f.profile?.annexIIIPoint ? `, point ${f.profile.annexIIIPoint}` : ""}` : null],
    ["Model versions", f.documented.map((d) => `${d.modelName} ${d.version.version} (${d.version.id})`).join(", ") || null],
  ];
}
