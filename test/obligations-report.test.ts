import "reflect-metadata"; // before any decorated (type-graphql) class loads
import { describe, expect, it } from "vitest";
import { buildObligationsReport, OBLIGATIONS_SCHEMA } from "../subgraphs/compliance/act/obligations-report.js";
import { obligationsOf } from "../subgraphs/compliance/act/obligations.js";
import { score } from "../subgraphs/compliance/docs/model.js";
import { renderJson } from "../subgraphs/compliance/docs/render-json.js";
import { renderMarkdown } from "../subgraphs/compliance/docs/render-markdown.js";
import { OperatorRole } from "../subgraphs/compliance/evidence/types.js";
import { RECORDED, ev, systemFacts } from "./act-facts.js";

const NOW = "2026-12-07T00:00:00.000Z";
const render = (doc: ReturnType<typeof buildObligationsReport>) => renderMarkdown(doc, score(doc));

describe("the obligations table as a document (renders obligationsOf, one place for the rules)", () => {
  it("carries every obligation of the role with its article, role, date, in force, status, evidence and missing", () => {
    const f = systemFacts({ profile: RECORDED, evidence: [ev("AI_LITERACY")] });
    const doc = buildObligationsReport(f, OperatorRole.PROVIDER, NOW);
    expect(doc.schema).toBe(OBLIGATIONS_SCHEMA);
    const listed = [...(doc.sections[0].data.obligations as { article: string }[]), ...(doc.sections[1].data.obligations as { article: string }[])];
    expect(listed.map((o) => o.article).sort()).toEqual(obligationsOf(f, OperatorRole.PROVIDER, NOW).map((o) => o.article).sort());
    expect(doc.sections[0].data.obligations).toContainEqual({ article: "Art. 4", title: expect.any(String), role: "PROVIDER", appliesFrom: "2025-02-02", inForce: true, status: "MET", evidence: [expect.stringContaining("evid_AI_LITERACY")], missing: [] });
    expect(render(doc)).toMatch(/^\| Art\. 4 \| .* \| PROVIDER \| 2025-02-02 \| yes \| MET \| .*evid_AI_LITERACY.* \| none \|$/m);
  });

  it("Art. 5 (2025-02-02): a flagged prohibited practice is an UNMET obligation in force, so the table is a DRAFT naming it", () => {
    const doc = buildObligationsReport(systemFacts({ profile: { ...RECORDED, prohibitedPractices: ["SOCIAL_SCORING"] }, evidence: [ev("AI_LITERACY")] }), OperatorRole.PROVIDER, "2026-01-01T00:00:00.000Z");
    const s = score(doc);
    expect(s.status).toBe("DRAFT");
    expect(s.blockers[0]).toMatch(/^Art\. 5 \(.*\) is UNMET: .*SOCIAL_SCORING flagged/);
  });

  it("an UNKNOWN obligation in force is a missing evidence record; obligations not yet in force block nothing", () => {
    // As of 7 Dec 2026 Art. 4 is in force and unrecorded; the Annex III Chapter III duties apply from 2 Dec 2027.
    const s = score(buildObligationsReport(systemFacts({ profile: RECORDED }), OperatorRole.PROVIDER, NOW));
    expect(s.status).toBe("DRAFT");
    expect(s.missing.map((m) => `${m.entity}:${m.field}`)).toContain("ComplianceEvidence:Art. 4");
    expect(s.missing.map((m) => m.field)).not.toContain("Art. 9");
    expect(s.blockers.some((b) => b.startsWith("Art. 9"))).toBe(false);
    expect(s.completeness).toBeLessThan(1);
  });

  it("ISSUABLE only when every obligation in force is MET or NOT_APPLICABLE on recorded evidence", () => {
    const s = score(buildObligationsReport(systemFacts({ profile: RECORDED, evidence: [ev("AI_LITERACY")] }), OperatorRole.PROVIDER, "2026-01-01T00:00:00.000Z"));
    expect(s).toMatchObject({ status: "ISSUABLE", blockers: [], completeness: 1 });
  });

  it("is the same bytes for the same asOf, in every form; another asOf gives another document", () => {
    const f = () => systemFacts({ profile: RECORDED, evidence: [ev("AI_LITERACY")] });
    const a = buildObligationsReport(f(), OperatorRole.DEPLOYER, NOW);
    const b = buildObligationsReport(f(), OperatorRole.DEPLOYER, NOW);
    expect(render(a)).toBe(render(b));
    expect(renderJson(a, score(a))).toBe(renderJson(b, score(b)));
    expect(render(buildObligationsReport(f(), OperatorRole.DEPLOYER, "2028-01-01T00:00:00.000Z"))).not.toBe(render(a));
  });
});
