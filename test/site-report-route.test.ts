import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleSiteReport } from "../subgraphs/gpu/recorder/route.js";

// The gpu service's POST /sites/<id>/recorder on bad input, over real HTTP: every malformed
// report, in either wire format, is a 400 BAD_USER_INPUT naming the field, never a 500. These
// are refused before the graph is touched, so no Neo4j is needed (the stored path is in
// test/site-recorder.e2e.test.ts). The caller is the one the gateway would hand over.
const caller = { sub: "plant-recorder", clientId: "plant-recorder", scopes: ["lineage:write"], requestId: "req-1" };
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) =>
    handleSiteReport(req, res, caller).catch(() => {
      res.writeHead(500).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sites/site_1/recorder`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = async (body: string) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: res.status, error: ((await res.json().catch(() => ({}))) as { error?: { code: string; message: string } }).error };
};
const h = "a".repeat(64);
const columns = { from: 4, prev: h, hashes: [h, h], ats: ["2026-03-01T10:00:00.000Z", "2026-03-01T10:00:01.000Z"], broken: [], rejected: [], backlog: 0, sentAt: "2026-03-01T10:00:02Z" };

describe("POST /sites/<id>/recorder: bad input", () => {
  it.each([
    ["not JSON", "{", "the body is not JSON"],
    ["null", "null", "body: must be a report"],
    ["a number", "7", "body: must be a report"],
    ["neither format", "{}", "hashes: required"],
    ["rows: not an array", JSON.stringify({ records: {} }), "records: required"],
    ["rows: a null record", JSON.stringify({ records: [null] }), "records[0].seq"],
    ["rows: a bad status", JSON.stringify({ records: [{ seq: 1, prev: null, hash: null, status: 3 }] }), "records[0].status"],
    ["rows: a hash of the wrong kind", JSON.stringify({ records: [{ seq: 1, prev: null, hash: ["x"], status: "stored" }] }), "records[0].hash"],
    ["columns: a missing from", JSON.stringify({ ...columns, from: null }), "from: must be a positive integer"],
    ["columns: ats of another length", JSON.stringify({ ...columns, ats: [] }), "ats: required"],
    ["columns: an object for a hash", JSON.stringify({ ...columns, hashes: [h, {}] }), "hashes[1]: must be 64 hex characters or null"],
    ["columns: a time that is no time", JSON.stringify({ ...columns, ats: [null, { t: 1 }] }), "ats[1]: must be an ISO 8601 date-time or null"],
    ["columns: broken outside the range", JSON.stringify({ ...columns, broken: [9] }), "broken[0]: must be a sequence of this report (4-5)"],
    ["columns: rejected not a list", JSON.stringify({ ...columns, rejected: "5" }), "rejected: must be an array of sequences"],
    ["a heartbeat without its last sequence", JSON.stringify({ hashes: [], backlog: 0 }), "lastSequence: required"],
    ["a negative backlog", JSON.stringify({ ...columns, backlog: -2 }), "backlog: must be a non-negative integer"],
  ])("%s: 400 naming the field", async (_, body, message) => {
    const { status, error } = await post(body);
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(error!.message).toContain(message);
  });
});
