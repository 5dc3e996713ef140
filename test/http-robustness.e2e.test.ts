// Issue 22, items 1, 3 and the HTTP parts of 8: no request, however malformed, stops a service;
// the REST proxy forwards only its exact routes; /readyz does not fan out per call; a gzip body
// is bounded as sent. Everything through the real gateway (and each subgraph's own port), with
// the bytes sent exactly as written (raw sockets, or node:http with the path as is).
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintInternalToken } from "../runtime/auth/internal-token.js";
import type { ServiceProcess } from "../launcher/supervise.js";
import type { Stack } from "../launcher/stack.js";
import { head, inBatches, requestAsIs, sample, sendRaw } from "./support/raw-http.js";
import { startTestStack, token, uniq } from "./support/stack.js";

let stack: Stack;
let gw: number;
let all: string;
const SCOPES = "lineage:read lineage:write reports:read audit:read approvals:decide admin";
const ended: string[] = [];
const services = (): ServiceProcess[] => [stack.gateway, ...stack.subgraphs];

beforeAll(async () => {
  // Its own stack: it throws malformed requests at every service, and counts what escapes there.
  stack = await startTestStack({ private: true });
  gw = stack.gateway.port;
  all = await token("prober", SCOPES);
  for (const s of services()) void s.exited.then((code) => ended.push(`${s.name} (${code})`));
});
afterAll(() => stack?.stop());

const metrics = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

/** Every service process is alive, and answers /healthz. */
async function everyServiceAlive() {
  expect(ended).toEqual([]);
  for (const s of services()) {
    expect(() => process.kill(s.pid, 0), s.name).not.toThrow();
    expect((await fetch(`http://127.0.0.1:${s.port}/healthz`)).status, s.name).toBe(200);
  }
}

/** What a malformed path looks like, appended to a route. */
const PATH_TAILS = [
  "/%E0%A4%A", "%", "/%", "/%zz", "/..", "/../..", "/%2e%2e", "/%2E%2E/graphql", "/..%2fgraphql", "/.%2e/metrics", "/%00", "/%2500",
  "/constructor", "/__proto__", "/prototype", "/hasOwnProperty", "/toString", "/valueOf", "/./", "//", "/;/..", "/\\..\\",
  `/${"a".repeat(8000)}`, `/${"%41".repeat(3000)}`, `/${"a".repeat(20000)}`, "?%E0%A4%A=1", "?__proto__[polluted]=1&constructor=1", "?" + "q=".repeat(2000),
];

/** Malformed or odd headers: content type, length, encoding, authorization, accept. */
const HEADER_PROBES: [string, string][][] = [
  [["Content-Type", "application/json; charset=nonsense"]],
  [["Content-Type", ';;;="']],
  [["Content-Type", "multipart/form-data; boundary="]],
  [["Content-Type", "application/json"], ["Content-Type", "text/plain"]],
  [["Content-Length", "abc"]],
  [["Content-Length", "-1"]],
  [["Content-Length", "1, 2"]],
  [["Content-Length", "99999999999999999999"]],
  [["Transfer-Encoding", "gzip"]],
  [["Transfer-Encoding", "chunked"], ["Content-Length", "3"]],
  [["Authorization", "Bearer"]],
  [["Authorization", "Bearer a.b.c"]],
  [["Authorization", "Basic Zm9vOmJhcg=="]],
  [["Authorization", `Bearer ${"A".repeat(6000)}`]],
  [["Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."]],
  [["Accept", "*/*;q=abc"]],
  [["Accept", "text/html;;;, application/json;q=2"]],
  [["Accept", "application/graphql-response+json;q=0"]],
  [["Content-Encoding", "gzip"]],
  [["Content-Encoding", "br"]],
  [["Content-Encoding", "gzip, gzip"]],
  [["X-Request-Id", "../../etc/passwd"]],
  [["Content-Type", "text/plain"], ["X-GraphQL-CSRF", "1"]],
];

