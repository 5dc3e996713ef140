import { config, SUBGRAPHS, type SubgraphName } from "../runtime/config.js";
import { connect, disconnect } from "../runtime/db.js";
import { keyEnvFor, SIGNING_ENV } from "../runtime/keys.js";
import { migrate } from "../runtime/migrate.js";
import { provisionNeo4j, type Neo4jTarget } from "./neo4j/provision.js";
import { spawnService, type ServiceProcess } from "./supervise.js";

export interface Stack {
  gateway: ServiceProcess & {
    /** Makes the gateway re-read its trusted issuers and drop cached key sets (as SIGHUP does). */
    reloadKeys(): Promise<void>;
  };
  /** The five subgraph processes (name, url, pid, stop). */
  subgraphs: ServiceProcess[];
  /** Each subgraph's GraphQL URL, by name (what the gateway routes to). */
  subgraphUrls: Record<SubgraphName, string>;
  neo4j: Neo4jTarget;
  /** Stops the gateway, then the subgraphs, then (when started here) Neo4j. */
  stop(): Promise<void>;
}

/** A gateway process as a Stack holds it: `reloadKeys()` asks it to re-read its trusted issuers. */
export const asGateway = (gw: ServiceProcess): Stack["gateway"] => ({ ...gw, reloadKeys: () => gw.request("reloadKeys") });

export interface StackOptions {
  /** Gateway port (default config.port; 0 = any free port). */
  port?: number;
  /** First subgraph port (default config.subgraphPortBase; 0 = any free ports). */
  subgraphPortBase?: number;
  /** An already provisioned Neo4j (tests share one); else provisioned here. */
  neo4j?: Neo4jTarget;
  /** Progress lines and every child's output, prefixed by service name (default: discarded). */
  log?: (line: string) => void;
  /** A service ended on its own (crashed or killed). Default: logged. */
  onUnexpectedExit?: (name: string, code: number | string) => void;
  /** Extra environment for every service process. */
  env?: Record<string, string>;
  /** Start the services from this build of tools/build.ts (the test run's), not with tsx. */
  build?: string;
  /** Extra Node options for every service process (e.g. `--cpu-prof`: `npm run bench -- --cpu-prof`). */
  nodeArgs?: string[];
}

/**
 * Brings the stack up as `npm start` runs it: Neo4j (embedded unless NEO4J_URI is set), the
 * migrations once, then each subgraph and the gateway as its own process (tools/serve.ts),
 * the gateway last, pointed at the subgraphs' URLs. `stop()` takes it down in reverse.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.log ?? (() => {});
  const neo4j = opts.neo4j ?? (await provisionNeo4j({ log }));
  const started: ServiceProcess[] = [];
  const stopAll = async () => {
    await Promise.all(started.slice().reverse().map((s) => s.stop()));
  };
  try {
    connect(neo4j);
    await migrate(log);
    // Keys are loaded (locally: created) once here and handed to each service by variable: the
    // private key of each role only to its signers (runtime/keys.ts SIGNERS), public sets to all.
    // Private key variables of this process's own environment are never inherited.
    const noPrivateKeys = Object.fromEntries(Object.values(SIGNING_ENV).map((name) => [name, undefined]));
    const env = {
      ...opts.env,
      ...noPrivateKeys,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: neo4j.database,
      DATA_DIR: config.dataDir,
    };
    const spawnOpts = async (name: string, extra: Record<string, string>) => ({
      env: { ...env, ...(await keyEnvFor(name)), ...extra },
      nodeArgs: opts.nodeArgs,
      build: opts.build,
      log,
      onUnexpectedExit: opts.onUnexpectedExit ?? ((name: string, code: number | string) => log(`[stack] ${name} exited unexpectedly (${code})`)),
    });
    const base = opts.subgraphPortBase ?? config.subgraphPortBase;
    const subgraphs = await Promise.all(
      SUBGRAPHS.map(async (name) => {
        const svc = await spawnService(name, await spawnOpts(name, { PORT: String(base === 0 ? 0 : base + SUBGRAPHS.indexOf(name)) }));
        started.push(svc);
        return svc;
      }),
    );
    const subgraphUrls = Object.fromEntries(subgraphs.map((s) => [s.name, s.url])) as Record<SubgraphName, string>;
    const urlEnv = Object.fromEntries(subgraphs.map((s) => [`SUBGRAPH_URL_${s.name.toUpperCase()}`, s.url]));
    const gw = await spawnService("gateway", await spawnOpts("gateway", { ...urlEnv, PORT: String(opts.port ?? config.port) }));
    started.push(gw);
    return {
      gateway: asGateway(gw),
      subgraphs,
      subgraphUrls,
      neo4j,
      async stop() {
        const step = async (name: string, work: () => Promise<unknown>) => {
          const t = Date.now();
          await work();
          log(`[stack] stopped ${name} (${Date.now() - t} ms)`);
        };
        await step("gateway", () => gw.stop());
        await step("subgraphs", () => Promise.all(subgraphs.map((s) => s.stop())));
        await step("driver", () => disconnect());
        if (!opts.neo4j) await step("neo4j", () => neo4j.stop());
      },
    };
  } catch (err) {
    await stopAll();
    await disconnect();
    if (!opts.neo4j) await neo4j.stop();
    throw err;
  }
}
