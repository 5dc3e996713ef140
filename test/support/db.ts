import { inject } from "vitest";
import type { Caller } from "../../runtime/auth/caller.js";
import { newContext, type Ctx } from "../../runtime/context.js";
import { connect, disconnect, write } from "../../runtime/db.js";

/** Connects this test file's driver to the run's Neo4j (provisioned by the global setup). */
export function connectTestDb(): void {
  connect(inject("neo4j"));
}
export { disconnect };

/** A resolver context for calling data modules directly, as the subgraphs do. */
export const ctxFor = (sub: string, scopes: string[] = ["lineage:read", "lineage:write"]): Ctx =>
  newContext({ sub, scopes } satisfies Caller, crypto.randomUUID());

/** Runs raw Cypher, for tests that look at (or tamper with) the graph behind the API's back. */
export async function cypher<T = Record<string, unknown>>(text: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return write({ op: "test" }, (tx) => tx.run<T & Record<string, unknown>>({ cypher: text, params })) as Promise<T[]>;
}
