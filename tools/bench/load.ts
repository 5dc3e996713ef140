// Load generator, run as its own process by tools/bench/run-load.ts so the load never shares an
// event loop with what it measures. argv[2] is a JSON LoadSpec; prints one JSON LoadResult.
import autocannon from "autocannon";
import { connect, disconnect } from "../../runtime/db.js";
import { neo4jFromEnv } from "../../runtime/neo4j-target.js";
import { percentiles } from "./measure.js";
import { rawLineage, rawTrace } from "./raw-trace.js";

export interface LoadSpec {
  /** "http": autocannon against url; "raw-trace" / "raw-lineage": the Cypher floor via neo4j-driver. */
  kind: "http" | "raw-trace" | "raw-lineage";
  connections: number;
  seconds: number;
  url?: string;
  token?: string;
  /** GraphQL query; each request takes the next id of `ids` as $id. */
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
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${spec.token}` },
    // A new id for every request: no cache anywhere sees the same trace twice in a row.
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: spec.query, variables: { id: spec.ids[k++ % spec.ids.length] } }) }) }],
    timeout: 60,
    ...extra,
  });
  // Warm-up (discarded): first requests plan queries and open connections along the path.
  await autocannon(opts({ amount: spec.connections * 3 }));
  const r = await autocannon(opts({ duration: spec.seconds }));
  return { p50: r.latency.p50, p95: r.latency.p97_5, rps: r.requests.average, requests: r.requests.total, errors: r.errors + r.non2xx + r.timeouts };
}

async function raw(spec: LoadSpec): Promise<LoadResult> {
  connect(neo4jFromEnv());
  const op = spec.kind === "raw-trace" ? rawTrace : rawLineage;
  for (let i = 0; i < spec.connections * 2; i++) await op(spec.ids[i % spec.ids.length]); // warm-up, like autocannon's connection set-up
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
  const result = spec.kind === "http" ? await http(spec) : await raw(spec);
  process.stdout.write(JSON.stringify(result) + "\n");
  process.exit(0);
}
