import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type RunningGateway } from "../gateway/index.js";
import type { Stack } from "../launcher/stack.js";
import { launchBrowser, type TestBrowser } from "./support/browser.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

// GraphiQL on GET /graphql: served by the gateway with every asset inline (no CDN), the bearer
// token set in its headers editor; off in production unless enabled (GRAPHIQL=1). Checked over
// HTTP and in a real browser (Debian's chromium through playwright-core).

let stack: Stack;
let prodOff: RunningGateway;
let prodOn: RunningGateway;
let browser: TestBrowser | undefined;
const name = uniq("graphiql");

const page = (url: string, accept = "text/html") => fetch(url, { headers: { accept } });

beforeAll(async () => {
  stack = await startTestStack();
  // Two production gateways over the same subgraphs: the default (GraphiQL off) and GRAPHIQL=1.
  const prod = { port: 0, host: "127.0.0.1", subgraphs: stack.subgraphUrls, production: true, issuers: [] };
  prodOff = await startGateway(prod);
  prodOn = await startGateway({ ...prod, graphiql: true });
  const writer = await token("graphiql-pipeline", "lineage:write");
  const res = await gql(stack.gateway.url, writer, `mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, {
    i: { name, version: "1", intendedPurpose: "shown in GraphiQL", providerName: "Acme", riskCategory: "MINIMAL" },
  });
  expect(res.errors).toBeUndefined();
});
afterAll(async () => {
  await browser?.close();
  await prodOn?.stop();
  await prodOff?.stop();
  await stack?.stop();
});

/** Places a page would load from outside: script/link/img/iframe sources, CSS url() and @import. */
function externalReferences(html: string): string[] {
  const patterns = [/\b(?:src|href|action)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi, /url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi, /@import\s+["']((?:https?:)?\/\/[^"']+)/gi];
  return patterns.flatMap((p) => [...html.matchAll(p)].map((m) => m[1]));
}

describe("GraphiQL", () => {
  it("a browser's GET on /graphql gets GraphiQL with every asset inline (no external URL)", async () => {
    const res = await page(stack.gateway.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("<title>AI lineage graph - GraphiQL</title>");
    expect(html).toMatch(/Bearer <token>|Bearer \\u003ctoken/);
    expect(externalReferences(html)).toEqual([]);
    // Its own policy: only its inline scripts (by hash), requests to this origin, never inside a frame.
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(csp).toContain("connect-src 'self'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    // The check itself finds what a CDN-backed page would load.
    expect(externalReferences(`<script src="https://cdn.example/g.js"></script><link href='//fonts.example/f.css'><style>a{background:url(https://x.example/i.png)}</style>`)).toHaveLength(3);
    // A JSON client's GET on the same URL is still GraphQL (and still needs its token).
    const api = await page(`${stack.gateway.url}?query=${encodeURIComponent("{ aiSystems(first: 1) { totalCount } }")}`, "application/json");
    const body = (await api.json()) as { data?: { aiSystems?: unknown } | null; errors?: unknown[] };
    expect(body.data?.aiSystems ?? null).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
  });

  it("is off in production, on there when enabled (GRAPHIQL=1)", async () => {
    const off = await page(prodOff.url);
    expect(await off.text()).not.toContain("<html");
    const on = await page(prodOn.url);
    expect(on.status).toBe(200);
    expect(await on.text()).toContain("<title>AI lineage graph - GraphiQL</title>");
  });

  it("loads in Chromium from the gateway alone and runs a query with the token from its headers editor", async () => {
    browser = await launchBrowser();
    const tab = await browser.context.newPage();
    const requests: string[] = [];
    tab.on("request", (r) => requests.push(r.url()));
    // Anything the page's Content-Security-Policy blocked (the browser reports each in the console).
    const blocked: string[] = [];
    tab.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text().slice(0, 300));
    });
    await tab.goto(stack.gateway.url, { waitUntil: "load" });
    await tab.locator(".graphiql-execute-button").waitFor();

    /**
     * Replaces the text of one of GraphiQL's editors as a paste would: one edit through the
     * editor's own API (GraphiQL keeps its Monaco on `globalThis.__MONACO`), so the result
     * depends on neither the browser build's keyboard handling (EditContext or textarea) nor
     * focus, nor on Monaco's auto-closing of brackets while typing.
     */
    const fill = async (editor: string, text: string) => {
      await tab.waitForFunction((e) => (globalThis as any).__MONACO?.editor.getEditors().some((ed: any) => ed.getModel()?.uri.toString().endsWith(e)), editor);
      await tab.evaluate(([e, t]) => {
        const ed = (globalThis as any).__MONACO.editor.getEditors().find((x: any) => x.getModel()?.uri.toString().endsWith(e));
        ed.executeEdits("paste", [{ range: ed.getModel().getFullModelRange(), text: t }]);
      }, [editor, text] as const);
    };
    /** Clicks Execute; waits for the request it sends and its answer (events, not deadlines), then for the response pane to show it. */
    const run = async (expected: string) => {
      // Execute only when GraphiQL shows it is idle (its button reads "Execute", not "Stop":
      // a click while a request is in flight stops it instead).
      await tab.locator('.graphiql-execute-button[aria-label^="Execute"]').waitFor();
      const [response] = await Promise.all([
        tab.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(stack.gateway.url)),
        tab.locator(".graphiql-execute-button").click(),
      ]);
      sent.push({ body: response.request().postData() ?? "", authorization: (await response.request().allHeaders()).authorization ?? "" });
      expect(await response.text()).toContain(expected);
      await tab.waitForFunction((t) => (document.querySelector(".graphiql-response")?.textContent ?? "").includes(t), expected);
      // The editor's code lines only (not its line-number gutter); Monaco renders spaces as U+00A0.
      return (await tab.locator(".graphiql-response .view-lines").innerText()).replace(/\u00a0/g, " ");
    };
    const sent: { body: string; authorization: string }[] = [];
    const query = `query Mine { aiSystems(filter: {nameContains: "${name}"}) { totalCount edges { node { name } } } }`;
    const bearer = `Bearer ${await token("graphiql-reader", "lineage:read")}`;
    await fill("operation.graphql", query);
    // GraphiQL takes the operation's name from the edited document (debounced): its tab shows it once taken.
    await tab.locator(".graphiql-tab-active", { hasText: "Mine" }).waitFor();
    // The placeholder token from the headers editor is refused...
    expect(await run("UNAUTHENTICATED")).not.toContain(`"totalCount"`);
    // ...a real one pasted there is used.
    await fill("request-headers.json", JSON.stringify({ Authorization: bearer }));
    const answer = JSON.parse(await run(name));
    expect(answer).toEqual({ data: { aiSystems: { totalCount: 1, edges: [{ node: { name } }] } } });
    // What GraphiQL sent: the pasted operation both times, the placeholder first, the pasted token then.
    expect(sent.map((s) => JSON.parse(s.body).operationName)).toEqual(["Mine", "Mine"]);
    expect(sent.map((s) => s.authorization)).toEqual(["Bearer <token>", bearer]);

    // The policy blocked nothing GraphiQL needs (scripts, editor workers, styles, fonts, the POSTs).
    expect(blocked).toEqual([]);

    // Another site cannot frame it (frame-ancestors 'none', X-Frame-Options: DENY): the frame stays empty.
    const framer = await browser.context.newPage();
    const [framed] = await Promise.all([
      framer.waitForEvent("console", (m) => /frame-ancestors|X-Frame-Options/i.test(m.text())),
      framer.setContent(`<iframe src="${stack.gateway.url}" width="800" height="600"></iframe>`),
    ]);
    expect(framed.text()).toMatch(/frame-ancestors 'none'|X-Frame-Options/);
    expect(await framer.frames()[1]?.locator(".graphiql-container").count()).toBe(0);
    await framer.close();

    const origin = new URL(stack.gateway.url).origin;
    expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith(`blob:${origin}/`) && !u.startsWith("data:"))).toEqual([]);
  }, 240_000);
});
