import { readEnv } from "./config.js";

/** Where and how to reach Neo4j. */
export interface Neo4jTarget {
  /** Bolt URI, e.g. `bolt://127.0.0.1:41234`. */
  uri: string;
  user: string;
  password: string;
  /** Database to run statements against. */
  database: string;
  /** True when this process started the server (and `stop()` stops it). */
  embedded: boolean;
  /** Stops the embedded server and waits for it to exit; a no-op for an external server. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The Neo4j a service process uses: NEO4J_URI (required), NEO4J_USER (default `neo4j`),
 * NEO4J_PASSWORD (required), NEO4J_DATABASE (default `neo4j`). `npm start` sets them for its
 * children (launcher/stack.ts); a deployment sets them itself.
 */
export function neo4jFromEnv(): Neo4jTarget {
  const uri = readEnv().NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI is not set: a service started on its own needs NEO4J_URI and NEO4J_PASSWORD (npm start sets them)");
  return externalTarget(uri);
}

/** The server at `uri`, with NEO4J_USER, NEO4J_PASSWORD (required) and NEO4J_DATABASE; nothing to stop. */
export function externalTarget(uri: string): Neo4jTarget {
  const env = readEnv();
  const password = env.NEO4J_PASSWORD;
  if (!password) throw new Error(`NEO4J_URI is set (${uri}) but NEO4J_PASSWORD is not: set the password of that Neo4j server.`);
  return {
    uri,
    user: env.NEO4J_USER,
    password,
    database: env.NEO4J_DATABASE,
    embedded: false,
    stop: async () => {},
  };
}
