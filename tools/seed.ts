// `npm run seed -- --scale small|medium|large`: builds the demo world through the public API of a
// running stack (LINEAGE_URL, default http://127.0.0.1:$PORT) and streams decisions into it.
import { parseArgs } from "node:util";
import { env } from "../runtime/config.js";
import { baseUrl, runTool, toolToken, ToolError } from "./client.js";
import { SCALES, seed, type Scale } from "./seed/index.js";

const USAGE = `usage: npm run seed -- [--scale small|medium|large] [--decisions N] [--concurrency 4] [--prefix demo-]
  small ${SCALES.small.toLocaleString("en-US")}, medium ${SCALES.medium.toLocaleString("en-US")}, large ${SCALES.large.toLocaleString("en-US")} decisions; re-running is safe (same records, decisions count as duplicates)`;

runTool(async () => {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: "small" },
      decisions: { type: "string" },
      concurrency: { type: "string", default: "4" },
      prefix: { type: "string", default: "" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return console.log(USAGE);
  const scale = values.scale as Scale;
  if (!(scale in SCALES)) throw new ToolError(`unknown scale "${values.scale}"\n${USAGE}`);
  const decisions = values.decisions === undefined ? SCALES[scale] : Number(values.decisions);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(decisions) || decisions < 0) throw new ToolError(`--decisions must be a whole number\n${USAGE}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ToolError(`--concurrency must be at least 1\n${USAGE}`);
  // Approvers must not be the registrants (four-eyes): one shared token cannot build this world.
  if (env.LINEAGE_TOKEN) throw new ToolError("the seed acts as several people (four-eyes): unset LINEAGE_TOKEN and seed a local stack, whose dev issuer gives each one a token");

  const url = baseUrl();
  const size = values.decisions === undefined ? `${scale} scale` : "custom size";
  console.log(`Seeding ${url} (${size}: ${decisions.toLocaleString("en-US")} decisions)`);
  const s = await seed({
    url,
    tokens: (who) => toolToken(who.sub, who.scopes),
    decisions,
    concurrency,
    prefix: values.prefix,
    log: (line) => console.log(`[seed] ${line}`),
  }).catch((err) => {
    if (err instanceof ToolError && err.message.includes("UNAUTHENTICATED")) {
      throw new ToolError(`${err.message}\n(dev tokens are signed with the key under DATA_DIR: run the seed with the same DATA_DIR as the stack)`);
    }
    throw err;
  });

  const d = s.decisions;
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  console.log(`
Done in ${(s.elapsedMs / 1000).toFixed(1)} s. Decisions: ${n(d.sent)} sent in ${(d.elapsedMs / 1000).toFixed(1)} s = ${n(d.perSecond)} decisions/s (${n(d.accepted)} new, ${n(d.duplicates)} duplicates); ${n(s.reviews)} human reviews.

Try these (token: npm run --silent token -- --sub you --scopes "lineage:read"):
  high-risk system   { aiSystem(id: "${s.ids.highRiskSystem}") { name version riskCategory annexIIIArea models { name versions { version status } } } }
  trace a decision   { traceDecision(id: "${s.ids.traceDecision}") { complete gaps datasets { id provenance } approvals { id decision approver } sites { country } } }
  sovereignty gap    { traceDecision(id: "${s.ids.sovereigntyGapDecision}") { complete gaps } }
  impact of the CRM  { impact(datasetVersionId: "${s.ids.impactDatasetVersion}") { modelVersions { id } deployments { id } decisionCount } }
  a revoked version  { modelVersion(id: "${s.ids.revokedModelVersion}") { version status approvals { decision approver rationale } } }

In the browser: ${url.replace(/\/graphql$/, "").replace(/\/+$/, "")}/explorer/#/trace/${s.ids.sovereigntyGapDecision}`);
});
