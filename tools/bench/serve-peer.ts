// The benchmark's comparison servers, each in a process of its own like the services
// (spawnService(name, { entry: "tools/bench/serve-peer.ts" })): `apollo` and `apollo-auth`
// (@apollo/gateway without and with the caller's JWT and internal tokens, tools/bench/peer.ts),
// and `gateway-noauth` (our gateway with GatewayOptions.benchmarkWithoutAuthentication, which only
// this file passes). Subgraph URLs from SUBGRAPH_URL_<NAME>; Neo4j from NEO4J_*.
import "reflect-metadata";
import path from "node:path";
import { config, subgraphUrls } from "../../runtime/config.js";
import { connect, disconnect } from "../../runtime/db.js";
import { neo4jFromEnv } from "../../runtime/neo4j-target.js";
import { startCpuProfile, stopCpuProfile } from "../cpu-profile.js";
import { startApolloGateway } from "./peer.js";

const name = process.argv[2];
const host = "127.0.0.1";
let running: { url: string; port: number; stop(): Promise<void> };
if (name === "apollo" || name === "apollo-auth") {
  running = await startApolloGateway(subgraphUrls(), { auth: name === "apollo-auth" });
} else if (name === "gateway-noauth") {
  connect(neo4jFromEnv());
  const { startGateway } = await import("../../gateway/index.js");
  running = await startGateway({ port: 0, host, subgraphs: subgraphUrls(), benchmarkWithoutAuthentication: true });
} else {
  console.error(`usage: serve-peer.ts <apollo|apollo-auth|gateway-noauth> (got "${name ?? ""}")`);
  process.exit(2);
}
process.send?.({ type: "listening", service: name, url: running.url, port: running.port });

const stop = async () => {
  await running.stop();
  if (name === "gateway-noauth") await disconnect();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("disconnect", () => void stop());
process.on("message", async (msg: { type?: string; id?: number }) => {
  if (msg?.type === "startCpuProfile") await startCpuProfile();
  if (msg?.type === "stopCpuProfile") await stopCpuProfile(path.join(config.dataDir, "profiles", `${name}.cpuprofile`));
  process.send?.({ type: "done", id: msg.id });
});
