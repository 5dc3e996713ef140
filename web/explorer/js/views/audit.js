import { gql } from "../api.js";
import { facts, h, show } from "../dom.js";

const INTEGRITY = `query { auditIntegrity { verified length headHash firstBrokenSeq } }`;

/** The audit chain recomputed by the server; a broken chain names its first bad sequence number. */
export async function auditView(route, ctx) {
  const { auditIntegrity: a } = await gql(INTEGRITY);
  if (ctx.stale()) return;
  show(
    h("h1", {}, "Audit chain"),
    h("p", { id: "audit-verdict", class: a.verified ? "ok" : "gap", role: "status" },
      a.verified ? `Intact: all ${a.length} events chain to the head.` : `BROKEN at sequence ${a.firstBrokenSeq}.`),
    facts([["Events", a.length], ["Head hash", a.headHash], ["First broken sequence", a.firstBrokenSeq]]),
  );
}
