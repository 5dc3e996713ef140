import "reflect-metadata"; // before any decorated (type-graphql) class loads, whatever the import order
import { startGateway, type RunningGateway } from "../gateway/index.js";
import type { SubgraphSource } from "../gateway/supergraph.js";
import { config, SUBGRAPHS, type SubgraphName } from "../runtime/config.js";
import { connect, disconnect } from "../runtime/db.js";
import { migrate } from "../runtime/migrate.js";
import { provisionNeo4j, type Neo4jTarget } from "../runtime/neo4j-server.js";
import { serveSubgraph, type RunningService } from "../runtime/subgraph-server.js";
import { SUBGRAPH_SCHEMAS } from "../subgraphs/registry.js";
import { printSubgraphSchema } from "@apollo/subgraph";

export interface Stack {
  gateway: RunningGateway;
  /** The subgraphs as composed (name, URL, SDL), e.g. for a peer gateway in the benchmark. */
  sources: SubgraphSource[];
  subgraphs: RunningService[];
  neo4j: Neo4jTarget;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Gateway port (default config.port; 0 = any free port). */
  port?: number;
  /** First subgraph port (default config.subgraphPortBase; 0 = any free ports). */
  subgraphPortBase?: number;
  /** An already provisioned Neo4j (tests share one); else provisioned here. */
  neo4j?: Neo4jTarget;
  log?: (line: string) => void;
}

/**
 * Brings the whole stack up in this process: Neo4j (embedded unless NEO4J_URI is set),
 * migrations, the five subgraphs on loopback and the gateway. `stop()` takes it down in reverse.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.log ?? (() => {});
  const neo4j = opts.neo4j ?? (await provisionNeo4j({ log }));
  const started: RunningService[] = [];
  try {
    connect(neo4j);
    await migrate(log);
    const base = opts.subgraphPortBase ?? config.subgraphPortBase;
    const names = SUBGRAPHS.filter((n) => SUBGRAPH_SCHEMAS[n]) as SubgraphName[];
    const sources: SubgraphSource[] = [];
    for (const name of names) {
      const schema = await SUBGRAPH_SCHEMAS[name]!();
      const svc = await serveSubgraph(name, schema, base === 0 ? 0 : base + SUBGRAPHS.indexOf(name), config.subgraphHost);
      started.push(svc);
      sources.push({ name, url: svc.url, sdl: printSubgraphSchema(schema) });
    }
    const gateway = await startGateway({ port: opts.port ?? config.port, host: config.host, subgraphs: sources });
    return {
      gateway,
      sources,
      subgraphs: started,
      neo4j,
      async stop() {
        const step = async (name: string, work: () => Promise<unknown>) => {
          const t = Date.now();
          await work();
          log(`stopped ${name} (${Date.now() - t} ms)`);
        };
        await step("gateway", () => gateway.stop());
        await step("subgraphs", () => Promise.all(started.map((s) => s.stop())));
        await step("driver", () => disconnect());
        if (!opts.neo4j) await step("neo4j", () => neo4j.stop());
      },
    };
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    await disconnect();
    if (!opts.neo4j) await neo4j.stop();
    throw err;
  }
}
