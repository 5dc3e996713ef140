import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { latestBySeq } from "../../../runtime/graph/vocabulary.js";
import { loadIncidentFacts, type IncidentFacts } from "./report.js";
import type { RegistryFacts } from "./template.js";

/**
 * The registration facts the Art. 73 report names about its system, as the graph stood at `asOf`
 * (null: now): the latest provider EU_DATABASE_REGISTRATION evidence record (Art. 49), else the
 * number in the compliance profile in force, and the Annex III sub-point of that profile.
 */
export async function loadIncidentRegistry(ctx: Pick<Ctx, "stats">, systemId: string, asOf: string | null = null): Promise<RegistryFacts> {
  const row = await read({ op: "incidentRegistry", stats: ctx.stats }, (tx) =>
    tx.one<{ p: { number: string | null; point: string | null } | null; e: { id: string; reference: string; recordedBy: string; createdAt: string } | null }>({
      cypher: `
        WITH $id AS sid
        ${latestBySeq({ label: "ComplianceProfile", key: "systemId", of: "sid", scope: ["sid"], as: "p", where: "$asOf IS NULL OR p.createdAt <= $asOf" })}
        CALL (sid) {
          OPTIONAL MATCH (e:ComplianceEvidence {systemId: sid, kind: 'EU_DATABASE_REGISTRATION', role: 'PROVIDER'})
          WHERE e.deploymentId IS NULL AND ($asOf IS NULL OR e.createdAt <= $asOf)
          WITH e ORDER BY e.performedAt DESC, e.createdAt DESC LIMIT 1
          RETURN e
        }
        RETURN CASE WHEN p IS NULL THEN null ELSE {number: p.euDatabaseRegistrationNumber, point: p.annexIIIPoint} END AS p,
               CASE WHEN e IS NULL THEN null ELSE e {.id, .reference, .recordedBy, .createdAt} END AS e`,
      params: { id: systemId, asOf },
    }),
  );
  const e = row?.e ?? null;
  const profileNumber = row?.p?.number ?? null;
  return {
    euDatabaseRegistrationNumber: e?.reference ?? profileNumber,
    registrationSource: e ? `ComplianceEvidence ${e.id} recorded by ${e.recordedBy} at ${e.createdAt}` : profileNumber ? `ComplianceProfile of ${systemId}` : null,
    annexIIIPoint: row?.p?.point ?? null,
  };
}

/** What the Art. 73 report is built from: the incident's facts and its system's registration. */
export async function loadIncidentReportFacts(ctx: Ctx, id: string, asOf: string | null = null): Promise<IncidentFacts & { registry: RegistryFacts }> {
  const f = await loadIncidentFacts(ctx, id, asOf);
  return { ...f, registry: await loadIncidentRegistry(ctx, f.system.id as string, asOf) };
}
