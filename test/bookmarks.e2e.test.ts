// type-graphql needs the Reflect metadata polyfill before any decorated class loads, whatever the import order.
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../tools/stack.js";
import { startTestStack, token, uniq } from "./support/stack.js";

const REGISTER = `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id name } }`;
const READ = `query($id: ID!) { aiSystem(id: $id) { id name } }`;

/** A GraphQL POST that also returns the response headers and extensions. */
async function post(url: string, bearer: string, query: string, variables: Record<string, unknown>, bookmark?: string) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${bearer}`, ...(bookmark ? { "x-neo4j-bookmark": bookmark } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> };
  return { status: res.status, header: res.headers.get("x-neo4j-bookmark"), ...body };
}

describe("read-your-writes with Neo4j bookmarks", () => {
  let stack: Stack;
  let writer: string;
  beforeAll(async () => {
    stack = await startTestStack();
    writer = await token("pipeline", "lineage:write lineage:read");
  });
  afterAll(() => stack?.stop());

  it("a mutation returns its bookmark; a read presenting it sees the write", async () => {
    const name = uniq("ryw");
    const created = await post(stack.gateway.url, writer, REGISTER, { i: { name, version: "1", intendedPurpose: "route tickets", providerName: "Acme", riskCategory: "MINIMAL" } });
    expect(created.errors).toBeUndefined();
    expect(created.header).toMatch(/^[A-Za-z0-9+/=:_.-]+(,[A-Za-z0-9+/=:_.-]+)*$/);
    expect(created.extensions?.bookmark).toBe(created.header);

    const read = await post(stack.gateway.url, writer, READ, { id: created.data!.registerAISystem.id }, created.header!);
    expect(read.errors).toBeUndefined();
    expect(read.data!.aiSystem).toEqual({ id: created.data!.registerAISystem.id, name });
    // A read commits nothing, so it hands out no new bookmark.
    expect(read.header).toBeNull();

    // A later write chained on the first one's bookmark returns a different (newer) bookmark.
    const second = await post(stack.gateway.url, writer, REGISTER, { i: { name: uniq("ryw"), version: "1", intendedPurpose: "route tickets", providerName: "Acme", riskCategory: "MINIMAL" } }, created.header!);
    expect(second.errors).toBeUndefined();
    expect(second.header).toBeTruthy();
    expect(second.header).not.toBe(created.header);
  });

  it("the bookmark really reaches Neo4j: one it never issued is refused, a malformed one never leaves the gateway", async () => {
    const forged = await post(stack.gateway.url, writer, READ, { id: "sys_any" }, "FB:not-a-real-bookmark");
    expect(forged.errors?.[0]).toMatchObject({ message: "x-neo4j-bookmark: not a bookmark of this database", extensions: { code: "BAD_USER_INPUT" } });

    const malformed = await post(stack.gateway.url, writer, READ, { id: "sys_any" }, "has spaces; and <junk>");
    expect(malformed.status).toBe(400);
    expect(malformed.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});