/** Bodies that are not what a route expects: bad UTF-8, deep nesting, a lone surrogate, not gzip. */
const BODIES: Buffer[] = [
  Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x7b]),
  Buffer.from(`${"[".repeat(100_000)}${"]".repeat(100_000)}`),
  Buffer.from('{"query":"\\ud800"}'),
  Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'),
  Buffer.from("\u0000\u0001\u0002"),
];

/** One probe's request bytes. */
interface Probe {
  port: number;
  service: string;
  head: string;
  body?: Buffer;
}

/** Every route of one service, probed with malformed paths, headers and bodies, with and without a valid token. */
function probesFor(service: string, port: number, routes: string[], bearer?: string): Probe[] {
  const out: Probe[] = [];
  const auth: [string, string][] = bearer ? [["Authorization", `Bearer ${bearer}`]] : [];
  const json = Buffer.from('{"query":"{ __typename }"}');
  for (const route of routes) {
    for (const tail of PATH_TAILS) for (const method of ["GET", "POST"]) out.push({ port, service, head: head(method, route + tail, [...auth, ["Content-Type", "application/json"], ["Content-Length", String(json.length)]]), body: method === "POST" ? json : undefined });
    for (const headers of HEADER_PROBES) {
      const setsLength = headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k));
      const withAuth = headers.some(([k]) => k === "Authorization") ? headers : [...auth, ...headers];
      for (const method of ["GET", "POST"]) out.push({ port, service, head: head(method, route, setsLength ? withAuth : [...withAuth, ["Content-Length", String(json.length)]]), body: setsLength ? undefined : json });
    }
    for (const method of ["HEAD", "OPTIONS", "DELETE", "PUT", "PATCH", "TRACE", "BREW"]) out.push({ port, service, head: head(method, route, auth) });
    for (const body of BODIES) {
      for (const encoding of [[], [["Content-Encoding", "gzip"]]] as [string, string][][]) {
        out.push({ port, service, head: head("POST", route, [...auth, ["Content-Type", "application/json"], ...encoding, ["Content-Length", String(body.length)]]), body });
      }
    }
  }
  // Targets that are not a path at all.
  for (const target of ["*", "http://127.0.0.1:1/graphql", "graphql", "//evil.example/graphql", "/graphql\t"]) out.push({ port, service, head: head("GET", target, auth) });
  return out;
}

const GATEWAY_ROUTES = [
  "/graphql", "/", "/explorer", "/explorer/", "/explorer/app.js", "/explorer/vendor/cytoscape.mjs", "/explorer/config.json",
  "/ingest/decisions", "/exports/decisions", "/api/v1/lineage", "/api/v1/lineage/batch", "/api/v1/lineage/events", "/api/v1/lineage/events/x",
  "/api/v1/lineage/facets/aiLineage.json", "/healthz", "/readyz", "/metrics", "/.well-known/jwks.json",
];
const SUBGRAPH_ROUTES: Record<string, string[]> = {
  models: ["/ingest/decisions"],
  compliance: ["/exports/decisions"],
  datasets: ["/api/v1/lineage", "/api/v1/lineage/batch", "/api/v1/lineage/events/x"],
  approvals: [],
  gpu: [],
};

