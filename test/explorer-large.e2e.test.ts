import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MAX_LINEAGE_NODES } from "../subgraphs/compliance/lineage/store.js";
import { datasetId, runVersion, versionId } from "../subgraphs/datasets/openlineage/mapping.js";
import type { Stack } from "../launcher/stack.js";
import { launchBrowser, pasteToken, screenshot, type TestBrowser } from "./support/browser.js";
import { gql, startTestStack, token, uniq } from "./support/stack.js";

// A lineage larger than one API answer holds, opened in headless Chromium: the API cuts it at its
// node limit and says so, the page draws its nearest part with a visible marker saying how to
// narrow the walk, and the tab keeps answering. Built through the public OpenLineage route: one
// Spark-like run that read more tables than the limit and wrote one table.
const INPUTS = MAX_LINEAGE_NODES + 100;
const PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark";
const facet = (name: string, extra: Record<string, unknown>) => ({
  _producer: PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/1-0-1/${name}.json#/$defs/${name}`,
  ...extra,
});

let stack: Stack;
let browser: TestBrowser;
let reader: string;
let output: string;

beforeAll(async () => {
  stack = await startTestStack();
  reader = await token("explorer-large", "lineage:read");
  const ns = `s3://${uniq("wide")}`;
  const runId = randomUUID();
  const event = {
    eventType: "COMPLETE",
    eventTime: "2026-03-01T06:00:00.000Z",
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId },
    job: { namespace: "spark", name: "wide_join" },
    inputs: Array.from({ length: INPUTS }, (_, i) => ({
      namespace: ns,
      name: `raw/part_${i}`,
      facets: { version: facet("DatasetVersionDatasetFacet", { datasetVersion: "1" }) },
    })),
    outputs: [{ namespace: ns, name: "joined" }],
  };
  const res = await fetch(stack.gateway.url.replace(/\/graphql$/, "/api/v1/lineage"), {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await token("spark-prod", "lineage:write")}` },
    body: JSON.stringify(event),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  output = versionId(datasetId(ns, "joined"), runVersion(runId));
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it("a lineage beyond the API's node limit comes back truncated, drawn in part with a visible marker, and the tab stays usable", async () => {
  const res = await gql(stack.gateway.url, reader, `query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 1) { truncated nodes { id } edges { from } } }`, { id: output });
  expect(res.errors).toBeUndefined();
  const { lineage } = res.data as any;
  // The API stops at its limit (the output table, its run, its dataset and 5,100 inputs lie one hop away).
  expect(lineage.truncated).toBe(true);
  expect(lineage.nodes).toHaveLength(MAX_LINEAGE_NODES);

  const page = await browser.page();
  await page.goto(`http://127.0.0.1:${stack.gateway.port}/explorer/#/node/${encodeURIComponent(output)}?direction=UPSTREAM&depth=1`);
  await pasteToken(page, await token("explorer-user", "lineage:read"));
  await page.locator("#graph[data-ready=true]").waitFor({ timeout: 300_000 });

  // The marker a user sees: the answer was cut at the API's limit, and how to narrow the walk.
  const marker = page.locator("#api-truncated");
  expect(await marker.isVisible()).toBe(true);
  const said = (await marker.textContent())!;
  expect(said).toContain(`more than the ${MAX_LINEAGE_NODES.toLocaleString("en")} nodes one answer holds`);
  expect(said).toMatch(/lower depth.*one direction.*"as of" date/);
  // The page draws the nearest part of what the API returned, and says so too.
  const status = page.locator("#graph-status");
  expect(Number(await status.getAttribute("data-api-nodes"))).toBe(lineage.nodes.length);
  const drawn = Number(await status.getAttribute("data-drawn-nodes"));
  // The page's own drawing cap, read from its module (a string, so vitest leaves the import alone).
  const cap = await page.evaluate<number>(`import("/explorer/js/views/lineage.js").then((m) => m.MAX_DRAWN)`);
  expect(drawn).toBe(Math.min(cap, lineage.nodes.length));
  if (drawn < lineage.nodes.length) {
    expect(await page.locator("#drawn-cap").isVisible()).toBe(true);
    expect(await page.locator("#drawn-cap").textContent()).toContain(`nearest ${drawn.toLocaleString("en")} of the ${lineage.nodes.length.toLocaleString("en")} nodes`);
  }
  await screenshot(page, "lineage-truncated");

  // Still responsive: filtering the node list and picking a node with the keyboard both answer.
  const fifth = (await page.locator(".node-list button").nth(4).textContent())!.replace(/ \S+$/, "").trim();
  await page.locator("#node-filter").fill(fifth);
  const first = page.locator(".node-list button").first();
  await page.waitForFunction((label) => document.querySelector(".node-list button")?.textContent?.startsWith(`${label} `), fifth);
  const label = (await first.textContent())!.replace(/ \S+$/, "").trim();
  expect(label).toBe(fifth);
  await first.focus();
  await page.keyboard.press("Enter");
  await page.locator("#node-facts h2", { hasText: label }).waitFor();
  expect(browser.problems).toEqual([]);
  await page.close();
}, 600_000);
