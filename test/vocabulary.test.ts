import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { LABELS, PROPERTIES, RELATIONSHIPS, approvalInForce, latestBySeq } from "../runtime/graph/vocabulary.js";
import { approvalRuleCopies, cypherLiterals, namesIn, tsFiles } from "./support/cypher-scan.js";

// Subgraphs share one graph: a store that names a label, relationship or property the
// vocabulary (runtime/graph/vocabulary.ts) lacks is a typo or an unannounced change of the graph.
const files = [...tsFiles("subgraphs"), ...tsFiles("runtime")];

describe("the graph vocabulary", () => {
  it("covers every label, relationship type and property the stores use in Cypher", () => {
    const unknown: string[] = [];
    for (const file of files) {
      for (const cypher of cypherLiterals(fs.readFileSync(file, "utf8"))) {
        const n = namesIn(cypher);
        for (const l of n.labels) if (!(l in LABELS)) unknown.push(`${file}: label ${l}`);
        for (const r of n.relationships) if (!(RELATIONSHIPS as readonly string[]).includes(r)) unknown.push(`${file}: relationship ${r}`);
        for (const p of n.properties) if (!(PROPERTIES as readonly string[]).includes(p)) unknown.push(`${file}: property ${p}`);
      }
    }
    expect([...new Set(unknown)]).toEqual([]);
  });

  it("the scanner sees what it must (so the check above cannot pass by seeing nothing)", () => {
    const n = namesIn("MATCH (a:Approval {subjectId: $id})-[:SUPERSEDES*1..3]->(p:Aproval) WHERE a.decidedat <= $at AND $p.ignored RETURN a");
    expect([...n.labels].sort()).toEqual(["Approval", "Aproval"]);
    expect([...n.relationships]).toEqual(["SUPERSEDES"]);
    expect([...n.properties]).toEqual(["decidedat"]);
    expect(files.length).toBeGreaterThan(50);
    expect(cypherLiterals('const q = `MATCH (d:Decision) RETURN d.id`; const s = "not cypher";')).toEqual(["MATCH (d:Decision) RETURN d.id"]);
  });
});

// "The approval in force at t" was once copied into seven stores; one copy drifting from the
// others would make a trace, an incident report and an Annex IV document disagree on it.
describe("the approval in force at time t", () => {
  const RULE = "runtime/graph/vocabulary.ts";
  const sources = [...files, ...tsFiles("tools"), ...tsFiles("gateway")].filter((f) => f !== RULE);

  it("is spelled out only in the vocabulary: every store uses its approvalInForce fragment", () => {
    const copies = sources.flatMap((f) => approvalRuleCopies(fs.readFileSync(f, "utf8")).map((line) => `${f}: ${line}`));
    expect(copies).toEqual([]);
    expect(approvalRuleCopies(fs.readFileSync(RULE, "utf8")).length).toBeGreaterThan(0);
  });

  it("the check recognises the copies it replaced (Cypher and TypeScript) and passes the fragment's uses", () => {
    const old = [
      "OPTIONAL MATCH (a:Approval {subjectId: v.id}) WHERE a.decidedAt <= i.occurredAt",
      "WITH a ORDER BY a.decidedAt DESC, a.seq DESC LIMIT 1",
      "MATCH (a:Approval) WHERE a.subjectId IN $ids AND ($at IS NULL OR a.decidedAt <= $at)",
      "return latestApproval(approvals.filter((a) => (a.decidedAt as string) <= at), subjectId);",
    ];
    for (const line of old) expect(approvalRuleCopies(line)).toEqual([line]);
    const use = 'cypher: `UNWIND $ids AS key ${approvalInForce({ subjectId: "key", at: "$at", scope: ["key"] })} RETURN key, a`';
    expect(approvalRuleCopies(use)).toEqual([]);
    expect(approvalRuleCopies("const t = latest && latest.decidedAt > now ? latest.decidedAt : now;")).toEqual([]);
  });

  it("the fragment bounds by time only when asked, and names its result as told", () => {
    const at = approvalInForce({ subjectId: "mv.id", at: "d.occurredAt", scope: ["mv", "d"] });
    expect(at).toContain("CALL (mv, d)");
    expect(at).toContain("(a:Approval {subjectId: mv.id}) WHERE a.decidedAt <= d.occurredAt");
    const now = approvalInForce({ subjectId: "key", scope: ["key"], as: "current" });
    expect(now).not.toContain("WHERE");
    expect(now).toContain("RETURN current");
    // The trace, incident report, impact, model status, approvals API, Annex IV and GPAI facts, and the bench's raw trace.
    const users = sources.filter((f) => /import \{[^}]*\bapprovalInForce\b[^}]*\} from "[./]*runtime\/graph\/vocabulary\.js"/.test(fs.readFileSync(f, "utf8")));
    expect(users.length).toBeGreaterThanOrEqual(8);
  });
});

// "The record in force" of an append-only series (highest seq) was spelled out in each store.
describe("the latest record of a series by seq", () => {
  const RULE = "runtime/graph/vocabulary.ts";
  const copiesIn = (source: string) => source.split("\n").filter((l) => /\bseq\s+DESC\b/.test(l) && !/decidedAt\s+DESC/.test(l)).map((l) => l.trim());
  const sources = [...tsFiles("subgraphs"), ...tsFiles("runtime"), ...tsFiles("tools"), ...tsFiles("gateway")].filter((f) => f !== RULE);

  it("is spelled out only in the vocabulary: stores use its latestBySeq fragment", () => {
    expect(sources.flatMap((f) => copiesIn(fs.readFileSync(f, "utf8")).map((l) => `${f}: ${l}`))).toEqual([]);
    expect(copiesIn("RETURN a {.*} AS a ORDER BY a.seq DESC LIMIT 1")).toHaveLength(1);
  });

  it("the fragment finds the highest seq of the node's series, bounded as told", () => {
    const f = latestBySeq({ label: "ComplianceProfile", key: "systemId", of: "s.id", where: "p.createdAt <= $asOf", scope: ["s"], as: "p" });
    expect(f).toContain("CALL (s)");
    expect(f).toContain("OPTIONAL MATCH (p:ComplianceProfile {systemId: s.id}) WHERE p.createdAt <= $asOf");
    expect(f).toContain("ORDER BY p.seq DESC LIMIT 1");
    expect(f).toContain("RETURN p");
    expect(latestBySeq({ label: "Approval", key: "subjectId", of: "$id", scope: [], as: "a" })).not.toContain("WHERE");
  });
});