describe("item 1: no request stops a service", () => {
  it("GET /explorer/%E0%A4%A and /explorer/vendor/constructor are answered (400, 404) and the gateway lives", async () => {
    expect(await sendRaw(gw, head("GET", "/explorer/%E0%A4%A"))).toBe(400);
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
      const res = await requestAsIs(gw, "GET", `/explorer/vendor/${key}`);
      expect(res.status, key).toBe(404);
    }
    // The explorer itself still serves its files.
    expect((await requestAsIs(gw, "GET", "/explorer/vendor/cytoscape.mjs")).status).toBe(200);
    await everyServiceAlive();
  });

  it("every route of every service answers malformed paths, headers and bodies with a status below 500; every process lives", async () => {
    const probes = [
      ...probesFor("gateway", gw, GATEWAY_ROUTES),
      ...probesFor("gateway", gw, GATEWAY_ROUTES, all),
      // Each subgraph on its own port: without a token, and with the gateway's internal token for it.
      ...(await Promise.all(stack.subgraphs.map(async (s) => {
        const routes = ["/graphql", "/", "/healthz", "/readyz", "/metrics", ...SUBGRAPH_ROUTES[s.name]];
        const internal = await mintInternalToken({ sub: "prober", scopes: SCOPES.split(" ") }, s.name, "probe");
        return [...probesFor(s.name, s.port, routes), ...probesFor(s.name, s.port, routes, internal)];
      }))).flat(),
    ];
    const escapedBefore = await Promise.all(services().map(async (s) => sample(await metrics(s.port), "lineage_escaped_errors_total")));
    const answers = await inBatches(probes, 8, async (p) => ({ p, status: await sendRaw(p.port, p.head, p.body) }));
    const bad = answers.filter((a) => a.status === "no answer" || a.status >= 500).map((a) => `${a.p.service} ${a.status} ${a.p.head.split("\r\n")[0].slice(0, 120)} ${a.p.head.split("\r\n").slice(3, 5).join(" | ").slice(0, 120)}`);
    expect(bad).toEqual([]);
    expect(probes.length).toBeGreaterThan(10_000);
    await everyServiceAlive();
    // Nothing was answered by the guard as an unexpected error either: every answer was deliberate.
    const escapedAfter = await Promise.all(services().map(async (s) => sample(await metrics(s.port), "lineage_escaped_errors_total")));
    expect(escapedAfter).toEqual(escapedBefore);
  });
});

describe("item 3: the REST proxy forwards only its exact routes", () => {
  const TRAVERSALS = [
    "/ingest/%2e%2e/graphql", "/ingest/%2E%2E/graphql", "/exports/../graphql", "/api/v1/lineage/../../../graphql", "/exports/../metrics",
    "/exports/%2e%2e/metrics", "/ingest/..%2fgraphql", "/ingest/decisions/../../graphql", "/api/v1/lineage/%2e%2e/%2e%2e/%2e%2e/graphql",
    "/exports/./../graphql", "/ingest/.%2e/graphql", "/exports/%2fgraphql", "/api/v1/lineage/events/..", "/exports/decisions/..%2f..%2fmetrics",
    "/exports/graphql", "/ingest/metrics", "/api/v1/graphql", "/api/v1/lineage/graphql", "/exports//graphql",
  ];

  it("a dot segment, an encoded dot or slash, or any path but the allowed ones: 404 from the gateway, nothing forwarded", async () => {
    const op = uniq("Probe").replace(/[^A-Za-z0-9_]/g, "_");
    const body = JSON.stringify({ query: `query ${op} { _service { sdl } }` });
    for (const path of TRAVERSALS) {
      for (const method of ["POST", "GET"]) {
        const res = await requestAsIs(gw, method, path, { authorization: `Bearer ${all}`, "content-type": "application/json" }, method === "POST" ? body : undefined);
        expect(res.status, `${method} ${path}`).toBe(404);
        // The gateway's own refusal: no subgraph answer, no SDL, no metrics.
        expect(JSON.parse(res.body), path).toEqual({ error: { code: "NOT_FOUND", message: "no such route" } });
      }
    }
    // No subgraph ran the operation (its request counter is labelled by operation name).
    for (const s of stack.subgraphs) expect(await metrics(s.port), s.name).not.toContain(op);
    // The allowed routes still reach their services (and their own 4xx answers come back).
    const lineage = await requestAsIs(gw, "GET", "/api/v1/lineage/facets/aiLineage.json", { authorization: `Bearer ${all}` });
    expect(lineage.status).toBe(200);
    expect((await requestAsIs(gw, "GET", "/exports/decisions", { authorization: `Bearer ${all}` })).status).toBe(400);
    expect((await requestAsIs(gw, "GET", "/ingest/decisions", { authorization: `Bearer ${all}` })).status).toBe(405);
  });
});

