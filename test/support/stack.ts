import fs from "node:fs";
import { expect, inject } from "vitest";
import { issueDevToken } from "../../runtime/auth/dev-issuer.js";
import { connect, disconnect } from "../../runtime/db.js";
import { config } from "../../runtime/config.js";
import { asGateway, startStack, type Stack } from "../../launcher/stack.js";
import { spawnService, type ServiceProcess } from "../../launcher/supervise.js";
import { leaseStack, type SharedStackInfo } from "./shared-stacks.js";
export { uniq } from "./uniq.js";

/** Last lines of a private stack's services (prefixed `[service] `); see serviceLines for any stack. */
export const serviceOutput: string[] = [];
const recent = serviceOutput;
/** Shared stacks' log files, by the Stack object a file leased. */
const sharedLogs = new WeakMap<Stack, string>();

export interface TestStackOptions {
  /** Extra environment for every service: implies a private stack. */
  env?: Record<string, string>;
  /**
   * A stack of this file's own: for files that stop, kill or restart services, rotate keys,
   * or change settings. Default false: one of the run's shared stacks, leased for the file.
   */
  private?: boolean;
  /**
   * Extra environment for the gateway only (e.g. GATEWAY_MAX_COST): a gateway of the file's own
   * on a leased shared stack's subgraphs, stopped with the lease; the shared gateway stays out of it.
   */
  gatewayEnv?: Record<string, string>;
}

/**
 * The stack a test file talks to, as `npm start` runs it (five subgraph processes + the gateway
 * process, on free ports, on the run's Neo4j). By default one of the run's shared stacks
 * (global-stacks.ts), leased until `stop()`: files on it only read and write their own ids.
 * With `env` or `private: true`, a stack of the file's own, stopped by `stop()`.
 */
export async function startTestStack(opts: TestStackOptions = {}): Promise<Stack> {
  const target = inject("neo4j");
  const neo4j = { ...target, embedded: false, stop: async () => {} };
  if (!opts.env && !opts.private) return opts.gatewayEnv ? withOwnGateway(await leaseShared(neo4j), opts.gatewayEnv) : leaseShared(neo4j);
  return startStack({
    port: 0,
    subgraphPortBase: 0,
    neo4j,
    build: inject("servicesBuild"),
    env: opts.env,
    log: (line) => {
      if (process.env.STACK_LOG) console.log(line);
      recent.push(line);
      if (recent.length > 2000) recent.shift();
    },
    onUnexpectedExit: (name, code) => console.error(`${name} exited unexpectedly (${code}); last output:\n${recent.join("\n")}`),
  });
}

async function leaseShared(neo4j: Stack["neo4j"]): Promise<Stack> {
  const stacks = inject("sharedStacks");
  if (!stacks?.length) throw new Error("no shared stack: this tier's global setup must include test/support/global-stacks.ts");
  const lease = await leaseStack(stacks.length);
  const info = stacks[lease.index];
  connect(neo4j);
  const notHere = (what: string) => async () => {
    throw new Error(`${what}: a shared stack's processes belong to the run; use startTestStack({ private: true })`);
  };
  const proc = (p: SharedStackInfo["gateway"]) => ({ ...p, exited: new Promise<never>(() => {}), stop: notHere(`stopping ${p.name}`), request: notHere(`messaging ${p.name}`) });
  const stack: Stack = {
    gateway: { ...proc(info.gateway), reloadKeys: notHere("reloading the gateway's keys") },
    subgraphs: info.subgraphs.map(proc),
    subgraphUrls: info.subgraphUrls,
    neo4j,
    async stop() {
      lease.release();
      await disconnect();
    },
  };
  sharedLogs.set(stack, info.logFile);
  return stack;
}

/** `stack` with a gateway of its own started with `env` (one process instead of a private stack's six). */
async function withOwnGateway(stack: Stack, env: Record<string, string>): Promise<Stack> {
  const gateway = await spawnGateway(stack, { env }).catch(async (err: unknown) => {
    await stack.stop();
    throw err;
  });
  const own: Stack = {
    ...stack,
    gateway: asGateway(gateway),
    async stop() {
      await gateway.stop();
      await stack.stop();
    },
  };
  // serviceLines: the shared stack's log (its subgraphs' lines; this gateway's are not kept).
  const shared = sharedLogs.get(stack);
  if (shared) sharedLogs.set(own, shared);
  return own;
}

/**
 * One more gateway process on `stack`'s subgraphs, as a load balancer would put beside the first
 * (or a freshly started one, cheaper than a whole stack): `env` adds to the gateway's environment,
 * `log` receives its output lines. Stop it with `stop()`.
 */
export function spawnGateway(stack: Stack, opts: { env?: Record<string, string>; log?: (line: string) => void } = {}): Promise<ServiceProcess> {
  const urls = Object.fromEntries(Object.entries(stack.subgraphUrls).map(([n, u]) => [`SUBGRAPH_URL_${n.toUpperCase()}`, u]));
  return spawnService("gateway", {
    build: inject("servicesBuild"),
    env: { NEO4J_URI: stack.neo4j.uri, NEO4J_USER: stack.neo4j.user, NEO4J_PASSWORD: stack.neo4j.password, NEO4J_DATABASE: stack.neo4j.database, DATA_DIR: config.dataDir, ...urls, PORT: "0", ...opts.env },
    log: opts.log ?? (() => {}),
    onUnexpectedExit: (name, code) => console.error(`${name} exited unexpectedly (${code})`),
  });
}

/** Every line the stack's services have printed so far, prefixed `[service] ` (tests look for log lines in it). */
export function serviceLines(stack: Stack): string[] {
  const file = sharedLogs.get(stack);
  return file ? fs.readFileSync(file, "utf8").split("\n") : [...recent];
}

/**
 * Cypher statements the stack's services have run so far, summed over every service's
 * /metrics (lineage_cypher_statements_total): tests prove round trips stay constant with it.
 */
export async function statementsRun(stack: Stack): Promise<number> {
  let total = 0;
  for (const url of [...stack.subgraphs.map((s) => s.url), stack.gateway.url]) {
    const text = await (await fetch(new URL("/metrics", url))).text();
    // The scrape itself reads the domain gauges from the graph (op "metrics"): not the request's work.
    for (const m of text.matchAll(/^lineage_cypher_statements_total\{([^}]*)\} ([0-9.e+]+)$/gm)) if (!m[1].includes('op="metrics"')) total += Number(m[2]);
  }
  return total;
}

export const token = (sub: string, scopes: string) => issueDevToken(sub, scopes.split(" "), 600);

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

/** POSTs a GraphQL operation to the gateway, as any client would. */
/** The data of a GraphQL answer that must have no errors (the errors are the failure message otherwise). */
export const ok = <T = Record<string, any>>(res: GqlResponse<T>): T => {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};

export async function gql<T = Record<string, any>>(url: string, bearer: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GqlResponse<T>, "status">;
  return { status: res.status, ...body };
}
