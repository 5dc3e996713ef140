import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadIncidentRegistry, loadIncidentReportFacts } from "../subgraphs/compliance/incidents/registry.js";
import { buildIncidentReport } from "../subgraphs/compliance/incidents/report.js";
import { connectTestDb, ctxFor, cypher, disconnect } from "./support/db.js";
import { uniq } from "./support/uniq.js";

// The registration the Art. 73 report names (Art. 49, 71), on real Neo4j: the provider's
// EU_DATABASE_REGISTRATION record before the profile's number, as the graph stood at asOf.
const withRecord = uniq("sys");
const profileOnly = uniq("sys");
const bare = uniq("sys");
const T1 = "2026-03-01T00:00:00.000Z";
const T2 = "2026-04-01T00:00:00.000Z";
const T3 = "2026-05-01T00:00:00.000Z";
const incident = uniq("inc");

beforeAll(async () => {
  connectTestDb();
  const profiles = [
    { id: uniq("cprof"), systemId: withRecord, seq: 1, euDatabaseRegistrationNumber: "PROFILE-1", annexIIIPoint: "5(b)", createdAt: T1 },
    { id: uniq("cprof"), systemId: profileOnly, seq: 1, euDatabaseRegistrationNumber: "PROFILE-OLD", createdAt: T1 },
    { id: uniq("cprof"), systemId: profileOnly, seq: 2, euDatabaseRegistrationNumber: "PROFILE-NEW", annexIIIPoint: "4(a)", createdAt: T3 },
  ];
  const records = [
    { id: uniq("evid"), systemId: withRecord, kind: "EU_DATABASE_REGISTRATION", role: "PROVIDER", performedAt: T2, reference: "EU-DB-0042", recordedBy: "alice", createdAt: T2 },
    // A deployer's registration of its use (Annex VIII Section C) is not the system's number.
    { id: uniq("evid"), systemId: withRecord, kind: "EU_DATABASE_REGISTRATION", role: "DEPLOYER", deploymentId: "dep_x", performedAt: T3, reference: "EU-DB-C-1", recordedBy: "bob", createdAt: T3 },
  ];
  await cypher("UNWIND $rows AS r CREATE (p:ComplianceProfile) SET p = r", { rows: profiles });
  await cypher("UNWIND $rows AS r CREATE (e:ComplianceEvidence) SET e = r", { rows: records });
  await cypher("CREATE (:AISystem {id: $s, name: 'credit', version: '1.0', providerName: 'Acme Bank', riskCategory: 'HIGH', annexIIIArea: 'ESSENTIAL_SERVICES'})", { s: withRecord });
  await cypher(`CREATE (:Incident {id: $i, systemId: $s, category: 'FUNDAMENTAL_RIGHTS', occurredAt: $t, awareAt: $t, deathInvolved: false, widespread: false, memberStates: ['DE'],
                description: 'loans refused by postcode', dueBy: '2026-05-16T00:00:00.000Z', deadlineDays: 15, deadlineRule: 'Art. 73(2)', reportedBy: 'ops', createdAt: $t})`, { i: incident, s: withRecord, t: T3 });
});
afterAll(async () => {
  await cypher("MATCH (n) WHERE (n:ComplianceProfile OR n:ComplianceEvidence OR n:Incident) AND n.systemId IN $ids DETACH DELETE n", { ids: [withRecord, profileOnly, bare] });
  await cypher("MATCH (s:AISystem {id: $s}) DETACH DELETE s", { s: withRecord });
  await disconnect();
});

describe("loadIncidentRegistry", () => {
  const ctx = ctxFor("reader");
  it("names the provider's registration record before the profile's number, with its source", async () => {
    expect(await loadIncidentRegistry(ctx, withRecord)).toEqual({ euDatabaseRegistrationNumber: "EU-DB-0042", registrationSource: expect.stringMatching(/^ComplianceEvidence evid.* recorded by alice at 2026-04-01/), annexIIIPoint: "5(b)" });
  });
  it("reads the graph as it stood at asOf: before the record, the profile's number", async () => {
    expect(await loadIncidentRegistry(ctx, withRecord, "2026-03-15T00:00:00.000Z")).toMatchObject({ euDatabaseRegistrationNumber: "PROFILE-1", registrationSource: `ComplianceProfile of ${withRecord}` });
    expect(await loadIncidentRegistry(ctx, profileOnly, "2026-03-15T00:00:00.000Z")).toMatchObject({ euDatabaseRegistrationNumber: "PROFILE-OLD", annexIIIPoint: null });
    expect(await loadIncidentRegistry(ctx, profileOnly)).toMatchObject({ euDatabaseRegistrationNumber: "PROFILE-NEW", annexIIIPoint: "4(a)" });
  });
  it("is not recorded (null) where the graph has nothing", async () => {
    expect(await loadIncidentRegistry(ctx, bare)).toEqual({ euDatabaseRegistrationNumber: null, registrationSource: null, annexIIIPoint: null });
  });
});

describe("the Art. 73 report built from loadIncidentReportFacts", () => {
  it("names the system's EU database registration number and its Annex III sub-point", async () => {
    const doc = buildIncidentReport(await loadIncidentReportFacts(ctxFor("reader"), incident), "2026-06-01T00:00:00.000Z", "DE");
    expect(doc.sections[1].data).toMatchObject({ annexIIIPoint: "5(b)", euDatabaseRegistration: { expected: true, number: "EU-DB-0042" } });
  });
});
