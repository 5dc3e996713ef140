import fs from "node:fs";
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../runtime/canonical.js";
import { query } from "../runtime/db.js";
import { approvalRecord } from "../subgraphs/approvals/index.js";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

// Alice registers lineage; Bob and Carol approve. Alice also holds approvals:decide, so only
// the four-eyes rule (not a missing scope) stops her from approving her own work.
let stack: Stack;
let alice: string;
let aliceDecides: string;
let bob: string;
let carol: string;
let admin: string;
let url: string;

beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
  alice = await token("alice", "lineage:write lineage:read");
  aliceDecides = await token("alice", "approvals:decide lineage:read");
  bob = await token("bob", "approvals:decide lineage:read");
  carol = await token("carol", "approvals:decide lineage:read");
  admin = await token("ops", "admin");
});
afterAll(() => stack?.stop());

const APPROVAL = `id subjectId subjectType decision approver rationale conditions decidedAt seq signature subjectDigest supersedes { id decision }`;
const DECIDE = `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { ${APPROVAL} } }`;
const MV_APPROVALS = `query($id: ID!, $at: DateTime) { modelVersion(id: $id) { id status approvals { id seq decision } approvalInForce(at: $at) { id decision } } }`;

type Approval = { id: string; subjectId: string; subjectType: string; decision: string; approver: string; rationale: string; conditions: string[]; decidedAt: string; seq: number; signature: string; subjectDigest: string | null; supersedes: { id: string; decision: string } | null };

/** The data of a response that must have succeeded. */

/** A fresh AI system, model and model version, registered by Alice. */
async function registerModelVersion() {
  const sys = ok(await gql(url, alice, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("triage"), version: "1", intendedPurpose: "prioritise patients", providerName: "Acme", riskCategory: "HIGH" },
  })).registerAISystem;
  const model = ok(await gql(url, alice, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "triage-net" } })).registerModel;
  const mv = ok(await gql(url, alice, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, {
    i: { modelId: model.id, version: "1.0.0", artifactDigest: `sha256:${"b".repeat(64)}` },
  })).registerModelVersion;
  return { systemId: sys.id as string, mvId: mv.id as string };
}

const decide = (bearer: string, i: Record<string, unknown>) => gql<{ decideApproval: Approval }>(url, bearer, DECIDE, { i });
const approve = async (bearer: string, subjectId: string, extra: Record<string, unknown> = {}) =>
  ok(await decide(bearer, { subjectId, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "validation report VR-7 reviewed", ...extra })).decideApproval;
const mvApprovals = async (id: string, at?: string) => ok(await gql(url, bob, MV_APPROVALS, { id, at })).modelVersion;

/** Audit events of one operation that name a subject: proves what a mutation wrote. */
async function auditCount(operation: string, subject: string): Promise<number> {
  const [row] = await query<{ n: number }>({ op: "test" }, {
    cypher: `MATCH (e:AuditEvent) WHERE e.operation = $operation AND $subject IN e.subjects RETURN count(e) AS n`,
    params: { operation, subject },
  });
  return row.n;
}

