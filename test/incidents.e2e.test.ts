import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

let stack: Stack;
let url: string;
let writer: string;
let reports: string;

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const INCIDENT = `id system { id } category occurredAt awareAt deathInvolved widespread widespreadReason memberStates originMemberState awareParty causalLinkEstablishedAt description personsAffected harm dueBy deadlineDays deadlineRule stage overdue dueSoon hoursToDeadline
  submissions { kind submittedAt authority recordedBy }
  decisions { id } modelVersions { id } correctiveActions { description takenAt recordedBy } rootCause completedAt reportedBy`;
const REPORT = `mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { ${INCIDENT} } }`;

/** A system with a model version, and two decisions it made. */
async function systemWithDecisions() {
  const sys = ok(await gql(url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("grid-balancer"), version: "1", intendedPurpose: "balance the power grid", providerName: "GridCo", riskCategory: "HIGH", annexIIIArea: "CRITICAL_INFRASTRUCTURE" },
  })).registerAISystem;
  const model = ok(await gql(url, writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "balancer" } })).registerModel;
  const mv = ok(await gql(url, writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
    i: { modelId: model.id, version: "1.0.0", artifactDigest: `sha256:${"c".repeat(64)}` },
  })).registerModelVersion;
  const ids = [uniq("d"), uniq("d")];
  ok(await gql(url, writer, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, {
    d: ids.map((id, n) => ({ id, modelVersionId: mv.id, occurredAt: ago(20 * DAY + n * 1000), inputDigest: `sha256:${"d".repeat(64)}`, output: { action: "shed load" } })),
  }));
  return { systemId: sys.id as string, mvId: mv.id as string, decisionIds: ids };
}

const input = (systemId: string, over: Record<string, unknown> = {}) => ({
  systemId, category: "HEALTH_OR_DEATH", occurredAt: ago(3 * DAY), awareAt: ago(2 * DAY), deathInvolved: false, widespread: false,
  memberStates: ["DE"], description: uniq("operator injured after a wrong instruction"), ...over,
});

let world: Awaited<ReturnType<typeof systemWithDecisions>>;

beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
  [writer, reports] = await Promise.all([token("ops-team", "lineage:write lineage:read"), token("compliance-tool", "reports:read lineage:read")]);
  world = await systemWithDecisions();
});
afterAll(() => stack?.stop());

