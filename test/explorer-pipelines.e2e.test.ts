import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetId, jobId } from "../subgraphs/datasets/openlineage/mapping.js";
import type { Stack } from "../launcher/stack.js";
import { launchBrowser, pasteToken, screenshot, type TestBrowser } from "./support/browser.js";
import { startTestStack, token, uniq } from "./support/stack.js";

// The explorer for pipeline teams, in headless Chromium against a real stack: OpenLineage events
// sent through POST /api/v1/lineage, then read as a user sees them (column lineage, a job's run
// history, a dataset's schema and facets, graphs fitted to the view).
const u = uniq("pipe").replace("-", "");
const PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0";
const facet = (name: string, extra: object) => ({ _producer: PRODUCER, _schemaURL: `https://openlineage.io/spec/facets/1-0-1/${name}.json#/$defs/${name}`, ...extra });
const T0 = Date.UTC(2026, 5, 1, 6, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();

const pg = `postgres://wh-${u}:5432`;
const jobNs = `airflow-${u}`;
const raw = { namespace: pg, name: "shop.public.raw_orders" };
const daily = { namespace: pg, name: "shop.analytics.orders_daily" };
const report = { namespace: `s3://reports-${u}`, name: "finance/revenue" };
const load = { namespace: jobNs, name: "orders.load_daily" };
const publish = { namespace: jobNs, name: "orders.publish" };

const schema = (fields: { name: string; type: string; description?: string }[]) => facet("SchemaDatasetFacet", { fields });
const lineage = (fields: Record<string, { from: typeof raw; field: string; type: string; subtype: string }[]>) =>
  facet("ColumnLineageDatasetFacet", {
    fields: Object.fromEntries(Object.entries(fields).map(([k, ins]) => [k, { inputFields: ins.map((i) => ({ ...i.from, field: i.field, transformations: [{ type: i.type, subtype: i.subtype }] })) }])),
  });
const RAW_FIELDS = [{ name: "order_id", type: "integer", description: "the shop's order number" }, { name: "amount", type: "decimal(10,2)" }];
const rawDs = { ...raw, facets: { schema: schema(RAW_FIELDS), dataSource: facet("DatasourceDatasetFacet", { name: `wh-${u}`, uri: pg }) } };
const dailyDs = {
  ...daily,
  facets: {
    schema: schema([{ name: "order_id", type: "integer" }, { name: "revenue", type: "decimal(12,2)" }]),
    columnLineage: lineage({ order_id: [{ from: raw, field: "order_id", type: "DIRECT", subtype: "IDENTITY" }], revenue: [{ from: raw, field: "amount", type: "DIRECT", subtype: "AGGREGATION" }] }),
  },
};
const reportDs = { ...report, facets: { schema: schema([{ name: "total", type: "decimal(14,2)" }]), columnLineage: lineage({ total: [{ from: daily, field: "revenue", type: "DIRECT", subtype: "AGGREGATION" }] }) } };

const runEvent = (eventType: string, ms: number, job: object, runId: string, inputs: object[], outputs: object[]) => ({
  eventType, eventTime: at(ms), producer: PRODUCER, schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  run: { runId, facets: eventType === "FAIL" ? { errorMessage: facet("ErrorMessageRunFacet", { message: "disk full", programmingLanguage: "python" }) } : {} },
  job: { ...job, facets: { documentation: facet("DocumentationJobFacet", { description: "loads the daily orders" }) } }, inputs, outputs,
});
const [done, failed, running, published] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

let stack: Stack;
let browser: TestBrowser;
let base: string;

async function signedIn(hash: string) {
  const page = await browser.page();
  // Other files load the shared stack at the same time: waits are for events, with room to spare.
  page.setDefaultTimeout(90_000);
  await page.goto(`${base}/explorer/${hash}`);
  await pasteToken(page, await token("pipeline-team", "lineage:read"));
  return page;
}
const q = (p: Record<string, string>) => new URLSearchParams(p).toString();
const rowsOf = (page: Page, selector: string) => page.locator(`${selector} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));

/** The drawing's rendered box lies within the graph's container, which was fitted at its current size. */
async function fittedInside(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox();
  const size = `${Math.round(box!.width)}x${Math.round(box!.height)}`;
  await page.waitForFunction(([sel, s]) => document.querySelector<HTMLElement>(sel)?.dataset.fittedTo === s, [selector, size] as const);
  const [x1, y1, x2, y2] = (await page.locator(selector).getAttribute("data-drawn-box"))!.split(" ").map(Number);
  expect(x1).toBeGreaterThanOrEqual(0);
  expect(y1).toBeGreaterThanOrEqual(0);
  expect(x2).toBeLessThanOrEqual(box!.width);
  expect(y2).toBeLessThanOrEqual(box!.height);
  // Fitted, not merely inside: the drawing spans the width or the height of the view (20 px padding each side).
  expect(Math.max(x2 - x1 - (box!.width - 40), y2 - y1 - (box!.height - 40))).toBeGreaterThan(-3);
  return size;
}

beforeAll(async () => {
  stack = await startTestStack();
  base = stack.gateway.url.replace(/\/graphql$/, "");
  const writer = await token(`airflow-${u}`, "lineage:write");
  const events = [
    runEvent("START", 0, load, done, [rawDs], [dailyDs]),
    runEvent("COMPLETE", 65_000, load, done, [rawDs], [dailyDs]),
    runEvent("START", 3_600_000, load, failed, [rawDs], [dailyDs]),
    runEvent("FAIL", 3_612_400, load, failed, [rawDs], [dailyDs]),
    runEvent("START", 7_200_000, load, running, [rawDs], [dailyDs]),
    runEvent("START", 70_000, publish, published, [daily], [reportDs]),
    runEvent("COMPLETE", 70_850, publish, published, [daily], [reportDs]),
  ];
  const res = await fetch(`${base}/api/v1/lineage/batch`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${writer}` }, body: JSON.stringify(events) });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(((await res.json()) as any).summary.failed).toBe(0);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("explorer for pipeline teams", () => {
  it("shows a dataset's column lineage, upstream and downstream, drawn and listed by column names", async () => {
    const page = await signedIn(`#/table?${q(daily)}`);
    await page.locator("#column-graph[data-ready=true]").waitFor();
    expect(await page.locator("h1").textContent()).toBe("Dataset shop.analytics.orders_daily");
    const rows = await rowsOf(page, "#column-edges");
    expect(rows).toEqual(expect.arrayContaining([
      ["shop.analytics.orders_daily.order_id", "shop.public.raw_orders.order_id", "DIRECT/IDENTITY"],
      ["shop.analytics.orders_daily.revenue", "shop.public.raw_orders.amount", "DIRECT/AGGREGATION"],
      [`finance/revenue.total (${report.namespace})`, "shop.analytics.orders_daily.revenue", "DIRECT/AGGREGATION"],
    ]));
    expect(rows).toHaveLength(3);
    expect(await page.locator("#column-status").textContent()).toBe("5 columns and 3 derivations (depth 5, upstream and downstream).");
    await fittedInside(page, "#column-graph");
    await screenshot(page, "pipeline-column-lineage");

    // Upstream only: the report's column is no longer part of it.
    await page.getByLabel("with downstream columns").uncheck();
    await page.getByRole("button", { name: "Draw" }).click();
    await page.locator("#column-status", { hasText: ", upstream)." }).waitFor();
    expect((await rowsOf(page, "#column-edges")).map((r) => r[0])).not.toContain(`finance/revenue.total (${report.namespace})`);
    await page.close();
  });

  it("shows a dataset's schema and its facets as reported", async () => {
    const page = await signedIn(`#/table?${q(raw)}`);
    await page.locator("#schema").waitFor();
    expect(await rowsOf(page, "#schema")).toEqual([["order_id", "integer", "the shop's order number", "not recorded"], ["amount", "decimal(10,2)", "not recorded", "not recorded"]]);
    const source = page.locator('#dataset-facets details[data-facet="dataSource"]');
    await source.locator("summary").click();
    await source.locator("pre").waitFor({ state: "visible" });
    expect(JSON.parse((await source.locator("pre").textContent())!)).toMatchObject({ name: `wh-${u}`, uri: pg });
    // Its columns' lineage runs downstream, to the columns derived from them.
    await page.locator("#column-graph[data-ready=true]").waitFor();
    expect(await rowsOf(page, "#column-edges")).toContainEqual(["shop.analytics.orders_daily.revenue", "shop.public.raw_orders.amount", "DIRECT/AGGREGATION"]);
    await page.close();
  });

  it("shows a job's run history, latest first, with states and durations", async () => {
    const page = await signedIn(`#/job?${q(load)}`);
    await page.locator("#runs").waitFor();
    expect(await page.locator("h1").textContent()).toBe("Job orders.load_daily");
    const rows = await rowsOf(page, "#runs");
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      [running, "RUNNING", `running since ${at(7_200_000).replace("T", " ").replace(/\.\d+Z$/, " UTC")}`],
      [failed, "FAILED", "12.4 s"],
      [done, "COMPLETED", "1 min 5 s"],
    ]);
    expect(await page.locator("#run-count").textContent()).toBe("3 of 3 runs");
    const error = page.locator(`#run-facets-${failed} details[data-facet="errorMessage"]`);
    await error.locator("summary").click();
    expect(await error.locator("pre").textContent()).toContain("disk full");
    // Its inputs and outputs open their dataset pages.
    await page.getByRole("link", { name: daily.name }).click();
    await page.locator("h1", { hasText: `Dataset ${daily.name}` }).waitFor();
    await page.close();
  });

  it("lists pipeline jobs with their latest run and opens one", async () => {
    const page = await signedIn("#/jobs");
    await page.locator("#jobs").waitFor();
    // Jobs are listed by name over every namespace; this file's are found among them (or on a later page).
    while (!(await page.locator(`#jobs a[href*="${jobNs}"]`, { hasText: publish.name }).count())) {
      await page.getByRole("button", { name: "More" }).click();
      await page.waitForFunction((n) => document.querySelectorAll("#jobs tbody tr").length > n, await page.locator("#jobs tbody tr").count());
    }
    const row = page.locator("#jobs tbody tr", { hasText: jobNs }).filter({ hasText: publish.name });
    expect((await row.locator("td").allTextContents()).slice(1, 4)).toEqual([jobNs, "COMPLETED", "850 ms"]);
    await row.getByRole("link").click();
    await page.locator("h1", { hasText: `Job ${publish.name}` }).waitFor();
    await page.close();
  });

  it("links lineage nodes to their job and dataset pages, and keeps the graph fitted when the window changes size", async () => {
    const page = await signedIn(`#/node/${jobId(load.namespace, load.name)}?direction=BOTH&depth=3`);
    await page.locator("#graph[data-ready=true]").waitFor();
    const first = await fittedInside(page, "#graph");
    await page.locator(".node-list button", { hasText: `${load.namespace}/${load.name}` }).click();
    await page.locator("#node-facts .openlineage a", { hasText: `Job ${load.name}: runs and facets` }).waitFor();
    await page.locator("#node-filter").fill("orders_daily");
    await page.locator(".node-list button", { hasText: "shop.analytics.orders_daily" }).first().click();
    const link = page.locator("#node-facts .openlineage a");
    expect(await link.textContent()).toBe(`Dataset ${daily.name}: schema, facets, column lineage`);

    await page.setViewportSize({ width: 900, height: 640 });
    const second = await fittedInside(page, "#graph");
    expect(second).not.toBe(first);
    await link.click();
    await page.locator("#column-graph[data-ready=true]").waitFor();
    await page.close();
  });

  it("opens an OpenLineage dataset's page from the dataset browser", async () => {
    const page = await signedIn(`#/dataset/${datasetId(raw.namespace, raw.name)}`);
    await page.locator("p.openlineage a").click();
    await page.locator("#schema").waitFor();
    expect(await page.locator("h1").textContent()).toBe(`Dataset ${raw.name}`);
    expect(browser.problems).toEqual([]);
    await page.close();
  });
});