describe("decideApproval", () => {
  it("records another person's approval, and the model version's status follows it", async () => {
    const { mvId } = await registerModelVersion();
    expect((await mvApprovals(mvId)).status).toBe("REGISTERED");
    const a = await approve(bob, mvId, { rationale: "  bias audit passed  ", conditions: ["EU deployments only", " re-review in 6 months "] });
    expect(a).toMatchObject({
      subjectId: mvId, subjectType: "MODEL_VERSION", decision: "APPROVED", approver: "bob", rationale: "bias audit passed",
      conditions: ["EU deployments only", "re-review in 6 months"], seq: 1, supersedes: null,
    });
    expect(a.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const mv = await mvApprovals(mvId);
    expect(mv).toEqual({ id: mvId, status: "APPROVED", approvals: [{ id: a.id, seq: 1, decision: "APPROVED" }], approvalInForce: { id: a.id, decision: "APPROVED" } });
    const byId = ok(await gql(url, bob, `query($id: ID!) { approval(id: $id) { ${APPROVAL} } }`, { id: a.id })).approval;
    expect(byId).toEqual(a);
    expect(await auditCount("decideApproval", mvId)).toBe(1);
  });

  it("refuses the person who registered the subject (four-eyes), for any decision, and writes nothing", async () => {
    const { mvId } = await registerModelVersion();
    const own = await decide(aliceDecides, { subjectId: mvId, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "looks good to me" });
    expect(own.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(own.data?.decideApproval ?? null).toBeNull();
    expect((await mvApprovals(mvId)).approvals).toEqual([]);

    const a = await approve(bob, mvId);
    const revoke = await decide(aliceDecides, { subjectId: mvId, subjectType: "MODEL_VERSION", decision: "REVOKED", rationale: "changed my mind" });
    expect(revoke.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await mvApprovals(mvId)).toMatchObject({ status: "APPROVED", approvals: [{ id: a.id }] });
    expect(await auditCount("decideApproval", mvId)).toBe(1);
  });

  it("requires the approvals:decide scope", async () => {
    const { mvId } = await registerModelVersion();
    const res = await decide(alice, { subjectId: mvId, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "ok" });
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await mvApprovals(mvId)).approvals).toEqual([]);
  });

  it("refuses invalid input with BAD_USER_INPUT naming the field, and writes nothing", async () => {
    const { mvId } = await registerModelVersion();
    const base = { subjectId: mvId, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "fine" };
    const cases: [Record<string, unknown>, string][] = [
      [{ rationale: "   " }, "input.rationale"],
      [{ rationale: "x".repeat(4001) }, "input.rationale"],
      [{ conditions: Array.from({ length: 51 }, (_, i) => `condition ${i}`) }, "input.conditions"],
      [{ conditions: ["ok", " "] }, "input.conditions[1]"],
      [{ decision: "REVOKED" }, "input.decision"], // nothing approved yet, so nothing to revoke
    ];
    for (const [change, field] of cases) {
      const res = await decide(bob, { ...base, ...change });
      expect(res.errors?.[0].extensions?.code, field).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0].message).toContain(field);
    }
    expect((await mvApprovals(mvId)).approvals).toEqual([]);
    expect(await auditCount("decideApproval", mvId)).toBe(0);
  });

  it("answers NOT_FOUND for a subject that does not exist with the given type", async () => {
    const { mvId } = await registerModelVersion();
    const missing = await decide(bob, { subjectId: "mv_does_not_exist", subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "ok" });
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const wrongType = await decide(bob, { subjectId: mvId, subjectType: "DEPLOYMENT", decision: "APPROVED", rationale: "ok" });
    expect(wrongType.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await mvApprovals(mvId)).approvals).toEqual([]);
  });

  it("revokes: the revocation supersedes the approval, and approvalInForce answers as of any time", async () => {
    const { mvId } = await registerModelVersion();
    const before = new Date(Date.now() - 1000).toISOString();
    const a = await approve(bob, mvId);
    await new Promise((r) => setTimeout(r, 5)); // two distinct decision times
    const r = ok(await decide(carol, { subjectId: mvId, subjectType: "MODEL_VERSION", decision: "REVOKED", rationale: "drift found in production" })).decideApproval;
    expect(r).toMatchObject({ decision: "REVOKED", approver: "carol", seq: 2, supersedes: { id: a.id, decision: "APPROVED" } });
    expect(r.decidedAt > a.decidedAt).toBe(true);

    const now = await mvApprovals(mvId);
    expect(now.status).toBe("REVOKED");
    expect(now.approvals.map((x: { id: string }) => x.id)).toEqual([a.id, r.id]);
    expect(now.approvalInForce).toEqual({ id: r.id, decision: "REVOKED" });
    expect((await mvApprovals(mvId, a.decidedAt)).approvalInForce).toEqual({ id: a.id, decision: "APPROVED" });
    expect((await mvApprovals(mvId, before)).approvalInForce).toBeNull();

    const links = await query<{ superseded: string; subject: string }>({ op: "test" }, {
      cypher: `MATCH (r:Approval {id: $id})-[:SUPERSEDES]->(p:Approval), (r)-[:APPROVES]->(s:ModelVersion) RETURN p.id AS superseded, s.id AS subject`,
      params: { id: r.id },
    });
    expect(links).toEqual([{ superseded: a.id, subject: mvId }]);
    // A revocation needs an approval in force: a second one is refused.
    const again = await decide(bob, { subjectId: mvId, subjectType: "MODEL_VERSION", decision: "REVOKED", rationale: "again" });
    expect(again.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("stores one approval for 20 identical decisions sent at once, with one audit event", async () => {
    const { mvId } = await registerModelVersion();
    const input = { subjectId: mvId, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: "release board 2026-03", conditions: ["monitor weekly"] };
    const results = await Promise.all(Array.from({ length: 20 }, () => decide(bob, input)));
    for (const res of results) expect(res.errors).toBeUndefined();
    const ids = new Set(results.map((res) => res.data!.decideApproval.id));
    expect(ids.size).toBe(1);
    expect((await mvApprovals(mvId)).approvals).toHaveLength(1);
    expect(await auditCount("decideApproval", mvId)).toBe(1);
  });

  it("serialises different decisions on one subject: seq 1..n, one supersedes chain", async () => {
    const { mvId } = await registerModelVersion();
    const n = 10;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => decide(bob, { subjectId: mvId, subjectType: "MODEL_VERSION", decision: "APPROVED", rationale: `review ${i}` })));
    for (const res of results) expect(res.errors).toBeUndefined();
    const all = results.map((res) => res.data!.decideApproval).sort((x, y) => x.seq - y.seq);
    expect(all.map((x) => x.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    all.forEach((x, i) => expect(x.supersedes?.id ?? null).toBe(i === 0 ? null : all[i - 1].id));
    expect((await mvApprovals(mvId)).approvals.map((x: { id: string }) => x.id)).toEqual(all.map((x) => x.id));
  });

  it("signs each approval: verifiable with nothing but the gateway's JWKS, and tampering fails", async () => {
    const { mvId } = await registerModelVersion();
    const first = await approve(bob, mvId);
    const a = await approve(carol, mvId, { conditions: ["human review of every refusal"] });

    const res = await fetch(new URL("/.well-known/jwks.json", url));
    expect(res.status).toBe(200);
    const jwks = createLocalJWKSet((await res.json()) as JSONWebKeySet);
    const { payload, protectedHeader } = await compactVerify(a.signature, jwks);
    expect(protectedHeader).toMatchObject({ alg: "EdDSA", typ: "approval+jws" });
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({
      id: a.id, subjectId: mvId, subjectType: "MODEL_VERSION", decision: "APPROVED", approver: "carol",
      rationale: a.rationale, conditions: ["human review of every refusal"], decidedAt: a.decidedAt, supersedesId: first.id,
      subjectDigest: a.subjectDigest,
    });
    // What was decided on (the subject's facts), signed: unchanged since, so both decisions carry the same digest.
    expect(a.subjectDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.subjectDigest).toBe(first.subjectDigest);
    // The payload is byte for byte the canonical record a verifier rebuilds from the API's fields.
    expect(new TextDecoder().decode(payload)).toBe(canonicalJson(approvalRecord(a)));

    const [header, body, sig] = a.signature.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), decision: "REJECTED" })).toString("base64url");
    await expect(compactVerify(`${header}.${forged}.${sig}`, jwks)).rejects.toThrow();
    const flipped = `${sig.slice(0, 10)}${sig[10] === "A" ? "B" : "A"}${sig.slice(11)}`;
    await expect(compactVerify(`${header}.${body}.${flipped}`, jwks)).rejects.toThrow();
    expect(decodeProtectedHeader(first.signature).kid).toBe(protectedHeader.kid);
  });

  it("approves a deployment, shown on the deployment through the gateway", async () => {
    const { mvId } = await registerModelVersion();
    const site = ok(await gql(url, admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("site"), country: "DE", kind: "ON_PREM" } })).registerSite;
    const depInput = { modelVersionId: mvId, siteId: site.id, environment: "production", startedAt: "2026-02-01T00:00:00Z" };
    const DEP = `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id approvals { id } approvalInForce { id decision approver } } }`;
    const dep = ok(await gql(url, alice, DEP, { i: depInput })).recordDeployment;
    expect(dep.approvals).toEqual([]);
    const own = await decide(aliceDecides, { subjectId: dep.id, subjectType: "DEPLOYMENT", decision: "APPROVED", rationale: "ok" });
    expect(own.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const a = ok(await decide(bob, { subjectId: dep.id, subjectType: "DEPLOYMENT", decision: "REJECTED", rationale: "no human oversight at this site" })).decideApproval;
    const again = ok(await gql(url, alice, DEP, { i: depInput })).recordDeployment; // idempotent replay reads it back
    expect(again).toEqual({ id: dep.id, approvals: [{ id: a.id }], approvalInForce: { id: a.id, decision: "REJECTED", approver: "bob" } });
  });

  it.skipIf(!fs.existsSync("subgraphs/datasets/index.ts"))("approves a dataset version registered by someone else", async () => {
    const ds = ok(await gql(url, alice, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: uniq("claims") } })).registerDataset;
    const dv = ok(await gql(url, alice, `mutation($i: RegisterDatasetVersionInput!) { registerDatasetVersion(input: $i) { id } }`, {
      i: { datasetId: ds.id, version: "2026-01", contentDigest: `sha256:${"c".repeat(64)}`, provenance: "claims system export", containsPersonalData: true, jurisdiction: "DE" },
    })).registerDatasetVersion;
    const own = await decide(aliceDecides, { subjectId: dv.id, subjectType: "DATASET_VERSION", decision: "APPROVED", rationale: "ok" });
    expect(own.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const a = ok(await decide(bob, { subjectId: dv.id, subjectType: "DATASET_VERSION", decision: "APPROVED", rationale: "DPIA on file" })).decideApproval;
    const read = ok(await gql(url, bob, `query($id: ID!) { datasetVersion(id: $id) { id version approvals { id } approvalInForce { id decision } } }`, { id: dv.id })).datasetVersion;
    expect(read).toEqual({ id: dv.id, version: "2026-01", approvals: [{ id: a.id }], approvalInForce: { id: a.id, decision: "APPROVED" } });
  });
});