describe("reportIncident: Art. 73 deadlines", () => {
  const cases: [string, Record<string, unknown>, number][] = [
    ["(a) harm to health", { category: "HEALTH_OR_DEATH" }, 15],
    ["(a) with a death", { category: "HEALTH_OR_DEATH", deathInvolved: true }, 10],
    ["(b) critical infrastructure", { category: "CRITICAL_INFRASTRUCTURE" }, 2],
    ["(c) fundamental rights", { category: "FUNDAMENTAL_RIGHTS" }, 15],
    ["(c) widespread infringement (Art. 3(61)(b): three Member States)", { category: "FUNDAMENTAL_RIGHTS", widespread: true, memberStates: ["DE", "FR", "IT"] }, 2],
    ["(c) widespread infringement (Art. 3(61)(a): two besides the origin)", { category: "FUNDAMENTAL_RIGHTS", widespread: true, memberStates: ["FR", "IT"], originMemberState: "DE" }, 2],
    ["(d) property or environment", { category: "PROPERTY_OR_ENVIRONMENT" }, 15],
  ];
  for (const [name, over, days] of cases) {
    it(`${name}: due ${days} days after awareness`, async () => {
      const i = input(world.systemId, over);
      const inc = ok(await gql(url, writer, REPORT, { i })).reportIncident;
      expect(inc).toMatchObject({ deadlineDays: days, stage: "INITIAL", system: { id: world.systemId }, reportedBy: "ops-team" });
      expect(inc.dueBy).toBe(new Date(Date.parse(i.awareAt as string) + days * DAY).toISOString());
    });
  }

  it("links the incident into the lineage of the decisions and model versions involved", async () => {
    const inc = ok(await gql(url, writer, REPORT, { i: input(world.systemId, { decisionIds: world.decisionIds }) })).reportIncident;
    expect(inc.decisions.map((d: { id: string }) => d.id).sort()).toEqual([...world.decisionIds].sort());
    expect(inc.modelVersions).toEqual([{ id: world.mvId }]);
    const g = ok(await gql(url, reports, `query($id: ID!) { lineage(id: $id, depth: 1) { nodes { id kind } edges { from to type } } }`, { id: inc.id })).lineage;
    const targets = g.edges.filter((e: { from: string; type: string }) => e.from === inc.id && e.type === "CONCERNS").map((e: { to: string }) => e.to);
    expect(targets).toEqual(expect.arrayContaining([world.systemId, world.mvId, ...world.decisionIds]));
  });

  it("is idempotent on replay, and a different account of the same event is a CONFLICT", async () => {
    const i = input(world.systemId);
    const a = ok(await gql(url, writer, REPORT, { i })).reportIncident;
    const b = ok(await gql(url, writer, REPORT, { i })).reportIncident;
    expect(b.id).toBe(a.id);
    const c = await gql(url, writer, REPORT, { i: { ...i, memberStates: ["FR"] } });
    expect(c.errors?.[0].extensions?.code).toBe("CONFLICT");
  });

  it("validates its input and names the field", async () => {
    const bad = async (over: Record<string, unknown>) => (await gql(url, writer, REPORT, { i: input(world.systemId, over) })).errors?.[0];
    expect((await bad({ widespread: true, memberStates: ["DE", "FR"] }))?.message).toMatch(/^input\.widespread: not a widespread infringement under Art\. 3\(61\)/);
    expect((await bad({ widespread: true, memberStates: ["DE", "FR"], originMemberState: "DE" }))?.message).toMatch(/^input\.widespread/);
    expect((await bad({ originMemberState: "US" }))?.message).toMatch(/^input\.originMemberState/);
    expect(await bad({ awareAt: ago(5 * DAY) })).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/^input\.awareAt/) });
    expect((await bad({ memberStates: ["US"] }))?.message).toMatch(/^input\.memberStates\[0\]/);
    expect((await bad({ memberStates: [] }))?.message).toMatch(/^input\.memberStates/);
    expect((await bad({ occurredAt: new Date(Date.now() + DAY).toISOString(), awareAt: new Date(Date.now() + DAY).toISOString() }))?.message).toMatch(/^input\.occurredAt: must not be in the future/);
    expect((await bad({ systemId: "sys_unknown" }))?.extensions?.code).toBe("NOT_FOUND");
    expect((await bad({ decisionIds: ["no-such-decision"] }))?.extensions?.code).toBe("NOT_FOUND");
    const other = await systemWithDecisions();
    expect((await bad({ decisionIds: other.decisionIds }))?.message).toMatch(/^input\.decisionIds: Decision .* does not belong to AISystem/);
    expect((await gql(url, reports, REPORT, { i: input(world.systemId) })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("incident follow-up and the overdue list", () => {
  it("overdue = no initial report submitted by dueBy (Art. 73(2)-(5)), whatever the report's completion", async () => {
    const sys = await systemWithDecisions();
    const report = async (over: Record<string, unknown>) => ok(await gql(url, writer, REPORT, { i: input(sys.systemId, over) })).reportIncident;
    const submit = (id: string, kind: string, submittedAt: string, authority = "BNetzA (DE)") =>
      gql(url, writer, `mutation($id: ID!, $k: IncidentSubmissionKind!, $at: DateTime!, $a: String!) { recordIncidentSubmission(incidentId: $id, kind: $k, submittedAt: $at, authority: $a) { ${INCIDENT} } }`, { id, k: kind, at: submittedAt, a: authority });
    const pastDue = await report({ category: "CRITICAL_INFRASTRUCTURE", occurredAt: ago(4 * DAY), awareAt: ago(3 * DAY), awareParty: "DEPLOYER" }); // due a day ago
    const sentInTime = await report({ category: "CRITICAL_INFRASTRUCTURE", occurredAt: ago(5 * DAY), awareAt: ago(4 * DAY) }); // due 2 days ago
    const nearDue = await report({ occurredAt: ago(15 * DAY), awareAt: ago(14.5 * DAY) }); // due in 12 h
    const later = await report({ awareAt: ago(DAY), occurredAt: ago(2 * DAY) }); // due in 14 days
    expect(pastDue).toMatchObject({ overdue: true, dueSoon: false, submissions: [], awareParty: "DEPLOYER" });
    expect(pastDue.hoursToDeadline).toBeLessThan(0);
    expect(nearDue).toMatchObject({ overdue: false, dueSoon: true });
    expect(later).toMatchObject({ overdue: false, dueSoon: false, awareParty: null, causalLinkEstablishedAt: null });

    // An incomplete initial report sent in time (Art. 73(5)) meets the deadline, never completed.
    const sent = ok(await submit(sentInTime.id, "INITIAL", ago(3 * DAY))).recordIncidentSubmission;
    expect(sent).toMatchObject({ overdue: false, stage: "INITIAL", submissions: [{ kind: "INITIAL", authority: "BNetzA (DE)", recordedBy: "ops-team" }] });
    // A late one leaves the incident overdue.
    const late = ok(await submit(pastDue.id, "INITIAL", ago(DAY / 2))).recordIncidentSubmission;
    expect(late.overdue).toBe(true);
    // Replaying is a no-op; a follow-up needs an initial report to the same authority first.
    expect(ok(await submit(pastDue.id, "INITIAL", late.submissions[0].submittedAt)).recordIncidentSubmission.submissions).toHaveLength(1);
    expect((await submit(later.id, "FOLLOW_UP", ago(1000))).errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/^kind: a FOLLOW_UP report needs an INITIAL/) });
    expect((await submit(later.id, "INITIAL", ago(3 * DAY))).errors?.[0].message).toMatch(/^submittedAt: must not be before/);
    expect((await submit("inc_nope", "INITIAL", ago(1000))).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await gql(url, reports, `mutation { recordIncidentSubmission(incidentId: "${later.id}", kind: INITIAL, submittedAt: "${ago(1000)}", authority: "x") { id } }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const final = ok(await submit(sentInTime.id, "FINAL", ago(DAY))).recordIncidentSubmission;
    expect(final.submissions.map((x: { kind: string }) => x.kind)).toEqual(["INITIAL", "FINAL"]);

    const list = async (overdue: boolean | null) =>
      ok(await gql(url, reports, `query($s: ID, $o: Boolean) { incidents(systemId: $s, overdue: $o) { id dueBy overdue } }`, { s: sys.systemId, o: overdue })).incidents;
    expect((await list(true)).map((i: { id: string }) => i.id)).toEqual([pastDue.id]);
    expect((await list(false)).map((i: { id: string }) => i.id)).toEqual([sentInTime.id, nearDue.id, later.id]);
    expect((await list(null)).map((i: { id: string }) => i.id)).toEqual([sentInTime.id, pastDue.id, nearDue.id, later.id]);

    const acted = ok(await gql(url, writer, `mutation($id: ID!, $i: CorrectiveActionInput!) { addCorrectiveAction(incidentId: $id, input: $i) { ${INCIDENT} } }`, {
      id: pastDue.id, i: { description: "rolled back to the previous model version", takenAt: ago(2 * DAY) },
    })).addCorrectiveAction;
    expect(acted.correctiveActions).toEqual([{ description: "rolled back to the previous model version", takenAt: expect.any(String), recordedBy: "ops-team" }]);
    expect(acted.stage).toBe("INITIAL");
    const done = ok(await gql(url, writer, `mutation($id: ID!, $i: CompleteIncidentInput!) { completeIncident(incidentId: $id, input: $i) { ${INCIDENT} } }`, {
      id: pastDue.id, i: { rootCause: "sensor feed outage not detected" },
    })).completeIncident;
    // Completing the report does not undo a missed deadline.
    expect(done).toMatchObject({ stage: "COMPLETE", overdue: true, rootCause: "sensor feed outage not detected" });
    const all = ok(await gql(url, reports, `{ incidents(overdue: true, first: 500) { id } }`)).incidents.map((i: { id: string }) => i.id);
    expect(all).toContain(pastDue.id);
    expect(all).not.toContain(sentInTime.id);
    // A second, different completion is refused.
    const again = await gql(url, writer, `mutation($id: ID!) { completeIncident(incidentId: $id, input: { rootCause: "something else" }) { id } }`, { id: pastDue.id });
    expect(again.errors?.[0].extensions?.code).toBe("CONFLICT");
  });

  it("produces the incident report in Markdown, HTML and JSON, signed, with its lineage and what is missing", async () => {
    const inc = ok(await gql(url, writer, REPORT, { i: input(world.systemId, { decisionIds: [world.decisionIds[0]], deathInvolved: true }) })).reportIncident;
    const q = `query($id: ID!, $f: DocumentFormat) { incidentReport(id: $id, format: $f) { format content completeness missing schema digest signature } }`;
    const json = ok(await gql(url, reports, q, { id: inc.id, f: "JSON" })).incidentReport;
    expect(json.schema).toBe("incident-report/2");
    const body = JSON.parse(json.content);
    expect(body.sections.map((s: { number: string }) => s.number)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(body.sections[6].data).toMatchObject({ days: 10, dueBy: inc.dueBy, stage: "INITIAL" });
    expect(body.sections[3].data.decisions[0]).toMatchObject({ id: world.decisionIds[0], modelVersionId: world.mvId, output: { action: "shed load" } });
    expect(json.missing).toEqual(expect.arrayContaining([expect.stringMatching(/awareParty missing/), expect.stringMatching(/submissions missing/), expect.stringMatching(new RegExp(`^Incident ${inc.id}: correctiveActions missing`)), expect.stringMatching(/rootCause missing/)]));
    const md = ok(await gql(url, reports, q, { id: inc.id, f: "MARKDOWN" })).incidentReport;
    expect(md.content).toMatch(/^# Serious incident report \(Art\. 73\)/);
    expect(md.content).not.toMatch(/the system is not altered/);
    expect(md.content).toMatch(/Whether it was altered is not recorded/);
    const html = ok(await gql(url, reports, q, { id: inc.id, f: "HTML" })).incidentReport;
    expect(html.content).toMatch(/^<!doctype html>/);
    expect(html.signature.split(".")).toHaveLength(3);
    const unknown = await gql(url, reports, q, { id: "inc_nope", f: "JSON" });
    expect(unknown.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("records the Art. 73(6) investigation and states it in the report, flagging an alteration before informing the authorities", async () => {
    const inc = ok(await gql(url, writer, REPORT, { i: input(world.systemId, { description: "investigated incident" }) })).reportIncident;
    const q = `query($id: ID!) { incidentReport(id: $id, format: JSON) { content missing } }`;
    const before = ok(await gql(url, reports, q, { id: inc.id })).incidentReport;
    expect(before.missing).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^Incident ${inc.id}: investigation missing`))]));
    const record = `mutation($id: ID!, $i: IncidentInvestigationInput!) { recordIncidentInvestigation(incidentId: $id, input: $i) {
      investigation { startedAt riskAssessment systemAltered alteredAt authoritiesInformedAt recordedBy } } }`;
    const facts = { startedAt: ago(2 * DAY), riskAssessment: "grid operators may shed load wrongly", systemAltered: true, alteredAt: ago(DAY), authoritiesInformedAt: ago(DAY / 2) };
    expect((await gql(url, reports, record, { id: inc.id, i: facts })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await gql(url, writer, record, { id: inc.id, i: { ...facts, systemAltered: false } })).errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/^input\.alteredAt/) });
    const saved = ok(await gql(url, writer, record, { id: inc.id, i: facts })).recordIncidentInvestigation.investigation;
    expect(saved).toEqual({ startedAt: facts.startedAt, riskAssessment: facts.riskAssessment, systemAltered: true, alteredAt: facts.alteredAt, authoritiesInformedAt: facts.authoritiesInformedAt, recordedBy: "ops-team" });
    const doc = ok(await gql(url, reports, q, { id: inc.id })).incidentReport;
    const body = JSON.parse(doc.content);
    expect(body.sections[5].data).toMatchObject({ investigation: { riskAssessment: facts.riskAssessment, systemAltered: true }, alteredBeforeInforming: true });
    expect(body.findings).toContain("The system was altered before the authorities were informed (Art. 73(6))");
    expect(doc.missing.some((x: string) => /investigation missing|systemAltered missing/.test(x))).toBe(false);
    // A later record supersedes it (append-only, the latest is in force).
    const later = ok(await gql(url, writer, record, { id: inc.id, i: { startedAt: facts.startedAt, riskAssessment: "revised", systemAltered: false } })).recordIncidentInvestigation.investigation;
    expect(later).toMatchObject({ riskAssessment: "revised", systemAltered: false, alteredAt: null });
    expect(JSON.parse(ok(await gql(url, reports, q, { id: inc.id })).incidentReport.content).sections[5].data.alteredBeforeInforming).toBe(false);
  });
});

