import type { Ctx } from "../../../runtime/context.js";
import { read } from "../../../runtime/db.js";
import { notFound, requireRecordedBy } from "../../../runtime/errors.js";
import type { Props } from "../../../runtime/mutation.js";
import { Checks, type DocModel, type Section } from "../docs/model.js";
import { fundamentalRightsTrigger } from "../risk/annex-iii.js";
import { isHighRisk, type SystemFacts } from "./facts.js";

export const FRIA_SCHEMA = "fundamental-rights-impact-assessment/1";

/**
 * The system a deployment runs (deployment -> model version -> model -> system). `asOf`: a
 * deployment recorded later is NOT_FOUND saying when it was.
 */
export async function systemOfDeployment(ctx: Ctx, deploymentId: string, asOf: string | null = null): Promise<string> {
  const row = await read({ op: "systemOfDeployment", stats: ctx.stats }, (tx) =>
    tx.one<{ systemId: string | null; createdAt: string | null }>({
      cypher: `MATCH (d:Deployment {id: $id}) OPTIONAL MATCH (mv:ModelVersion {id: d.modelVersionId}) OPTIONAL MATCH (m:Model {id: mv.modelId}) RETURN m.systemId AS systemId, d.createdAt AS createdAt`,
      params: { id: deploymentId },
    }),
  );
  if (!row?.systemId) throw notFound("Deployment", deploymentId);
  requireRecordedBy("Deployment", deploymentId, row.createdAt, asOf);
  return row.systemId;
}

/**
 * Art. 27(1): whether this deployer must assess: Annex III points 5(b), 5(c) bind every deployer;
 * other Annex III high-risk systems (point 2 excepted) bind bodies governed by public law and
 * private entities providing public services. Null when a needed fact is not recorded.
 */
export function friaRequired(f: SystemFacts, deployer: Props | undefined): boolean | null {
  if (!isHighRisk(f) || !f.system.annexIIIArea) return false;
  const trigger = fundamentalRightsTrigger(f.system.annexIIIArea as string, f.profile?.annexIIIPoint ?? null);
  if (trigger === "ALL_DEPLOYERS") return true;
  if (trigger === "NONE") return false;
  if (trigger === null) return null;
  return (deployer?.deployerPublicService as boolean | null | undefined) ?? null;
}

const requiredText = (r: boolean | null) =>
  r === true ? "required before first use (Art. 27(1))" : r === false ? "not required by Art. 27(1) for this deployer and system" : "not recorded: whether Art. 27(1) binds this deployer depends on a fact the graph lacks";

/** Builds the fundamental rights impact assessment (Art. 27) of one deployment. */
export function buildFria(f: SystemFacts, deploymentId: string, generatedAt: string): DocModel {
  const dep = f.deployments.find((d) => d.id === deploymentId);
  if (!dep) throw notFound("Deployment", deploymentId);
  const p = f.deployers.get(deploymentId);
  const need = (c: Checks, field: string, hint: string) => c.need("DeploymentCompliance", deploymentId, field, (p?.[field] as string | null | undefined) ?? null, `${hint}; record with recordDeploymentCompliance`);
  const required = friaRequired(f, p);
  const c1 = new Checks();
  const identity: [string, string | null][] = [
    ["Deployer", need(c1, "deployerName", "the deployer's identity, Art. 27(1)") as string | null],
    ["Contact", need(c1, "deployerContact", "the deployer's address and contact, Art. 27(1)") as string | null],
    ["Public body or public service", p?.deployerPublicService === true ? "yes" : p?.deployerPublicService === false ? "no"
      // Art. 27(1): public status matters only where the Annex III point does not bind every deployer.
      : required !== null ? "not recorded (not needed: the Annex III point decides)" : need(c1, "deployerPublicService", "whether the deployer is a body governed by public law or a private entity providing public services, Art. 27(1)") as null],
    ["AI system", `${f.system.name} ${f.system.version} (${f.system.id}), provider ${f.system.providerName}`],
    ["Deployment", `${deploymentId}, ${dep.environment}, model version ${dep.modelVersionId}, site ${dep.siteName ?? dep.siteId}`],
    ["Assessment", requiredText(required)],
  ];
  const c2 = new Checks();
  const provRisks = f.risks.map((r) => `${r.hazard} (affects ${r.affectedPersons}; mitigation: ${r.mitigation}; ${r.id})`);
  const rows: [string, string | null][] = [
    ["(a) Processes in which the system is used", need(c2, "processDescription", "the deployer's processes using the system, Art. 27(1)(a)") as string | null],
    ["(b) Period and frequency of use", need(c2, "periodAndFrequency", "period and frequency of use, Art. 27(1)(b)") as string | null],
    ["(b) Period of use recorded", `${dep.startedAt} to ${dep.endedAt ?? "running"}`],
    ["(c) Persons and groups likely to be affected", need(c2, "affectedPersons", "categories of natural persons and groups likely affected, Art. 27(1)(c)") as string | null],
    ["(d) Specific risks of harm", need(c2, "specificRisks", "specific risks of harm to them, Art. 27(1)(d), taking the provider's Art. 13 information into account") as string | null],
    ["(d) Risks identified by the provider", provRisks.join("; ") || "none recorded"],
    ["(e) Human oversight measures", need(c2, "humanOversightMeasures", "human oversight measures per the instructions for use, Art. 27(1)(e)") as string | null],
    ["(e) Persons assigned to oversight", need(c2, "oversightPersons", "the natural persons assigned to human oversight, Art. 26(2)") as string | null],
    ["(f) Measures if the risks materialise", need(c2, "riskMeasures", "measures incl. internal governance and complaint mechanisms, Art. 27(1)(f)") as string | null],
  ];
  const c3 = new Checks();
  const notified = required === false ? "not required" : (need(c3, "authorityNotifiedAt", "when the market surveillance authority was notified of the results, Art. 27(3)") as string | null);
  const sec = (number: string, title: string, ref: string, rs: [string, string | null][], c: Checks, sources: string[]): Section =>
    ({ number, title, ref, blocks: [{ kind: "fields", rows: rs }], data: Object.fromEntries(rs), sources, checks: c.list });
  const src = [deploymentId, ...(p ? [p.id as string] : [])];
  return {
    schema: FRIA_SCHEMA,
    title: `Fundamental rights impact assessment (Art. 27): deployment ${deploymentId}`,
    subject: { type: "Deployment", id: deploymentId, label: `${f.system.name} ${f.system.version} at ${p?.deployerName ?? "deployer not recorded"}` },
    generatedAt,
    summary: [["Deployer", (p?.deployerName as string | undefined) ?? null], ["AI system", `${f.system.name} ${f.system.version} (${f.system.id})`], ["Annex III", `${f.system.annexIIIArea ?? "none"}${f.profile?.annexIIIPoint ? `, point ${f.profile.annexIIIPoint}` : ""}`], ["Assessment", requiredText(required)]],
    findings: required === false ? ["Art. 27(1) does not require this assessment; it is kept as a voluntary record."] : [],
    sections: [
      sec("1", "Deployer and system", "Art. 27(1)", identity, c1, [...src, f.system.id as string]),
      sec("2", "Assessment", "Art. 27(1)(a)-(f)", rows, c2, [...src, ...f.risks.map((r) => r.id as string)]),
      sec("3", "Notification of the market surveillance authority", "Art. 27(3)", [["Notified", notified]], c3, src),
    ],
  };
}
