// A burst of writes right after a fresh start: every request gets an answer (data, or an error
// marked retryable), never a connection closed without one. Each round starts its own gateway
// process (on a shared stack's subgraphs) and sends the burst as the first GraphQL traffic it sees, over a client's keep-alive pool
// whose connections are open and idle, as after polling /readyz. Before the fix (Node's 5 s
// keep-alive timeout) the busy gateway's keep-alive timers fired before it read the requests
// already sent on those connections, and closed them with no answer (runtime/subgraph-server.ts listen).
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../launcher/stack.js";
import type { ServiceProcess } from "../launcher/supervise.js";
import { batchIds } from "./support/fault-load.js";
import { gql, ok, spawnGateway, startTestStack, token, uniq } from "./support/stack.js";

const ROUNDS = 3;
const REQUESTS = 120;
const CONNECTIONS = 8;
const IDLE_MS = 3500;

function probe(agent: http.Agent, url: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => res.resume().on("end", resolve)).on("error", reject);
  });
}

interface Outcome {
  ok: boolean;
  status?: number;
  code?: string;
  retryable?: boolean;
  transport?: string;
}

/**
 * One POST over `agent`: a keep-alive pool of a few connections, as most HTTP clients keep, so
 * each connection carries one request after another (what a fresh socket per request never tests).
 */
function send(agent: http.Agent, url: string, bearer: string, query: string, variables: Record<string, unknown>): Promise<Outcome> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve) => {
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: `Bearer ${bearer}` } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("error", (err) => resolve({ ok: false, transport: err.message }));
      res.on("end", () => {
        try {
          const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string; retryable?: boolean } }[] };
          const e = parsed.errors?.[0]?.extensions;
          resolve({ ok: res.statusCode === 200 && !parsed.errors, status: res.statusCode, code: e?.code, retryable: e?.retryable });
        } catch {
          resolve({ ok: false, status: res.statusCode, transport: `unparsable body: ${text.slice(0, 100)}` });
        }
      });
    });
    req.on("error", (err) => resolve({ ok: false, transport: err.message }));
    req.end(body);
  });
}

const REGISTER = `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`;
const RECORD = `mutation($d: [DecisionInput!]!) { recordDecisions(decisions: $d) { accepted duplicates } }`;

describe("a burst of writes against a freshly started stack", () => {
  let writer: string;
  let mvId: string;
  let shared: Stack;
  beforeAll(async () => {
    writer = await token("burst", "lineage:write lineage:read");
    // The model version the decisions name, made through the shared stack's gateway: the rounds' fresh gateways see no request before theirs.
    shared = await startTestStack();
    const name = uniq("burst");
    const call = async (q: string, v: Record<string, unknown>) => ok(await gql(shared.gateway.url, writer, q, v));
    const systemId = (await call(`mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, { i: { name, version: "1", intendedPurpose: "burst", providerName: "Acme", riskCategory: "MINIMAL" } })).registerAISystem.id;
    const modelId = (await call(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId, name } })).registerModel.id;
    mvId = (await call(`mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId, version: "1.0.0", artifactDigest: `sha256:${"a".repeat(64)}` } })).registerModelVersion.id;
  });
  afterAll(() => shared?.stop());

  for (let round = 1; round <= ROUNDS; round++) {
    describe(`round ${round}`, () => {
      let stack: { gateway: ServiceProcess };
      beforeAll(async () => {
        stack = { gateway: await spawnGateway(shared) };
      });
      afterAll(() => stack?.gateway.stop());

      it(`${REQUESTS} concurrent writes sent at once: each answered, none closed without an answer`, async () => {
        const prefix = uniq("burst");
        const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
        // The pool's connections are open and idle when the burst starts, as a client's are after
        // polling /readyz: idle for less than the server's advertised keep-alive less the client's
        // own one-second margin, so the client reuses each.
        await Promise.all(Array.from({ length: CONNECTIONS }, () => probe(agent, new URL("/healthz", stack.gateway.url))));
        await new Promise((r) => setTimeout(r, IDLE_MS));
        const outcomes = await Promise.all(
          Array.from({ length: REQUESTS }, (_, i) =>
            i % 2 === 0
              ? send(agent, stack.gateway.url, writer, REGISTER, { i: { name: `${prefix}-ds-${i}` } })
              : send(agent, stack.gateway.url, writer, RECORD, {
                  d: batchIds(prefix, i, 20).map((id, j) => ({ id, modelVersionId: mvId, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, j)).toISOString(), inputDigest: `sha256:${"c".repeat(64)}`, output: { score: j / 20 } })),
                }),
          ),
        );
        agent.destroy();
        const unanswered = outcomes.filter((o) => o.transport);
        const failedNotRetryable = outcomes.filter((o) => !o.ok && !o.transport && o.retryable !== true);
        expect(unanswered, JSON.stringify(unanswered.slice(0, 5))).toEqual([]);
        expect(failedNotRetryable, JSON.stringify(failedNotRetryable.slice(0, 5))).toEqual([]);
        expect(outcomes.filter((o) => o.ok).length + outcomes.filter((o) => o.retryable).length).toBe(REQUESTS);
      });
    });
  }
});