describe("Art. 73(1): one report per Member State authority concerned", () => {
  it("tracks each authority's initial report, refuses a Member State not concerned, and addresses the report to one authority", async () => {
    const inc = ok(await gql(url, writer, REPORT, { i: input(world.systemId, { category: "FUNDAMENTAL_RIGHTS", occurredAt: ago(30 * DAY), awareAt: ago(20 * DAY), memberStates: ["DE", "FR"] }) })).reportIncident;
    const submit = (ms: string, authority: string) =>
      gql(url, writer, `mutation($id: ID!, $at: DateTime!, $a: String!, $ms: String) { recordIncidentSubmission(incidentId: $id, kind: INITIAL, submittedAt: $at, authority: $a, memberState: $ms) { authorities { memberState initialSubmittedAt overdue } } }`, { id: inc.id, at: ago(19 * DAY), a: authority, ms });
    const after = ok(await submit("DE", "BNetzA")).recordIncidentSubmission;
    // Due 15 days after awareness: Germany got its report in time, France none.
    expect(after.authorities).toEqual([{ memberState: "DE", initialSubmittedAt: expect.stringMatching(/Z$/), overdue: false }, { memberState: "FR", initialSubmittedAt: null, overdue: true }]);
    const wrong = await submit("IT", "Garante");
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining("IT is not a Member State concerned") });
    const doc = (ms: string | null) => gql<{ incidentReport: { content: string; status: string } }>(url, reports, `query($id: ID!, $ms: String) { incidentReport(id: $id, format: JSON, memberState: $ms) { content status } }`, { id: inc.id, ms });
    const fr = JSON.parse(ok(await doc("FR")).incidentReport.content);
    expect(fr.findings).toContain(`No initial report was submitted to the authority of FR by ${inc.dueBy} (Art. 73(2)-(4))`);
    expect(fr.sections[6].data.submissions).toEqual([]);
    const de = JSON.parse(ok(await doc("DE")).incidentReport.content);
    expect(de.sections[6].data).toMatchObject({ overdue: false, submissions: [expect.objectContaining({ authority: "BNetzA", memberState: "DE" })] });
    const overview = JSON.parse(ok(await doc(null)).incidentReport.content);
    expect(overview.findings).toContain(`No initial report was submitted to the authority of FR by ${inc.dueBy} (Art. 73(1)-(4))`);
    expect((await doc("IT")).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("Art. 73 report: the parts of the reporting template", () => {
  it("per Member State, states the template's facts the graph records and lists those it lacks; persons affected and harm are validated, audited and revised by the investigation", async () => {
    const inc = ok(await gql(url, writer, REPORT, { i: input(world.systemId, { category: "FUNDAMENTAL_RIGHTS", memberStates: ["DE", "FR"], personsAffected: 12, decisionIds: [world.decisionIds[0]] }) })).reportIncident;
    expect(inc).toMatchObject({ personsAffected: 12, harm: null });
    const doc = async (ms: string) => ok(await gql<{ incidentReport: { content: string; missing: string[]; status: string } }>(url, reports, `query($id: ID!, $ms: String) { incidentReport(id: $id, format: JSON, memberState: $ms) { content missing status } }`, { id: inc.id, ms })).incidentReport;
    const fr = await doc("FR");
    const body = JSON.parse(fr.content);
    expect(body.schema).toBe("incident-report/2");
    expect(body.sections.map((s: { title: string }) => s.title)).toEqual(["Reporter and provider", "The AI system", "The incident", "Causal link and lineage", "Corrective actions", "Investigation and completion", "Submissions to the authorities"]);
    expect(body.sections[0].data).toMatchObject({ providerName: "GridCo", providerContact: null, reportedBy: "ops-team" });
    // Annex III point 2 registers nationally (Art. 49(5)): the report says so and asks no EU database number.
    expect(body.sections[1].data).toMatchObject({ systemId: world.systemId, annexIIIPoint: "2", euDatabaseRegistration: { expected: false, number: null, rule: expect.stringContaining("Art. 49(5)") }, modelVersionIds: [world.mvId] });
    expect(body.sections[2].data).toMatchObject({ category: "FUNDAMENTAL_RIGHTS", article: "3(49)(c)", occurredAt: inc.occurredAt, awareAt: inc.awareAt, memberStates: ["DE", "FR"], memberState: "FR", personsAffected: 12, harm: null });
    expect(fr.status).toBe("DRAFT");
    const lacks = (d: { missing: string[] }, field: string) => d.missing.some((m) => m.startsWith(`Incident ${inc.id}: ${field} missing`));
    expect(["harm", "causalLinkEstablishedAt", "awareParty", "submissions"].filter((f) => lacks(fr, f))).toEqual(["harm", "causalLinkEstablishedAt", "awareParty", "submissions"]);
    expect(lacks(fr, "personsAffected")).toBe(false);
    expect(fr.missing).toContainEqual(expect.stringMatching(new RegExp(`^AISystem ${world.systemId}: providerContact missing`)));

    const bad = await gql(url, writer, REPORT, { i: input(world.systemId, { personsAffected: -1 }) });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/^input\.personsAffected: must be a whole number/) });
    const record = `mutation($id: ID!, $i: IncidentInvestigationInput!) { recordIncidentInvestigation(incidentId: $id, input: $i) { personsAffected harm investigation { personsAffected harm } } }`;
    expect((await gql(url, writer, record, { id: inc.id, i: { startedAt: ago(DAY), harm: " " } })).errors?.[0].message).toMatch(/^input\.harm/);
    const harm = "credit refused to applicants by postcode";
    const revised = ok(await gql(url, writer, record, { id: inc.id, i: { startedAt: ago(DAY), personsAffected: 30, harm } })).recordIncidentInvestigation;
    expect(revised).toEqual({ personsAffected: 30, harm, investigation: { personsAffected: 30, harm } });
    const de = await doc("DE");
    expect(JSON.parse(de.content).sections[2].data).toMatchObject({ memberState: "DE", personsAffected: 30, harm });
    expect(lacks(de, "harm")).toBe(false);
    const admin = await token("auditor", "admin");
    const events = ok(await gql(url, admin, `query($s: String) { auditEvents(subject: $s, first: 50) { operation actor } }`, { s: inc.id })).auditEvents;
    expect(events).toEqual(expect.arrayContaining([{ operation: "reportIncident", actor: "ops-team" }, { operation: "recordIncidentInvestigation", actor: "ops-team" }]));
  });
});
