import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../runtime/canonical.js";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

// Alice (provider) registers a credit-scoring system and flags a prohibited practice; Carol, the
// compliance tooling, reads the obligations table as a signed document.
let stack: Stack;
let url: string;
let alice: string;
let carol: string;
let systemId: string;

type Doc = { format: string; content: string; digest: string; signature: string; schema: string; subjectId: string; generatedAt: string; status: string; blockers: string[]; missing: string[]; asOf: string | null };
const FIELDS = "format content digest signature schema subjectId generatedAt status blockers missing asOf";
const report = async (vars: { role?: string; asOf?: string | null; format?: string }, bearer = carol) =>
  gql<{ obligationsReport: Doc }>(url, bearer, `query($id: ID!, $r: OperatorRole, $at: DateTime, $f: DocumentFormat) { obligationsReport(systemId: $id, role: $r, asOf: $at, format: $f) { ${FIELDS} } }`, { id: systemId, r: vars.role, at: vars.asOf ?? null, f: vars.format });
const doc = async (vars: Parameters<typeof report>[0]) => ok(await report(vars)).obligationsReport;
const evidence = (kind: string) =>
  gql(url, alice, `mutation($id: ID!, $i: ComplianceEvidenceInput!) { recordComplianceEvidence(systemId: $id, input: $i) { id } }`, {
    id: systemId, i: { kind, role: "PROVIDER", performedAt: new Date(Date.now() - 60_000).toISOString(), performedBy: "J. Doe", reference: `${kind}-1` },
  });

beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
  [alice, carol] = await Promise.all([token("alice", "lineage:write lineage:read"), token("carol", "reports:read lineage:read")]);
  systemId = ok(await gql(url, alice, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("credit"), version: "1.0", intendedPurpose: "score consumer loan applications", providerName: "Acme Bank", providerContact: "ai@acme.example", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES" },
  })).registerAISystem.id;
  ok(await gql(url, alice, `mutation($id: ID!, $i: SystemComplianceInput!) { recordSystemCompliance(systemId: $id, input: $i) { seq } }`, {
    id: systemId, i: { exemptionClaimed: false, profilesPeople: true, annexIIIPoint: "5(b)", transparencyTriggers: [], prohibitedPractices: ["SOCIAL_SCORING"], annexISafetyComponent: false },
  }));
});
afterAll(() => stack?.stop());

describe("obligationsReport: the obligations table as a signed document", () => {
  it("is signed over its digest with the key published at /.well-known/jwks.json, in every format", async () => {
    const jwks = createLocalJWKSet((await (await fetch(new URL("/.well-known/jwks.json", url))).json()) as JSONWebKeySet);
    for (const format of ["MARKDOWN", "HTML", "JSON"]) {
      const d = await doc({ format });
      expect(d).toMatchObject({ format, schema: "obligations/1", subjectId: systemId, asOf: null });
      expect(d.digest).toBe(`sha256:${sha256Hex(d.content)}`);
      const { payload } = await compactVerify(d.signature, jwks);
      expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ digest: d.digest, format, schema: "obligations/1", subjectId: systemId });
    }
    const md = await doc({});
    expect(md.format).toBe("MARKDOWN");
    expect(md.content).toMatch(/^\| Art\. 5 \| .* \| PROVIDER \| 2025-02-02 \| yes \| UNMET \|/m);
  });

  it("a failing obligation in force is a blocker: DRAFT, naming the article and why; an unrecorded one is missing", async () => {
    const d = await doc({ format: "JSON" });
    expect(d.status).toBe("DRAFT");
    expect(d.blockers[0]).toMatch(/^Art\. 5 \(.*\) is UNMET: .*SOCIAL_SCORING/);
    // Art. 4 (AI literacy) applies since 2 Feb 2025 and no record shows it: the evidence record is missing.
    expect(d.missing).toContainEqual(expect.stringMatching(new RegExp(`^ComplianceEvidence ${systemId}: Art\\. 4 missing`)));
    const body = JSON.parse(d.content);
    expect(body).toMatchObject({ schema: "obligations/1", status: "DRAFT", blockers: d.blockers });
    // Chapter III applies to this Annex III system from 2 Dec 2027: listed, not in force, blocking nothing.
    expect(body.sections[1].data.obligations).toContainEqual(expect.objectContaining({ article: "Art. 9", appliesFrom: "2027-12-02", inForce: false }));
    expect(d.blockers.some((b) => b.startsWith("Art. 9"))).toBe(false);
    const deployer = JSON.parse((await doc({ role: "DEPLOYER", format: "JSON" })).content);
    expect(deployer.sections[0].data).toMatchObject({ role: "DEPLOYER" });
  });

  it("is the same bytes and signature for the same asOf, whatever is recorded later", async () => {
    const asOf = new Date(Date.now() - 1000).toISOString();
    const first = await doc({ asOf });
    expect(first).toMatchObject({ asOf, generatedAt: asOf });
    ok(await evidence("AI_LITERACY"));
    const again = await doc({ asOf });
    expect(again.content).toBe(first.content);
    expect(again.signature).toBe(first.signature);
    const now = await doc({ format: "JSON" });
    expect(now.missing.some((m) => m.includes(": Art. 4 missing"))).toBe(false);
    expect(JSON.parse(now.content).sections[0].data.obligations).toContainEqual(expect.objectContaining({ article: "Art. 4", status: "MET" }));
  });

  it("needs reports:read and names an unknown system", async () => {
    expect((await report({}, alice)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const unknown = await gql(url, carol, `query { obligationsReport(systemId: "sys_nope") { digest } }`, {});
    expect(unknown.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });
});
