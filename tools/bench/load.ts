// Load generator, run as its own process by tools/bench/run-load.ts so the load never shares an
// event loop with what it measures. argv[2] is a JSON LoadSpec; prints one JSON LoadResult.
import autocannon from "autocannon";
import { connect, disconnect } from "../../runtime/db.js";
import { neo4jFromEnv } from "../../runtime/neo4j-target.js";
import { percentiles, WARM } from "./measure.js";
import { rawColumnLineage, rawMarquezLineage } from "./raw-marquez.js";
import { rawLineage, rawTrace } from "./raw-trace.js";

export interface LoadSpec {
  /**
   * "http": GraphQL POSTs to url (autocannon); "http-get": GETs of url + each of `ids` (a path and
   * query); "raw-*": the Cypher floor via neo4j-driver.
   */
  kind: "http" | "http-get" | "raw-trace" | "raw-lineage" | "raw-marquez-lineage" | "raw-column-lineage";
  connections: number;
  seconds: number;
  url?: string;
  token?: string;
  /** GraphQL query; each request takes the next id of `ids` as $id (for "http-get", the next path). */
  query?: string;
  ids: string[];
}

export interface LoadResult {
  p50: number;
  p95: number;
  rps: number;
  requests: number;
  errors: number;
}


async function http(spec: LoadSpec): Promise<LoadResult> {
  let k = 0;
  const opts = (extra: Partial<autocannon.Options>): autocannon.Options => ({
    url: spec.url!,
    connections: spec.connections,
    method: spec.kind === "http-get" ? "GET" : "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${spec.token}` },
    // A new id for every request: no cache anywhere sees the same trace twice in a row.
    requests: [{
      setupRequest: (req) => (spec.kind === "http-get"
        ? { ...req, path: spec.ids[k++ % spec.ids.length] }
        : { ...req, body: JSON.stringify({ query: spec.query, variables: { id: spec.ids[k++ % spec.ids.length] } }) }),
    }],
    timeout: 60,
    ...extra,
  });
  // Warm-up (discarded): first requests plan queries, open connections along the path and let
  // V8 compile the hot code, as many for every server compared (fresh processes included).
  await autocannon(opts({ amount: spec.connections * 10 }));
  process.stdout.write(`${WARM}\n`);
  const r = await autocannon(opts({ duration: spec.seconds }));
  return { p50: r.latency.p50, p95: r.latency.p97_5, rps: r.requests.average, requests: r.requests.total, errors: r.errors + r.non2xx + r.timeouts };
}

async function raw(spec: LoadSpec): Promise<LoadResult> {
  connect(neo4jFromEnv());
  const op = { "raw-trace": rawTrace, "raw-lineage": rawLineage, "raw-marquez-lineage": rawMarquezLineage, "raw-column-lineage": rawColumnLineage }[spec.kind as Exclude<LoadSpec["kind"], "http" | "http-get">];
  for (let i = 0; i < spec.connections * 2; i++) await op(spec.ids[i % spec.ids.length]); // warm-up, like autocannon's connection set-up
  process.stdout.write(`${WARM}\n`);
  const samples: number[] = [];
  let k = 0;
  const end = performance.now() + spec.seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await op(spec.ids[k++ % spec.ids.length]);
        samples.push(performance.now() - t);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  await disconnect();
  const l = percentiles(samples);
  return { p50: l.p50, p95: l.p95, rps: samples.length / secs, requests: samples.length, errors: 0 };
}

if (process.argv[2]) {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  const result = spec.kind === "http" || spec.kind === "http-get" ? await http(spec) : await raw(spec);
  process.stdout.write(JSON.stringify(result) + "\n");
  process.exit(0);
}
