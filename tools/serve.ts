// `npm run serve -- <service>`: runs ONE service in this process: the gateway or one subgraph
// (models, datasets, approvals, gpu, compliance), or the site recorder (`recorder`, site-recorder/). Neo4j from NEO4J_URI / NEO4J_USER /
// NEO4J_PASSWORD / NEO4J_DATABASE; port from PORT, else the service's default. SIGTERM or SIGINT:
// in-flight requests finish, then the driver closes. Under `npm start` the supervisor (launcher/stack.ts)
// talks to it over IPC: it reports where it listens and takes "reloadKeys".
import "reflect-metadata"; // before any decorated (type-graphql) class loads
import path from "node:path";
import { config, env, SUBGRAPHS, subgraphPort, type SubgraphName } from "../runtime/config.js";
import { installProcessGuard } from "../runtime/http-guard.js";

import { logger, setLogService } from "../runtime/log.js";
import { setKeyHolder } from "../runtime/keys.js";
import { setServiceName } from "../runtime/metrics.js";
import { startTracing, stopTracing } from "../runtime/tracing.js";

export const SERVICES = ["gateway", ...SUBGRAPHS, "recorder"] as const;
export type ServiceName = (typeof SERVICES)[number];

interface Running {
  url: string;
  port: number;
  stop(): Promise<void>;
  reloadKeys?(): Promise<void>;
}

async function startService(name: ServiceName): Promise<Running> {
  setServiceName(name);
  setLogService(name);
  // Before anything loads a key: this service may hold only the private keys runtime/keys.ts SIGNERS gives it.
  setKeyHolder(name);
  // Whatever escapes every handler is logged and counted; the service keeps serving (runtime/http-guard.ts).
  installProcessGuard();
  // Before any server exists: its spans need the SDK's provider and propagator (no-op without OTEL_EXPORTER_OTLP_ENDPOINT).
  await startTracing(name);
  // The site recorder runs at a site: no Neo4j, its own port (4010) and configuration.
  if (name === "recorder") {
    const { startRecorder } = await import("../site-recorder/index.js");
    return startRecorder();
  }
  // Loaded here, not at the top: the recorder process never loads the database modules.
  const [{ connect }, { neo4jFromEnv }] = await Promise.all([import("../runtime/db.js"), import("../runtime/neo4j-target.js")]);
  connect(neo4jFromEnv());
  if (name === "gateway") {
    const { startGateway } = await import("../gateway/index.js");
    return startGateway({ port: config.port, host: config.host });
  }
  // The one place that loads subgraph code: only the chosen subgraph's (not subgraphs/registry.ts,
  // which loads all five for `npm run schema`).
  const { service } = (await import(`../subgraphs/${name}/index.js`)) as typeof import("../subgraphs/models/index.js");
  const { serveSubgraph } = await import("../runtime/subgraph-server.js");
  const { registerDomainMetrics } = await import("../subgraphs/domain-metrics.js");
  registerDomainMetrics(service.name);
  service.background?.();
  return serveSubgraph({ name, schema: await service.schema(), routes: service.routes, port: env.PORT ?? subgraphPort(name as SubgraphName), host: config.subgraphHost });
}

const name = process.argv[2] as ServiceName;
if (!SERVICES.includes(name)) {
  console.error(`usage: npm run serve -- <${SERVICES.join("|")}> (got "${process.argv[2] ?? ""}")`);
  process.exit(2);
}
let running: Running;
try {
  running = await startService(name);
} catch (err) {
  // One plain line (not JSON): it is what a person starting the service reads.
  console.error(`${name} failed to start: ${(err as Error).message}`);
  process.exit(1);
}
logger.info(`listening on ${running.url}`);
process.send?.({ type: "listening", service: name, url: running.url, port: running.port });

let stopping = false;
async function stop(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 20_000).unref();
  await running.stop();
  if (name !== "recorder") await (await import("../runtime/db.js")).disconnect();
  await stopTracing();
  logger.info(`stopped (${reason})`);
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGHUP", () => void running.reloadKeys?.());
// The supervisor went away (its IPC channel closed): no orphans.
process.on("disconnect", () => void stop("supervisor gone"));
process.on("message", async (msg: { type?: string; id?: number }) => {
  if (msg?.type === "reloadKeys") {
    await running.reloadKeys?.();
    process.send?.({ type: "reloaded", id: msg.id });
  }
  // The benchmark profiles a measurement window (tools/cpu-profile.ts): start, then stop and write.
  if (msg?.type === "startCpuProfile") {
    await (await import("./cpu-profile.js")).startCpuProfile();
    process.send?.({ type: "profiling", id: msg.id });
  }
  if (msg?.type === "stopCpuProfile") {
    await (await import("./cpu-profile.js")).stopCpuProfile(path.join(config.dataDir, "profiles", `${name}.cpuprofile`));
    process.send?.({ type: "profiled", id: msg.id });
  }
});
