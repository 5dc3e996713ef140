import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, LOG_COLUMNS } from "../subgraphs/compliance/docs/log-format.js";
import type { Stack } from "../launcher/stack.js";
import { ok, gql, startTestStack, token, uniq } from "./support/stack.js";

let stack: Stack;
let base: string;
let writer: string;
let reports: string;
let reader: string;

const PER_VERSION = 1500;
const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const exportUrl = (q: Record<string, string>) => `${base}/exports/decisions?${new URLSearchParams(q)}`;
const get = (q: Record<string, string>, bearer: string | null = reports, signal?: AbortSignal) =>
  fetch(exportUrl(q), { headers: bearer ? { authorization: `Bearer ${bearer}` } : {}, signal });

let systemId: string;
let mvs: string[];
let overridden: string;

/** Two model versions whose decisions interleave in time, a deployment, and two human reviews. */
async function seed() {
  const m = async (bearer: string, q: string, v: Record<string, unknown>) => ok(await gql(stack.gateway.url, bearer, q, v));
  const sys = (await m(writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name: uniq("fraud-check"), version: "3", intendedPurpose: "flag fraudulent payments", providerName: "PayCo", riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES" },
  })).registerAISystem;
  // The retention in force when the records are written: 12 months (financial-services practice, longer than Art. 19(1)'s 6).
  await m(writer, `mutation($id: ID!) { recordSystemCompliance(systemId: $id, input: { logRetentionMonths: 12 }) { seq } }`, { id: sys.id });
  const model = (await m(writer, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys.id, name: "detector" } })).registerModel;
  const versions: string[] = [];
  for (const v of ["1", "2"]) {
    versions.push((await m(writer, `mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model.id, version: v, artifactDigest: `sha256:${v.repeat(64)}` } })).registerModelVersion.id);
  }
  const admin = await token("ops", "admin");
  const site = (await m(admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("par"), country: "FR", sovereigntyZone: "EU", kind: "CLOUD" } })).registerSite;
  const dep: { id: string } = (await m(writer, `mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { id } }`, { i: { modelVersionId: versions[0], siteId: site.id, environment: "production", startedAt: at(-60) } })).recordDeployment;
  for (const [n, mv] of versions.entries()) {
    const decisions = Array.from({ length: PER_VERSION }, (_, i) => ({
      id: `${sys.id}-${n}-${String(i).padStart(5, "0")}`, modelVersionId: mv, deploymentId: n === 0 ? dep.id : null, occurredAt: at(2 * i + n),
      inputDigest: `sha256:${"e".repeat(64)}`, output: { fraud: i % 7 === 0, score: (i % 100) / 100 }, confidence: 0.5 + (i % 50) / 100, explanation: i % 10 === 0 ? "velocity, new device" : null,
    }));
    expect((await m(writer, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, { d: decisions })).recordDecisions.accepted).toBe(PER_VERSION);
  }
  const reviewer = await token("analyst-1", "lineage:write");
  const review = `mutation($i: RecordDecisionReviewInput!) { recordDecisionReview(input: $i) { id } }`;
  const first = `${sys.id}-0-00000`;
  await m(reviewer, review, { i: { decisionId: first, outcome: "CONFIRMED", note: "looks right" } });
  // A second person verifies the same decision (Art. 14(5)): the log keeps both reviews.
  await m(await token("analyst-2", "lineage:write"), review, { i: { decisionId: first, outcome: "CONFIRMED", note: "agreed" } });
  overridden = `${sys.id}-1-00003`;
  await m(reviewer, review, { i: { decisionId: overridden, outcome: "OVERRIDDEN", note: "known customer", overrideOutput: { fraud: false } } });
  // A longer period recorded after the records were written does not move their retainUntil (Art. 19(1)).
  await m(writer, `mutation($id: ID!) { recordSystemCompliance(systemId: $id, input: { logRetentionMonths: 120 }) { seq } }`, { id: sys.id });
  systemId = sys.id;
  deploymentId = dep.id;
  mvs = versions;
}

let deploymentId: string;

beforeAll(async () => {
  stack = await startTestStack();
  base = new URL(stack.gateway.url).origin;
  [writer, reports, reader] = await Promise.all([token("pipeline", "lineage:write lineage:read"), token("auditor", "reports:read"), token("frontend", "lineage:read")]);
  await seed();
});
afterAll(() => stack?.stop());

const FULL = () => ({ systemId, from: at(-1), to: at(10 * PER_VERSION) });

describe("GET /exports/decisions", () => {
  it("streams every decision as JSON Lines, oldest first across model versions, with review and retainUntil", async () => {
    const res = await get({ ...FULL(), format: "jsonl" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="decisions-.*\.jsonl"/);
    const lines = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2 * PER_VERSION);
    expect(Object.keys(lines[0])).toEqual(LOG_COLUMNS);
    for (let i = 1; i < lines.length; i++) expect(lines[i - 1].occurredAt < lines[i].occurredAt).toBe(true);
    expect(lines.slice(0, 4).map((l) => l.modelVersionId)).toEqual([mvs[0], mvs[1], mvs[0], mvs[1]]);
    expect(lines[0]).toMatchObject({ systemId, modelVersion: "detector 1", reviewOutcome: "CONFIRMED", reviewer: "analyst-2", overridden: false, reviewCount: 2 });
    expect(lines[0].reviews.map((r: { reviewer: string; note: string }) => [r.reviewer, r.note])).toEqual([["analyst-1", "looks right"], ["analyst-2", "agreed"]]);
    expect(lines[0].deploymentId).toBeTruthy();
    for (const l of lines) expect(l.retainUntil).toBe(addMonths(l.occurredAt, 12));
    expect(lines.find((l) => l.decisionId === overridden)).toMatchObject({ overridden: true, overrideOutput: { fraud: false }, reviewOutcome: "OVERRIDDEN", output: { fraud: false, score: 0.03 } });
  });

  it("streams the same records as CSV, and only those in [from, to)", async () => {
    const res = await get({ systemId, from: at(100), to: at(200), format: "csv" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = (await res.text()).split("\r\n").filter(Boolean);
    expect(rows[0]).toBe(LOG_COLUMNS.join(","));
    expect(rows).toHaveLength(1 + 100);
    expect(rows[1].split(",").slice(0, 2)).toEqual([`${systemId}-0-00050`, at(100)]);
  });

  it("answers 401 without a valid token, 403 without reports:read, 400 on bad input, 404 on unknown ids", async () => {
    const status = async (q: Record<string, string>, bearer: string | null = reports, path?: string) =>
      (path ? await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${reports}` } }) : await get(q, bearer)).status;
    expect(await status(FULL(), null)).toBe(401);
    expect(await status(FULL(), "not.a.token")).toBe(401);
    expect(await status(FULL(), reader)).toBe(403);
    const forbidden = await get(FULL(), reader);
    expect(await forbidden.json()).toEqual({ error: { code: "FORBIDDEN", message: "exports require the scope reports:read" } });
    expect(await status({ ...FULL(), from: "yesterday" })).toBe(400);
    expect(await status({ ...FULL(), to: at(-10) })).toBe(400);
    expect(await status({ ...FULL(), format: "xml" })).toBe(400);
    expect(await status({ ...FULL(), systemId: "sys_unknown" })).toBe(404);
    expect(await status({}, reports, "/exports/nothing")).toBe(404);
  });

  it("stops cleanly when the client goes away, and keeps serving", async () => {
    // More abandoned exports than may run at once: a leaked slot would make the last request a 429.
    for (let n = 0; n < 6; n++) {
      const abort = new AbortController();
      const res = await get({ ...FULL(), format: "jsonl" }, reports, abort.signal);
      const reader = res.body!.getReader();
      await reader.read();
      abort.abort();
      await reader.closed.catch(() => undefined);
    }
    // The service learns of each abandonment asynchronously (the close travels client -> gateway ->
    // service): a 429 may come while the last ones wind down, as a client would retry it. A leaked
    // slot never frees, so the retries run out and the test fails.
    let res = await get({ ...FULL(), format: "csv" });
    for (let tries = 0; res.status === 429 && tries < 50; tries++) {
      await res.body?.cancel();
      await new Promise((r) => setTimeout(r, 100));
      res = await get({ ...FULL(), format: "csv" });
    }
    expect(res.status).toBe(200);
    expect((await res.text()).split("\r\n").filter(Boolean)).toHaveLength(1 + 2 * PER_VERSION);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});

