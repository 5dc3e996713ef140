import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed, type Identity, type SeedOptions, type SeedSummary } from "../tools/seed/index.js";
import type { Stack } from "../launcher/stack.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

// The seed's library function at a tiny scale, through the real gateway; the prefix keeps this
// world apart from any other test's, and re-running with the same prefix must change nothing.
const DECISIONS = 120;
const prefix = `${uniq("seed")}-`;

let stack: Stack;
let reader: string;
let first: SeedSummary;

const options = (): SeedOptions => ({
  url: stack.gateway.url,
  tokens: (who: Identity) => token(who.sub, who.scopes.join(" ")),
  decisions: DECISIONS,
  prefix,
  batchSize: 50,
  concurrency: 2,
});

const read = async <T = any>(query: string, variables: Record<string, unknown>): Promise<T> => {
  const res = await gql<T>(stack.gateway.url, reader, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
};

const TRACE = `query($id: ID!) { traceDecision(id: $id) { complete gaps datasets { id } approvals { id decision } } }`;

beforeAll(async () => {
  stack = await startTestStack();
  reader = await token("auditor", "lineage:read");
});
afterAll(() => stack?.stop());

describe("seed", () => {
  it("builds the demo world through the API and records every decision", async () => {
    first = await seed(options());
    expect(first.decisions).toMatchObject({ sent: DECISIONS, accepted: DECISIONS, duplicates: 0 });
    expect(first.reviews).toBeGreaterThan(0);

    const { aiSystem } = await read(
      `query($id: ID!) { aiSystem(id: $id) { name riskCategory annexIIIArea models { name versions { version status trainingRun { id } } } } }`,
      { id: first.ids.highRiskSystem },
    );
    expect(aiSystem).toMatchObject({ name: `${prefix}Lumen Credit Decisioning`, riskCategory: "HIGH", annexIIIArea: "ESSENTIAL_SERVICES" });
    expect(aiSystem.models).toEqual([{
      name: "credit-default-gbm",
      versions: [
        { version: "1.0.0", status: "REVOKED", trainingRun: { id: expect.any(String) } },
        { version: "1.1.0", status: "APPROVED", trainingRun: { id: expect.any(String) } },
      ],
    }]);
  }, 300_000);

  it("traces a credit decision to its datasets (derivations to the raw data) and the approvals in force", async () => {
    const { traceDecision: t } = await read(TRACE, { id: first.ids.traceDecision });
    expect(t).toMatchObject({ complete: true, gaps: [] });
    // balanced <- labelled <- clean <- (raw, CRM extract), plus the holdout used for testing
    expect(t.datasets).toHaveLength(6);
    expect(t.datasets.map((d: { id: string }) => d.id)).toContain(first.ids.impactDatasetVersion);
    // the model version's approval and one per dataset version, all APPROVED
    expect(t.approvals).toHaveLength(7);
    expect(new Set(t.approvals.map((a: { decision: string }) => a.decision))).toEqual(new Set(["APPROVED"]));

    const { decision } = await read(`query($id: ID!) { decision(id: $id) { reviews { outcome reviewer } } }`, { id: first.ids.traceDecision });
    expect(decision.reviews).toEqual([{ outcome: "CONFIRMED", reviewer: "oversight.tomas.novak" }]);
  });

  it("shows the sovereignty gap of EU personal data trained at the US site", async () => {
    const { traceDecision: t } = await read(TRACE, { id: first.ids.sovereigntyGapDecision });
    expect(t.complete).toBe(false);
    expect(t.gaps.some((g: string) => g.includes("outside the EU sovereignty zone") && /, US\b/.test(g))).toBe(true);
  });

  it("reports every decision as a duplicate when run again, and changes nothing", async () => {
    const again = await seed(options());
    expect(again.decisions).toMatchObject({ sent: DECISIONS, accepted: 0, duplicates: DECISIONS });
    expect(again.ids).toEqual(first.ids);
    const { modelVersion } = await read(`query($id: ID!) { modelVersion(id: $id) { status approvals { decision } } }`, { id: first.ids.revokedModelVersion });
    expect(modelVersion).toEqual({ status: "REVOKED", approvals: [{ decision: "APPROVED" }, { decision: "REVOKED" }] });
  }, 300_000);
});
