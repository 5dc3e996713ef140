import { expect, inject } from "vitest";
import { issueDevToken } from "../../runtime/auth/dev-issuer.js";
import { startStack, type Stack } from "../../tools/stack.js";
export { uniq } from "./uniq.js";

/** Last lines of the services' output (prefixed `[service] `): tests look for log lines in it. */
export const serviceOutput: string[] = [];
const recent = serviceOutput;

/**
 * Starts the stack as `npm start` runs it (five subgraph processes + the gateway process, on
 * free ports) on the run's Neo4j. Services' output is kept quiet unless one dies unexpectedly.
 */
export async function startTestStack(opts: { env?: Record<string, string> } = {}): Promise<Stack> {
  const target = inject("neo4j");
  return startStack({
    port: 0,
    subgraphPortBase: 0,
    neo4j: { ...target, embedded: false, stop: async () => {} },
    env: opts.env,
    log: (line) => {
      if (process.env.STACK_LOG) console.log(line);
      recent.push(line);
      if (recent.length > 2000) recent.shift();
    },
    onUnexpectedExit: (name, code) => console.error(`${name} exited unexpectedly (${code}); last output:\n${recent.join("\n")}`),
  });
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