describe("item 8: /readyz and gzip bodies", () => {
  it("50 concurrent /readyz calls run at most two readiness checks (one fan-out a second), and a later call checks again", async () => {
    const checks = async () => sample(await metrics(gw), "lineage_readiness_checks_total");
    const before = await checks();
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`http://127.0.0.1:${gw}/readyz`).then(async (r) => [r.status, await r.text()] as const)));
    const after = await checks();
    expect(answers.every(([status]) => status === 200)).toBe(true);
    expect(new Set(answers.map(([, body]) => body)).size).toBe(1);
    // One check in flight serves every caller; a second only if the cached answer expired mid-burst.
    expect(after).toBeGreaterThan(0);
    expect(after - before).toBeLessThanOrEqual(2);
    // The cache does not keep an answer for ever: calls go on until one runs a fresh check.
    while ((await checks()) === after) await fetch(`http://127.0.0.1:${gw}/readyz`);
    // The subgraphs' own /readyz (no token either) is cached alike.
    const sub = stack.subgraphs[0];
    const subBefore = sample(await metrics(sub.port), "lineage_readiness_checks_total");
    await Promise.all(Array.from({ length: 50 }, () => fetch(`http://127.0.0.1:${sub.port}/readyz`)));
    expect(sample(await metrics(sub.port), "lineage_readiness_checks_total") - subBefore).toBeLessThanOrEqual(2);
  });

  it("a gzip body is bounded as sent: empty deflate blocks past OPENLINEAGE_MAX_BODY_BYTES are refused with 413", async () => {
    // A valid gzip stream that decodes to nothing: 10-byte header, 5-byte empty stored blocks, the final block, CRC and size.
    const limit = 10 * 1024 * 1024;
    const blocks = Math.ceil(limit / 5) + 1000;
    const member = Buffer.alloc(10 + blocks * 5 + 2 + 8);
    Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]).copy(member, 0);
    for (let i = 0; i < blocks; i++) Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]).copy(member, 10 + i * 5);
    Buffer.from([0x03, 0x00]).copy(member, 10 + blocks * 5);
    const headers = { authorization: `Bearer ${all}`, "content-type": "application/json", "content-encoding": "gzip" };
    // Chunked (no Content-Length to refuse up front): the stream itself must be cut.
    const res = await requestAsIs(gw, "POST", "/api/v1/lineage", { ...headers, "transfer-encoding": "chunked" }, member);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe("PAYLOAD_TOO_LARGE");
    // Declared over the cap: refused before it is read.
    const declared = await requestAsIs(gw, "POST", "/api/v1/lineage", { ...headers, "content-length": String(member.length) }, member);
    expect(declared.status).toBe(413);
    // A small gzip bomb (decodes past the cap) still 413; a gzip body in bounds is read (here: not an event, 400).
    const bomb = gzipSync(Buffer.alloc(limit + 1024, 0x20));
    expect((await requestAsIs(gw, "POST", "/api/v1/lineage", headers, bomb)).status).toBe(413);
    const small = await requestAsIs(gw, "POST", "/api/v1/lineage", headers, gzipSync('{"eventType":"START"}'));
    expect(small.status).toBe(400);
    expect(JSON.parse(small.body).error.code).toBe("BAD_USER_INPUT");
    // POST /ingest/decisions reads bodies the same way: another encoding 415, broken gzip 400.
    expect((await requestAsIs(gw, "POST", "/ingest/decisions", { ...headers, "content-encoding": "br" }, "x")).status).toBe(415);
    expect((await requestAsIs(gw, "POST", "/ingest/decisions", headers, "not gzip")).status).toBe(400);
    await everyServiceAlive();
  });
});
