import { write } from "../../runtime/db.js";
import { call } from "../client.js";
import { throughput } from "./measure.js";

/** One batch of 1,000 decisions, as a pipeline sends them (fields of DecisionInput). */
export const batch = (tag: string, b: number, mv: string, dep: string) =>
  Array.from({ length: 1000 }, (_, k) => ({
    id: `${tag}-${b}-${k}`, modelVersionId: mv, deploymentId: dep,
    occurredAt: new Date(Date.UTC(2026, 2, 1) + b * 1000 + k).toISOString(), inputDigest: `sha256:${(b * 1000 + k).toString(16).padStart(64, "0")}`, output: { score: k % 100 },
  }));

export type Sender = (b: number) => Promise<unknown>;

/** Decisions per second for `batches` batches of 1,000 with `inFlight` requests at once. */
export const ingestRate = async (send: Sender, batches: number, inFlight = 4) => ((await throughput(send, batches, inFlight)) * 1000);

export const viaGraphql = (base: string, token: string, mv: string, dep: string, tag: string): Sender => (b) =>
  call(token, `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted } }`, { d: batch(tag, b, mv, dep) }, base);

export const viaRoute = (base: string, token: string, mv: string, dep: string, tag: string): Sender => async (b) => {
  const res = await fetch(`${base}/ingest/decisions`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson", authorization: `Bearer ${token}` },
    body: batch(tag, b, mv, dep).map((d) => JSON.stringify(d)).join("\n"),
  });
  if (res.status !== 200) throw new Error(`ingest route: ${res.status} ${await res.text()}`);
};

/**
 * The floor: the same batch as one raw UNWIND ... MERGE through neo4j-driver, against the same
 * constraint and indexes, without validation, reference checks or audit event.
 */
export const viaRawUnwind = (mv: string, dep: string, tag: string): Sender => (b) => {
  const now = new Date().toISOString();
  const rows = batch(tag, b, mv, dep).map(({ output, ...d }) => ({ ...d, outputJson: JSON.stringify(output), confidence: null, explanation: null }));
  return write({ op: "bench raw unwind" }, (tx) =>
    tx.run({ cypher: `UNWIND $rows AS r MERGE (d:Decision {id: r.id}) ON CREATE SET d += r, d.createdAt = $now RETURN count(*) AS n`, params: { rows, now } }),
  );
};
