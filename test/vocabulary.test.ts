import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { LABELS, PROPERTIES, RELATIONSHIPS } from "../runtime/graph/vocabulary.js";
import { cypherLiterals, namesIn, tsFiles } from "./support/cypher-scan.js";

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
