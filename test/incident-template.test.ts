import "reflect-metadata"; // before any decorated (type-graphql) class loads
import { describe, expect, it } from "vitest";
import { score } from "../subgraphs/compliance/docs/model.js";
import { buildIncidentReport, INCIDENT_SCHEMA, type IncidentFacts } from "../subgraphs/compliance/incidents/report.js";
import { annexIIIPointOf, expectsEuRegistration, latestStated, TEMPLATE_PARTS } from "../subgraphs/compliance/incidents/template.js";

const AT = "2026-06-20T00:00:00.000Z";

/** An incident as the store holds it: reported by ops, aware 2026-06-02, DE and FR concerned. */
function facts(over: { incident?: Record<string, unknown>; updates?: Record<string, unknown>[]; system?: Record<string, unknown> } = {}): IncidentFacts {
  return {
    incident: {
      id: "inc_1", systemId: "sys_1", category: "FUNDAMENTAL_RIGHTS", occurredAt: "2026-06-01T00:00:00.000Z", awareAt: "2026-06-02T00:00:00.000Z",
      deathInvolved: false, widespread: false, memberStates: ["DE", "FR"], description: "loans refused by postcode", decisionIds: [], modelVersionIds: [],
      dueBy: "2026-06-17T00:00:00.000Z", deadlineDays: 15, deadlineRule: "Art. 73(2)", reportedBy: "ops", createdAt: "2026-06-02T01:00:00.000Z",
      ...over.incident, updates: over.updates ?? [],
    },
    system: { id: "sys_1", name: "credit", version: "1.0", providerName: "Acme Bank", providerContact: "ai@acme.example", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES", ...over.system },
    decisions: [], versions: [], deployments: [],
  };
}

const missingFields = (doc: ReturnType<typeof buildIncidentReport>) => score(doc).missing.map((m) => m.field);

describe("the Art. 73 report in the parts of the reporting template", () => {
  it("has one section per template part, in order, and the JSON schema incident-report/2", () => {
    const doc = buildIncidentReport(facts(), AT);
    expect(doc.schema).toBe(INCIDENT_SCHEMA);
    expect(INCIDENT_SCHEMA).toBe("incident-report/2");
    expect(doc.sections.map((s) => `${s.number} ${s.title}`)).toEqual(TEMPLATE_PARTS.map((p) => `${p.number} ${p.title}`));
  });

  it("lists every template fact the graph lacks as missing, never a default (Art. 3(49), 49, 73)", () => {
    const doc = buildIncidentReport(facts(), AT, "FR");
    expect(missingFields(doc)).toEqual(expect.arrayContaining(["awareParty", "euDatabaseRegistrationNumber", "personsAffected", "harm", "causalLinkEstablishedAt", "submissions"]));
    const incident = doc.sections[2].data;
    expect(incident).toMatchObject({ personsAffected: null, harm: null, memberState: "FR", article: "3(49)(c)" });
    expect(doc.sections[1].data).toMatchObject({ annexIIIPoint: "5", euDatabaseRegistration: { expected: true, number: null } });
  });

  it("states the recorded facts: registration number and its source, sub-point, persons affected and harm", () => {
    const f = { ...facts({ incident: { personsAffected: 40, harm: "credit refused" }, system: {} }), registry: { euDatabaseRegistrationNumber: "EU-HR-0042", registrationSource: "ComplianceEvidence evid_1 recorded by alice", annexIIIPoint: "5(b)" } };
    const doc = buildIncidentReport(f, AT, "DE");
    expect(doc.sections[1].data).toMatchObject({ annexIIIPoint: "5(b)", euDatabaseRegistration: { expected: true, number: "EU-HR-0042", source: expect.stringContaining("evid_1") } });
    expect(doc.sections[2].data).toMatchObject({ personsAffected: 40, harm: "credit refused" });
    expect(missingFields(doc)).not.toEqual(expect.arrayContaining(["euDatabaseRegistrationNumber", "personsAffected", "harm"]));
  });

  it("a later investigation's figures supersede the report's (Art. 73(6))", () => {
    const inv = (n: number | null, at: string) => ({ id: `inci_${at}`, kind: "INVESTIGATION", startedAt: "2026-06-03T00:00:00.000Z", personsAffected: n, recordedBy: "ops", createdAt: at });
    const doc = buildIncidentReport(facts({ incident: { personsAffected: 40 }, updates: [inv(120, "2026-06-05T00:00:00.000Z"), inv(null, "2026-06-06T00:00:00.000Z")] }), AT);
    expect(doc.sections[2].data.personsAffected).toBe(120);
  });
});

describe("template rules", () => {
  it("Art. 49(1), 71: an Annex III system names its EU database registration; point 2 registers nationally (Art. 49(5))", () => {
    expect(expectsEuRegistration("EMPLOYMENT")).toMatchObject({ expected: true, reason: expect.stringContaining("Art. 49(1)") });
    expect(expectsEuRegistration("CRITICAL_INFRASTRUCTURE")).toMatchObject({ expected: false, reason: expect.stringContaining("Art. 49(5)") });
    // Without a recorded area the question is open: nothing is asked, nothing is asserted.
    expect(expectsEuRegistration(null)).toMatchObject({ expected: false, reason: expect.stringContaining("not established") });
  });

  it("Annex III point: the recorded sub-point where it belongs to the area, else the area's point", () => {
    expect(annexIIIPointOf("ESSENTIAL_SERVICES", "5(b)")).toBe("5(b)");
    expect(annexIIIPointOf("ESSENTIAL_SERVICES", "4(a)")).toBe("5");
    expect(annexIIIPointOf("BIOMETRICS", null)).toBe("1");
    expect(annexIIIPointOf(null, "5(b)")).toBeNull();
  });

  it("a fact is the latest stated, else the initial one, else not recorded (null)", () => {
    expect(latestStated(3, [null, 7, undefined])).toBe(7);
    expect(latestStated(3, [null])).toBe(3);
    expect(latestStated<number>(undefined, [])).toBeNull();
    expect(latestStated(0, [])).toBe(0);
  });

  it("the Annex III point 2 report states the national route instead of asking for an EU number", () => {
    const doc = buildIncidentReport(facts({ system: { annexIIIArea: "CRITICAL_INFRASTRUCTURE" } }), AT);
    expect(missingFields(doc)).not.toContain("euDatabaseRegistrationNumber");
    expect(doc.sections[1].data).toMatchObject({ annexIIIPoint: "2", euDatabaseRegistration: { expected: false, number: null, rule: expect.stringContaining("Art. 49(5)") } });
  });
});
