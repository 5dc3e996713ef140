// type-graphql needs the Reflect metadata polyfill before any decorated class loads, whatever the import order.
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
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

  it("a bookmark this API never issued is refused at the gateway: BAD_USER_INPUT, HTTP 400, never retryable", async () => {
    const issued = (await post(stack.gateway.url, writer, REGISTER, { i: { name: uniq("ryw"), version: "1", intendedPurpose: "route tickets", providerName: "Acme", riskCategory: "MINIMAL" } })).header!;
    const dot = issued.lastIndexOf(".");
    const neo4jPart = issued.slice(0, dot);
    // Well-formed forgeries: the bare Neo4j bookmark, a changed one under the issued tag, a made-up one.
    const tampered = `${neo4jPart.slice(0, -3)}${neo4jPart.at(-3) === "A" ? "B" : "A"}${neo4jPart.slice(-2)}${issued.slice(dot)}`;
    for (const forged of [neo4jPart, tampered, "FB:kcwQ7YumPStdSsGCXxJnDaV5iMkAypA=.AAAAAAAAAAAAAAAAAAAAAA", "FB:not-a-real-bookmark"]) {
      const res = await post(stack.gateway.url, writer, READ, { id: "sys_any" }, forged);
      expect(res.status, forged).toBe(400);
      expect(res.errors?.[0]).toMatchObject({ message: "x-neo4j-bookmark: not a bookmark this API issued", extensions: { code: "BAD_USER_INPUT", field: "x-neo4j-bookmark" } });
      expect(res.errors?.[0].extensions).not.toHaveProperty("retryable");
    }

    const malformed = await post(stack.gateway.url, writer, READ, { id: "sys_any" }, "has spaces; and <junk>");
    expect(malformed.status).toBe(400);
    expect(malformed.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("110 forged bookmarks at once hold up nothing: each is refused, and reads sent behind them are answered", async () => {
    const created = await post(stack.gateway.url, writer, REGISTER, { i: { name: uniq("ryw"), version: "1", intendedPurpose: "route tickets", providerName: "Acme", riskCategory: "MINIMAL" } });
    const id = created.data!.registerAISystem.id as string;
    const issued = created.header!;
    const forged = Array.from({ length: 110 }, (_, i) => post(stack.gateway.url, writer, READ, { id }, `${issued.slice(0, issued.lastIndexOf("."))}.${String(i).padStart(22, "x")}`));
    // Sent after all 110, with the genuine bookmark: answered with the write it waits for.
    const genuine = Array.from({ length: 5 }, () => post(stack.gateway.url, writer, READ, { id }, issued));
    const [refused, answered] = await Promise.all([Promise.all(forged), Promise.all(genuine)]);
    for (const r of refused) {
      expect(r.status).toBe(400);
      expect(r.errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "x-neo4j-bookmark" });
    }
    expect(refused).toHaveLength(110);
    for (const r of answered) expect(r.data?.aiSystem?.id).toBe(id);
  });
});
