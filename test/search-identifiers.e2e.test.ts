import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetId, jobId } from "../subgraphs/datasets/openlineage/mapping.js";
import type { Stack } from "../launcher/stack.js";
import { gql, ok, startTestStack, token } from "./support/stack.js";

// Identifier-aware search through the gateway: warehouse tables, object-store paths, Kafka topics,
// dbt models and model names are found by any part of their names, and ranked exact, prefix,
// part, then the rest (inside a word, one edit away). The graph is shared with other tests, so a
// name carries a made-up word (w) and the assertions read positions in the whole ranking.
let stack: Stack;
let reader: string;
let writer: string;
const w = `zq${Math.random().toString(36).slice(2, 9).replace(/\d/g, "k")}`;
const PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/dbt";

const SEARCH = `query($t: String!, $k: [String!], $after: String) {
  search(text: $t, kinds: $k, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id kind label } } }
}`;
/** Every hit's id in ranking order (every page). */
async function ranking(t: string, k?: string[]): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const r: any = ok(await gql(stack.gateway.url, reader, SEARCH, { t, k, after })).search;
    ids.push(...r.edges.map((e: any) => e.node.id));
    if (!r.pageInfo.hasNextPage) break;
    after = r.pageInfo.endCursor;
  }
  return ids;
}
const ds = (namespace: string, name: string) => ({ namespace, name, id: datasetId(namespace, name) });

