import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed, type SeedSummary } from "../tools/seed/index.js";
import type { Stack } from "../launcher/stack.js";
import { launchBrowser, pasteToken, screenshot, type TestBrowser } from "./support/browser.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

// The Lineage Explorer in headless Chromium against a real stack, on a world built by the seed
// through the API (own prefix, so it stays apart from other tests' data).
const prefix = `${uniq("web")}-`;
const ALL = "lineage:read reports:read audit:read";

let stack: Stack;
let world: SeedSummary;
let browser: TestBrowser;
let base: string;
let reader: string;

const api = async <T = any>(query: string, variables: Record<string, unknown> = {}) => {
  const res = await gql<T>(stack.gateway.url, reader, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
};

async function signedIn(hash: string, scopes = ALL) {
  const page = await browser.page();
  await page.goto(`${base}/explorer/${hash}`);
  await pasteToken(page, await token("explorer-user", scopes));
  return page;
}

beforeAll(async () => {
  stack = await startTestStack();
  base = `http://127.0.0.1:${stack.gateway.port}`;
  reader = await token("explorer-test", ALL);
  world = await seed({ url: stack.gateway.url, tokens: (who) => token(who.sub, who.scopes.join(" ")), decisions: 60, prefix, batchSize: 60, concurrency: 2 });
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("explorer: serving", () => {
  it("serves the app with a strict Content-Security-Policy and library code from the installed packages", async () => {
    const res = await fetch(`${base}/explorer/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    const lib = await fetch(`${base}/explorer/vendor/cytoscape.mjs`);
    expect(lib.status).toBe(200);
    expect(await lib.text()).toBe(await fs.readFile("node_modules/cytoscape/dist/cytoscape.esm.min.mjs", "utf8"));
    expect((await fetch(`${base}/explorer/../package.json`)).status).toBe(404);
    expect((await fetch(`${base}/explorer/%2e%2e/package.json`)).status).toBe(404);
  });
});

describe("explorer: sign in, lineage, trace, documents", () => {
  it("signs in with a pasted token and lands on the deep link it was opened with", async () => {
    const page = await browser.page();
    await page.goto(`${base}/explorer/#/audit`);
    await page.locator("h1", { hasText: "Sign in" }).waitFor();
    await pasteToken(page, await token("explorer-user", ALL));
    await page.locator("#audit-verdict").waitFor();
    expect(await page.locator("#audit-verdict").textContent()).toMatch(/^Intact: all \d+ events chain to the head\.$/);
    expect(await page.locator("#who").textContent()).toContain("explorer-user");
    await page.close();
  });

  it("searches, lists what the API finds, and opens a hit", async () => {
    const text = "TalentMatch";
    const { search } = await api(`query($t: String!) { search(text: $t, first: 50) { totalCount edges { node { id kind label } } } }`, { t: text });
    const page = await signedIn("#/");
    await page.locator("#q").fill(text);
    await page.keyboard.press("Enter");
    await page.locator("#result-count").waitFor();
    expect(await page.locator("#result-count").textContent()).toBe(`${search.totalCount} result${search.totalCount === 1 ? "" : "s"}`);
    const labels = await page.locator(".hits li a").allTextContents();
    expect(labels).toEqual(search.edges.map((e: any) => e.node.label));
    const mine = search.edges.find((e: any) => e.node.kind === "AISystem" && e.node.label.startsWith(prefix));
    expect(mine).toBeDefined();
    await page.locator(`.hits li a[href="#/system/${encodeURIComponent(mine.node.id)}"]`).click();
    await page.locator("h1", { hasText: `${prefix}Lumen TalentMatch` }).waitFor();
    await screenshot(page, "system");
    await page.goto(`${base}/explorer/#/systems`);
    const { aiSystems } = await api(`{ aiSystems(first: 50) { totalCount } }`);
    await page.locator("p.count").waitFor();
    expect(await page.locator("p.count").textContent()).toBe(`${Math.min(50, aiSystems.totalCount)} of ${aiSystems.totalCount}`);
    await page.close();
  });

  it("draws a lineage with as many nodes as the API answers, and shows a node's facts on click", async () => {
    const { traceDecision } = await api(`query($id: ID!) { traceDecision(id: $id) { modelVersion { id } } }`, { id: world.ids.sovereigntyGapDecision });
    const mv = traceDecision.modelVersion.id;
    const { lineage } = await api(`query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 6) { nodes { id label } edges { from } truncated } }`, { id: mv });
    const page = await signedIn(`#/node/${mv}?direction=UPSTREAM&depth=6`);
    await page.locator("#graph[data-ready=true]").waitFor();
    const status = page.locator("#graph-status");
    expect(Number(await status.getAttribute("data-drawn-nodes"))).toBe(lineage.nodes.length);
    expect(Number(await status.getAttribute("data-drawn-edges"))).toBe(lineage.edges.length);
    // The nodes cytoscape holds are the API's nodes.
    const drawn = await page.evaluate(() => document.querySelectorAll(".node-list li").length);
    expect(drawn).toBe(Math.min(100, lineage.nodes.length));
    await screenshot(page, "lineage");
    // Keyboard: pick a node in the list with Tab/Enter, its facts appear.
    const first = page.locator(".node-list button").first();
    await first.focus();
    await page.keyboard.press("Enter");
    const label = (await first.textContent())!.replace(/ \S+$/, "").trim();
    await page.locator("#node-facts h2", { hasText: label }).waitFor();
    // The state is in the URL: changing the direction keeps the id and is a shareable link.
    await page.locator("select[name=direction]").selectOption("BOTH");
    await page.getByRole("button", { name: "Draw" }).click();
    await page.waitForURL(/direction=BOTH&depth=6/);
    await page.close();
  });

  it("draws the hiring decision's trace with its sovereignty gap and checks each approval's signature in the page", async () => {
    const { traceDecision: t } = await api(
      `query($id: ID!) { traceDecision(id: $id) { complete gaps approvals { id } modelVersion { id } datasets { id version dataset { name } } compute { id cluster { site { id name } } } } }`,
      { id: world.ids.sovereigntyGapDecision },
    );
    expect(t.complete).toBe(false);
    const page = await signedIn(`#/trace/${world.ids.sovereigntyGapDecision}`);
    await page.locator("#graph[data-ready=true]").waitFor();
    expect(await page.locator("#trace-verdict").textContent()).toBe(`Incomplete: ${t.gaps.length} gap${t.gaps.length === 1 ? "" : "s"}.`);
    const gaps = await page.locator("#gaps li.gap").allTextContents();
    expect(gaps).toHaveLength(t.gaps.length);
    // Gaps name nodes by their labels, never by raw ids (the id stays in the tooltip).
    const ids = [t.modelVersion.id, ...t.datasets.map((d: any) => d.id), ...t.compute.flatMap((c: any) => [c.id, c.cluster.site.id])];
    for (const g of gaps) for (const id of ids) expect(g).not.toContain(id);
    const sovereignty = t.gaps.findIndex((g: string) => /trained outside the EU sovereignty zone/.test(g));
    const named = t.datasets.find((d: any) => t.gaps[sovereignty].includes(d.id));
    const site = t.compute.map((c: any) => c.cluster.site).find((x: any) => t.gaps[sovereignty].includes(x.id));
    expect(gaps[sovereignty]).toMatch(new RegExp(`^dataset ${named.dataset.name} ${named.version}: personal data .* trained outside the EU sovereignty zone \\(.* GPU h on .* at site ${site.name},`));
    expect(await page.locator("#gaps li.gap").nth(sovereignty).locator("strong.gap-node").first().getAttribute("title")).toBe(`DatasetVersion ${named.id}`);
    // The dataset and the US site named by the gap are highlighted rows.
    expect(await page.locator("tr.gap").count()).toBeGreaterThanOrEqual(2);
    await page.locator("td.signature[data-verified]").nth(t.approvals.length - 1).waitFor();
    expect(await page.locator("td.signature[data-verified=true]").count()).toBe(t.approvals.length);
    await screenshot(page, "trace-hiring");
    await page.close();
  });

  it("shows a system's Annex IV completeness and downloads its document", async () => {
    const { technicalDocumentation: doc } = await api(`query($id: ID!) { technicalDocumentation(systemId: $id, format: MARKDOWN) { completeness content } }`, { id: world.ids.highRiskSystem });
    const page = await signedIn(`#/system/${world.ids.highRiskSystem}`);
    await page.locator("#annex-completeness").waitFor();
    expect(await page.locator("#annex-completeness").textContent()).toBe(`Complete: ${Math.round(doc.completeness * 100)} %`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("button.download[data-format=MARKDOWN]").click()]);
    expect(download.suggestedFilename()).toBe(`annex-iv-${world.ids.highRiskSystem}.md`);
    const saved = await fs.readFile((await download.path())!, "utf8");
    // Same document, but generatedAt differs between two generations: compare the first heading.
    expect(saved.split("\n")[0]).toBe(doc.content.split("\n")[0]);
    expect(saved.length).toBeGreaterThan(500);
    await page.close();
  });
});

describe("explorer: bad input", () => {
  it("a token without lineage:read sees a clear 'not allowed' view", async () => {
    const page = await signedIn(`#/node/${world.ids.revokedModelVersion}`, "reports:read");
    await page.locator("h1.not-allowed").waitFor();
    expect(await page.locator("h1").textContent()).toBe("Not allowed");
    expect(await page.locator("main").textContent()).toContain("lineage:read");
    await page.close();
  });

  it("an expired token, and a token the gateway refuses, lead back to sign-in", async () => {
    const { issueDevToken } = await import("../runtime/auth/dev-issuer.js");
    const page = await browser.page();
    await page.goto(`${base}/explorer/#/audit`);
    await pasteToken(page, await issueDevToken("explorer-user", ALL.split(" "), -3600));
    await page.locator("[role=alert]", { hasText: "expired" }).waitFor();
    expect(await page.locator("h1").textContent()).toBe("Sign in");
    // Signature broken: only the gateway can tell; its 401 sends the user back to sign-in.
    const good = await token("explorer-user", ALL);
    await pasteToken(page, `${good.slice(0, -6)}AAAAAA`);
    await page.locator("[role=alert]", { hasText: "refused" }).waitFor();
    expect(await page.locator("h1").textContent()).toBe("Sign in");
    expect(await page.evaluate(() => sessionStorage.getItem("explorer.token"))).toBeNull();
    await page.close();
  });

  it("an unknown id in the URL shows 'not found'", async () => {
    const page = await signedIn(`#/node/no-such-node-${prefix}`);
    await page.locator("h1.not-found").waitFor();
    await page.goto(`${base}/explorer/#/trace/no-such-decision-${prefix}`);
    await page.locator("h1.not-found").waitFor();
    expect(await page.locator("main").textContent()).toContain(`No decision no-such-decision-${prefix}`);
    await page.close();
  });
});

describe("explorer: Content-Security-Policy", () => {
  // Runs last: every page above (graphs drawn by cytoscape included) worked under the strict policy.
  it("no page above had anything refused by the Content-Security-Policy", () => {
    expect(browser.problems.filter((p) => /Content Security Policy/i.test(p))).toEqual([]);
  });
});
