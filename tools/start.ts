// `npm start`: Neo4j (embedded unless NEO4J_URI is set), migrations, then five subgraph processes
// and the gateway process, supervised: output prefixed by service, a crashed service stops the
// stack with a non-zero exit, Ctrl-C (or SIGTERM) stops every child and the JVM.
import path from "node:path";
import { config } from "../runtime/config.js";
import { startStack, type Stack } from "../launcher/stack.js";

const log = (line: string) => console.log(line.startsWith("[") ? line : `[stack] ${line}`);
let stack: Stack | undefined;
let stopping = false;

async function stop(reason: string, code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  log(`${reason}: stopping`);
  // Whatever happens, exit within 30 s; the embedded JVM also stops when its stdin closes.
  setTimeout(() => {
    log("stop took longer than 30 s: exiting");
    process.exit(code || 1);
  }, 30_000).unref();
  await stack?.stop();
  process.exit(code);
}

process.on("SIGINT", () => void stop("SIGINT", 0));
process.on("SIGTERM", () => void stop("SIGTERM", 0));

try {
  stack = await startStack({
    log,
    onUnexpectedExit: (name, code) => void stop(`${name} exited unexpectedly (${code})`, 1),
  });
  console.log(`
  Gateway      ${stack.gateway.url}   (pid ${stack.gateway.pid})
  Subgraphs    ${stack.subgraphs.map((s) => `${s.name} :${s.port} (pid ${s.pid})`).join(", ")}
  Health       http://127.0.0.1:${stack.gateway.port}/healthz   /readyz   /metrics   /.well-known/jwks.json
  Neo4j        ${stack.neo4j.uri}${stack.neo4j.embedded ? ` (embedded, data under ${path.relative(process.cwd(), path.join(config.dataDir, "neo4j"))})` : ""}

  Get a token:   npm run --silent token -- --sub alice --scopes "lineage:read lineage:write"
  Seed demo data: npm run seed -- --scale small
  Stop:          Ctrl-C
`);
} catch (err) {
  console.error(`[stack] failed to start: ${(err as Error).message}`);
  if (!stopping) process.exit(1);
}