/** One COMPLETE RunEvent through the OpenLineage route: a job reading `inputs`, writing `outputs`. */
async function emit(job: { namespace: string; name: string }, inputs: { namespace: string; name: string }[], outputs: { namespace: string; name: string }[] = []) {
  const event = {
    eventType: "COMPLETE", eventTime: "2026-03-01T06:00:00Z", producer: PRODUCER, schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId: randomUUID() }, job, inputs: inputs.map(({ namespace, name }) => ({ namespace, name })), outputs: outputs.map(({ namespace, name }) => ({ namespace, name })),
  };
  const res = await fetch(stack.gateway.url.replace(/\/graphql$/, "/api/v1/lineage"), { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${writer}` }, body: JSON.stringify(event) });
  expect(res.status, await res.text()).toBe(201);
}

const pg = `postgres://warehouse-${w}:5432`;
const t = {
  rawOrders: ds(pg, `${w}.shop.raw_orders_x`),
  customerTotals: ds(pg, `${w}.shop.customer_totals_x`),
  stgCustomers: ds(pg, `${w}.public.stg_customers`),
  orders: ds(pg, `${w}.shop.orders`),
  ordersDaily: ds(pg, `${w}.shop.orders_daily`),
  preorders: ds(pg, `${w}.shop.preorders`),
  typo: ds(pg, `${w}-ordrs`),
  stgSnapshot: ds(pg, `stg_customers_snapshot_${w}`),
  s3Part: ds(`s3://${w}-lake`, "raw/clickstream/part-00017.snappy.parquet"),
  s3Uri: ds("s3", `s3://${w}-lake/curated/sessions/part-00000.parquet`),
  topic: ds(`kafka://broker-${w}:9092`, `prod.${w}.order-created.v1`),
};
const dbtJob = { namespace: "dbt", name: `${w}_analytics.model.${w}_analytics.fct_customer_orders` };
let modelId = "";

beforeAll(async () => {
  stack = await startTestStack();
  reader = await token("search-ident-reader", "lineage:read");
  writer = await token("search-ident-pipeline", "lineage:write lineage:read");
  await emit({ namespace: "airflow", name: `${w}_load.extract` }, [t.rawOrders, t.stgCustomers, t.stgSnapshot], [t.customerTotals, t.orders, t.ordersDaily, t.preorders, t.typo]);
  await emit({ namespace: "spark", name: `${w}_sessionize` }, [t.s3Part], [t.s3Uri, t.topic]);
  await emit(dbtJob, [t.stgCustomers], [t.customerTotals]);
  const reg = async (name: string, input: string, i: Record<string, unknown>) => ok(await gql(stack.gateway.url, writer, `mutation($i: ${input}!) { ${name}(input: $i) { id } }`, { i }))[name].id as string;
  const system = await reg("registerAISystem", "RegisterAISystemInput", { name: `${w} retention`, version: "1", intendedPurpose: "predicts churn", providerName: "Acme", riskCategory: "MINIMAL" });
  modelId = await reg("registerModel", "RegisterModelInput", { systemId: system, name: `${w}ChurnPredictorV2` });
});
afterAll(() => stack?.stop());

describe("search by parts of identifiers", () => {
  it("warehouse tables (db.schema.table): any part of a dotted, underscored name", async () => {
    expect(await ranking("orders", ["Dataset"])).toContain(t.rawOrders.id);
    expect(await ranking("raw_orders", ["Dataset"])).toContain(t.rawOrders.id);
    expect(await ranking("customer_totals", ["Dataset"])).toContain(t.customerTotals.id);
    expect(await ranking("stg_customers", ["Dataset"])).toContain(t.stgCustomers.id);
    expect(await ranking(`${w}.public.stg_customers`, ["Dataset"])).toEqual([t.stgCustomers.id]);
  });

  it("prefixes match: of the name, of a segment, of a part", async () => {
    expect(await ranking(`${w}.shop.raw_ord`, ["Dataset"])).toEqual([t.rawOrders.id]);
    expect(await ranking("raw_ord", ["Dataset"])).toContain(t.rawOrders.id);
    expect(await ranking("customer_tot", ["Dataset"])).toContain(t.customerTotals.id);
  });

  it("object-store paths: a path's folders and file, the bucket of a full s3:// URI", async () => {
    const s3 = await ranking(`${w}-lake`, ["Dataset"]);
    expect(s3).toEqual([t.s3Uri.id]);
    expect(await ranking(`s3://${w}-lake/curated/sessions`, ["Dataset"])).toEqual([t.s3Uri.id]);
    expect(await ranking("clickstream/part-00017", ["Dataset"])).toContain(t.s3Part.id);
    expect(await ranking("part-00017.snappy", ["Dataset"])).toContain(t.s3Part.id);
  });

  it("Kafka topics: the dotted and hyphenated parts of a topic name", async () => {
    expect(await ranking(`${w}.order-created`, ["Dataset"])).toEqual([t.topic.id]);
    expect(await ranking("order-created", ["Dataset"])).toContain(t.topic.id);
    expect(await ranking("created.v1", ["Dataset"])).toContain(t.topic.id);
  });

  it("dbt models: the job of a model by the model's name or a part of it", async () => {
    const id = jobId(dbtJob.namespace, dbtJob.name);
    expect(await ranking("fct_customer_orders", ["Job"])).toContain(id);
    expect(await ranking(`${w}_analytics`, ["Job"])).toEqual([id]);
    expect(await ranking("customer_orders", ["Job"])).toContain(id);
  });

  it("model names in camelCase: each hump is a part", async () => {
    expect(await ranking("predictor", ["Model"])).toContain(modelId);
    expect(await ranking(`${w}churn`, ["Model"])).toEqual([modelId]);
    expect(await ranking("churnpredictorv2", ["Model"])).toContain(modelId);
  });
});

describe("ranking", () => {
  it("exact name (or segment) first, then prefixes, then parts, then inside a word and one edit away", async () => {
    const all = await ranking("orders", ["Dataset"]);
    const at = (d: { id: string; name: string }) => {
      expect(all, d.name).toContain(d.id);
      return all.indexOf(d.id);
    };
    expect(at(t.orders)).toBeLessThan(at(t.ordersDaily));
    expect(at(t.ordersDaily)).toBeLessThan(at(t.rawOrders));
    expect(at(t.rawOrders)).toBeLessThan(at(t.preorders));
    expect(at(t.rawOrders)).toBeLessThan(at(t.typo));
  });

  it("an exact segment (the table's own name) ranks before a name that only starts with the text", async () => {
    const all = await ranking("stg_customers", ["Dataset"]);
    expect(all).toContain(t.stgCustomers.id);
    expect(all).toContain(t.stgSnapshot.id);
    expect(all.indexOf(t.stgCustomers.id)).toBeLessThan(all.indexOf(t.stgSnapshot.id));
  });
});