describe("recordRiskAssessment", () => {
  const RECORD = `mutation($i: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $i) { id subjectId subjectType hazard affectedPersons foreseeableMisuse estimate mitigation residualRisk assessedBy createdAt } }`;

  it("records assessments on a system and a model version, listed on each through the gateway", async () => {
    const { systemId, mvId } = await registerModelVersion();
    const input = {
      subjectId: systemId, subjectType: "AI_SYSTEM", hazard: "under-triage of elderly patients", affectedPersons: "patients over 75",
      foreseeableMisuse: "used as the sole triage decision", estimate: "likely, severe", mitigation: "nurse confirms every low-priority result", residualRisk: "LOW",
    };
    const r = ok(await gql(url, alice, RECORD, { i: input })).recordRiskAssessment;
    expect(r).toMatchObject({ ...input, assessedBy: "alice" });
    const replay = ok(await gql(url, alice, RECORD, { i: input })).recordRiskAssessment;
    expect(replay.id).toBe(r.id);
    const onMv = ok(await gql(url, alice, RECORD, { i: { ...input, subjectId: mvId, subjectType: "MODEL_VERSION", foreseeableMisuse: null, estimate: null } })).recordRiskAssessment;

    const sys = ok(await gql(url, bob, `query($id: ID!) { aiSystem(id: $id) { id name riskAssessments { id hazard residualRisk assessedBy } } }`, { id: systemId })).aiSystem;
    expect(sys.riskAssessments).toEqual([{ id: r.id, hazard: input.hazard, residualRisk: "LOW", assessedBy: "alice" }]);
    const mv = ok(await gql(url, bob, `query($id: ID!) { modelVersion(id: $id) { riskAssessments { id foreseeableMisuse } } }`, { id: mvId })).modelVersion;
    expect(mv.riskAssessments).toEqual([{ id: onMv.id, foreseeableMisuse: null }]);
    expect(await auditCount("recordRiskAssessment", systemId)).toBe(1);
  });

  it("refuses an empty hazard and an unknown subject", async () => {
    const { systemId } = await registerModelVersion();
    const base = { subjectId: systemId, subjectType: "AI_SYSTEM", hazard: "h", affectedPersons: "p", mitigation: "m", residualRisk: "LOW" };
    const empty = await gql(url, alice, RECORD, { i: { ...base, hazard: " " } });
    expect(empty.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(empty.errors?.[0].message).toContain("input.hazard");
    const missing = await gql(url, alice, RECORD, { i: { ...base, subjectId: "sys_nope" } });
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const sys = ok(await gql(url, bob, `query($id: ID!) { aiSystem(id: $id) { riskAssessments { id } } }`, { id: systemId })).aiSystem;
    expect(sys.riskAssessments).toEqual([]);
  });
});