describe("logExtract (GraphQL, small ranges)", () => {
  it("pages through the same records in the same order", async () => {
    const q = `query($s: ID!, $from: DateTime!, $to: DateTime!, $after: String) {
      logExtract(systemId: $s, from: $from, to: $to, first: 500, after: $after) { retentionMonths nextCursor records { decisionId occurredAt modelVersion { id } overridden retainUntil } } }`;
    const seen: { decisionId: string; occurredAt: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const r: { logExtract: { retentionMonths: number; nextCursor: string | null; records: { decisionId: string; occurredAt: string }[] } } =
        ok(await gql(stack.gateway.url, reports, q, { s: systemId, from: at(-1), to: at(10 * PER_VERSION), after }));
      expect(r.logExtract.retentionMonths).toBe(120); // the policy in force now; each record keeps the one of its writing
      seen.push(...r.logExtract.records);
      after = r.logExtract.nextCursor;
      if (!after) break;
    }
    expect(seen).toHaveLength(2 * PER_VERSION);
    expect(new Set(seen.map((s) => s.decisionId)).size).toBe(2 * PER_VERSION);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1].occurredAt < seen[i].occurredAt).toBe(true);
    const denied = await gql(stack.gateway.url, reader, q, { s: systemId, from: at(-1), to: at(1) });
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("endDeployment: the period of use (Art. 12(3)(a), 26(6))", () => {
  it("ends a deployment once, with an audit event, and refuses what does not fit", async () => {
    const end = `mutation($id: ID!, $at: DateTime!) { endDeployment(deploymentId: $id, endedAt: $at) { id startedAt endedAt } }`;
    const bad = await gql(stack.gateway.url, writer, end, { id: deploymentId, at: at(-120) });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/^endedAt: must not be before/) });
    expect((await gql(stack.gateway.url, reports, end, { id: deploymentId, at: at(10 * PER_VERSION) })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await gql(stack.gateway.url, writer, end, { id: "dep_nope", at: at(1) })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const endedAt = at(10 * PER_VERSION);
    const ended = ok(await gql(stack.gateway.url, writer, end, { id: deploymentId, at: endedAt })).endDeployment;
    expect(ended).toMatchObject({ id: deploymentId, endedAt });
    expect(ok(await gql(stack.gateway.url, writer, end, { id: deploymentId, at: endedAt })).endDeployment.endedAt).toBe(endedAt);
    expect((await gql(stack.gateway.url, writer, end, { id: deploymentId, at: at(10 * PER_VERSION + 1) })).errors?.[0].extensions?.code).toBe("CONFLICT");
    const auditor = await token("auditor-2", "audit:read");
    const audit = ok(await gql(stack.gateway.url, auditor, `query($s: String) { auditEvents(subject: $s, first: 500) { operation actor } }`, { s: deploymentId })).auditEvents;
    expect(audit.filter((e: { operation: string }) => e.operation === "endDeployment")).toEqual([{ operation: "endDeployment", actor: "pipeline" }]);
  });
});
