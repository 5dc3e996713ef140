import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalInForce } from "../runtime/graph/vocabulary.js";
import { approvalInForce as apiApprovalInForce } from "../subgraphs/approvals/store.js";
import { statusOfModelVersion } from "../subgraphs/models/store.js";
import { connectTestDb, ctxFor, cypher, disconnect } from "./support/db.js";
import { uniq } from "./support/uniq.js";

// The one rule (runtime/graph/vocabulary.ts) on real Neo4j: the latest decision of the subject
// at or before t, same instant broken by seq; a revocation or rejection in force is a decision
// too; another subject's decisions never count. The approvals API and ModelVersion.status use it.
const T1 = "2026-03-01T10:00:00.000Z";
const T2 = "2026-03-02T10:00:00.000Z";
const subject = uniq("mv");
const other = uniq("mv");

beforeAll(async () => {
  connectTestDb();
  const rows = [
    { id: uniq("apr"), subjectId: subject, seq: 1, decision: "APPROVED", decidedAt: T1 },
    { id: uniq("apr"), subjectId: subject, seq: 2, decision: "REVOKED", decidedAt: T2 },
    // Same instant as the revocation (replica clocks; decisionTime never goes back): seq decides.
    { id: uniq("apr"), subjectId: subject, seq: 3, decision: "REJECTED", decidedAt: T2 },
    { id: uniq("apr"), subjectId: other, seq: 1, decision: "APPROVED", decidedAt: "2026-02-01T00:00:00.000Z" },
  ];
  await cypher("UNWIND $rows AS r CREATE (a:Approval) SET a = r", { rows });
});
afterAll(async () => {
  await cypher("MATCH (a:Approval) WHERE a.subjectId IN $ids DETACH DELETE a", { ids: [subject, other] });
  await disconnect();
});

/** The fragment's answer for `subjectId` at `at` (null: now). */
async function inForce(subjectId: string, at: string | null): Promise<{ seq: number; decision: string } | null> {
  const rows = await cypher<{ a: { seq: number; decision: string } | null }>(
    `WITH $subjectId AS sid
     ${approvalInForce({ subjectId: "sid", at: at === null ? undefined : "$at", scope: ["sid"] })}
     RETURN a {.seq, .decision} AS a`,
    { subjectId, at },
  );
  return rows[0]?.a ?? null;
}

describe("the approval in force at time t", () => {
  it("is the subject's latest decision at or before t, whatever it says", async () => {
    expect(await inForce(subject, "2026-02-15T00:00:00.000Z")).toBeNull();
    expect(await inForce(subject, T1)).toEqual({ seq: 1, decision: "APPROVED" });
    expect(await inForce(subject, "2026-03-02T09:59:59.999Z")).toEqual({ seq: 1, decision: "APPROVED" });
    expect(await inForce(subject, T2)).toEqual({ seq: 3, decision: "REJECTED" });
    expect(await inForce(subject, null)).toEqual({ seq: 3, decision: "REJECTED" });
    expect(await inForce(other, T1)).toEqual({ seq: 1, decision: "APPROVED" });
  });

  it("is what the approvals API answers and what ModelVersion.status says", async () => {
    const ctx = ctxFor("reader");
    expect((await apiApprovalInForce(ctx, subject, T1))?.seq).toBe(1);
    expect((await apiApprovalInForce(ctx, subject, "2026-01-01T00:00:00.000Z"))).toBeNull();
    expect((await apiApprovalInForce(ctx, subject, null))?.seq).toBe(3);
    expect(await statusOfModelVersion(ctx, subject)).toBe("REJECTED");
    expect(await statusOfModelVersion(ctxFor("reader"), uniq("mv"))).toBe("REGISTERED");
  });
});
