// `npm start`: the whole stack in one process; Ctrl-C (or SIGTERM) stops everything.
import path from "node:path";
import { config } from "../runtime/config.js";
import { startStack } from "./stack.js";

const log = (line: string) => console.log(`[stack] ${line}`);
let stopping = false;

try {
  const stack = await startStack({ log });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    // Whatever happens, exit within 30 s; the embedded JVM is killed on exit and also stops when its stdin closes.
    setTimeout(() => {
      log("stop took longer than 30 s: exiting");
      process.exit(1);
    }, 30_000).unref();
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  console.log(`
  Gateway      ${stack.gateway.url}
  Health       http://127.0.0.1:${stack.gateway.port}/healthz   /readyz   /.well-known/jwks.json
  Neo4j        ${stack.neo4j.uri}${stack.neo4j.embedded ? ` (embedded, data under ${path.relative(process.cwd(), path.join(config.dataDir, "neo4j"))})` : ""}

  Get a token:   npm run --silent token -- --sub alice --scopes "lineage:read lineage:write"
  Seed demo data: npm run seed -- --scale small
  Stop:          Ctrl-C
`);
} catch (err) {
  console.error(`[stack] failed to start: ${(err as Error).message}`);
  process.exit(1);
}
