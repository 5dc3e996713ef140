import { inject } from "vitest";
import { issueDevToken } from "../../runtime/auth/dev-issuer.js";
import { startStack, type Stack } from "../../tools/stack.js";
export { uniq } from "./uniq.js";

/** Starts the whole stack (five subgraphs + gateway on free ports) on the run's Neo4j. */
export async function startTestStack(): Promise<Stack> {
  const target = inject("neo4j");
  return startStack({ port: 0, subgraphPortBase: 0, neo4j: { ...target, embedded: false, stop: async () => {} } });
}

export const token = (sub: string, scopes: string) => issueDevToken(sub, scopes.split(" "), 600);

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

/** POSTs a GraphQL operation to the gateway, as any client would. */
export async function gql<T = Record<string, any>>(url: string, bearer: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GqlResponse<T>, "status">;
  return { status: res.status, ...body };
}
