/**
 * The obligations table of one role as a signed document: the same obligations as the
 * `obligations` query (./obligations.ts obligationsOf, the one place for the rules), rendered
 * through the document kit so it is scored, digested and signed like every document.
 *
 * Status of a table of duties: it is not a declaration, so it never "issues" conformity.
 * - DRAFT while any obligation in force at asOf is UNMET (a blocker naming the article and why)
 *   or UNKNOWN (a missing fact: the evidence record the article asks for);
 * - ISSUABLE only when every obligation in force is MET or NOT_APPLICABLE on recorded evidence:
 *   the table may then be handed over as the record of those duties. Obligations not yet in force
 *   are listed with their date and block nothing.
 * NOT_APPLICABLE is never used: every system has duties for every role (at least Art. 5).
 */
import { Checks, type DocModel } from "../docs/model.js";
import type { OperatorRole } from "../evidence/types.js";
import type { SystemFacts } from "./facts.js";
import { blockerText, obligationsOf, type Obligation } from "./obligations.js";
import { systemSummary } from "./summary.js";

export const OBLIGATIONS_SCHEMA = "obligations/1";

const COLUMNS = ["Article", "Title", "Role", "Applies from", "In force", "Status", "Evidence", "Missing"];
const row = (o: Obligation) => [o.article, o.title, o.role, o.appliesFrom, o.inForce ? "yes" : "no", o.status, o.evidence.join("; ") || "none", o.missing.join("; ") || "none"];
const data = (o: Obligation) => ({ article: o.article, title: o.title, role: o.role, appliesFrom: o.appliesFrom, inForce: o.inForce, status: o.status, evidence: o.evidence, missing: o.missing });

/** How many obligations have each status, in one line. */
const counts = (list: Obligation[]): string =>
  (["MET", "UNMET", "UNKNOWN", "NOT_APPLICABLE"] as const).map((s) => `${s} ${list.filter((o) => o.status === s).length}`).join(", ");

/** The obligations of `role` for the system as of `at` (ISO instant; the document is generated at it). */
export function buildObligationsReport(f: SystemFacts, role: OperatorRole, at: string): DocModel {
  const s = f.system;
  const sid = s.id as string;
  const all = obligationsOf(f, role, at);
  const inForce = all.filter((o) => o.inForce);
  const later = all.filter((o) => !o.inForce);
  // A recorded fact (MET or UNMET) counts as present; UNKNOWN is the evidence record the article asks for, not recorded.
  const c = new Checks();
  for (const o of inForce.filter((x) => x.status !== "NOT_APPLICABLE")) {
    c.need("ComplianceEvidence", sid, o.article, o.status === "UNKNOWN" ? null : o.status, `${o.title} is UNKNOWN: ${o.missing.join("; ") || "no evidence recorded"}`);
  }
  return {
    schema: OBLIGATIONS_SCHEMA,
    title: `AI Act obligations of the ${role.toLowerCase().replace(/_/g, " ")}: ${s.name} ${s.version}`,
    subject: { type: "AISystem", id: sid, label: `${s.name} ${s.version}, role ${role}` },
    generatedAt: at,
    summary: [
      ...systemSummary(f),
      ["Role", role],
      ["As of", at],
      ["In force at that instant", `${inForce.length} (${counts(inForce)})`],
      ["Not yet in force", `${later.length} (${counts(later)})`],
      ["What the status means", "DRAFT while an obligation in force is UNMET or UNKNOWN; ISSUABLE when every obligation in force is MET or NOT_APPLICABLE on recorded evidence. A table of duties, not a declaration of conformity (Art. 47)."],
    ],
    findings: later.filter((o) => o.status === "UNMET").map((o) => `${o.article} (${o.title}) applies from ${o.appliesFrom} and is UNMET today: ${o.missing.join("; ") || "no evidence recorded"}`),
    sections: [
      {
        number: "1", title: `Obligations in force at ${at}`, ref: "Art. 113, as amended (act/dates.ts)",
        blocks: [{ kind: "table", columns: COLUMNS, rows: inForce.map(row) }],
        data: { role, asOf: at, obligations: inForce.map(data) },
        sources: [sid, ...(f.profile ? [f.profile.id] : []), ...f.evidence.map((e) => e.id)],
        checks: c.list,
      },
      {
        number: "2", title: "Obligations not yet in force", ref: "Art. 113, Art. 111, as amended (act/dates.ts)",
        blocks: [{ kind: "table", columns: COLUMNS, rows: later.map(row) }],
        data: { role, asOf: at, obligations: later.map(data) },
        sources: [sid],
        checks: [],
      },
    ],
    blockers: inForce.filter((o) => o.status === "UNMET").map(blockerText),
  };
}
