import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SignJWT, generateKeyPair } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { issueDevToken } from "../runtime/auth/dev-issuer.js";
import { config } from "../runtime/config.js";
import { parseDecisionsNdjson } from "../subgraphs/models/decision-input.js";
import { verifyLog } from "../site-recorder/verify.js";
import { startRecorderProcess, tempDir, type RecorderProcess } from "./support/recorder.js";

// The site recorder as a process on a real disk, with no centre (RECORDER_UPSTREAM_URL unset):
// local auth, the centre's validation, durable acknowledgement, kill -9, quota, tamper, SIGTERM.
const running: RecorderProcess[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) if (r.child.exitCode === null) await r.kill9();
});
async function recorder(env: Record<string, string> = {}, dir = tempDir("rec")) {
  const r = await startRecorderProcess({ RECORDER_DATA_DIR: dir, RECORDER_SITE_ID: "site-test", ...env });
  running.push(r);
  return r;
}
const writer = () => issueDevToken("inference-svc", ["lineage:write"], 600);
const decision = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, modelVersionId: "mv-1", occurredAt: "2026-03-01T10:00:00Z", inputDigest: `sha256:${"a".repeat(64)}`, output: { score: 0.5 }, ...extra });
const post = (r: RecorderProcess, body: string, token: string | null, route = "/ingest/decisions") =>
  fetch(r.url + route, { method: "POST", headers: { "content-type": "application/x-ndjson", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
/** The decisions the site's log holds, in sequence order. */
const logged = async (dir: string) => {
  const out: { seq: number; id: string }[] = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.startsWith("seg-")).sort())
    for (const line of fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean)) {
      const e = JSON.parse(line);
      out.push({ seq: e.seq, id: e.body.id });
    }
  return out;
};
const verifier = (dir: string) =>
  new Promise<{ code: number; out: any }>((resolve) =>
    execFile(process.execPath, ["--import", "tsx", "tools/recorder-verify.ts", dir], (err, stdout) => resolve({ code: err ? (err.code as number) : 0, out: JSON.parse(stdout || "{}") })),
  );

/** Files a module loads, following relative imports that are not type-only (static and dynamic). */
function loads(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = fs.readFileSync(entry, "utf8");
  for (const m of text.matchAll(/(?:^import (?!type )[^;]*?from |import\()\s*["'](\.{1,2}\/[^"']+)\.js["']/gm)) loads(path.normalize(path.join(path.dirname(entry), `${m[1]}.ts`)), seen);
  return seen;
}

describe("site recorder: boundaries", () => {
  it("never loads the database modules (it runs at a site, without Neo4j)", () => {
    const files = [...loads("site-recorder/index.ts")];
    expect(files).toContain("subgraphs/models/decision-input.ts");
    expect(files).toContain("subgraphs/datasets/openlineage/validate.ts");
    expect(files.filter((f) => /^runtime\/(db|neo4j-target|mutation|audit)\.ts$|^launcher\//.test(f))).toEqual([]);
  });
});

describe("site recorder: callers", () => {
  it("needs a trusted token with lineage:write", async () => {
    const r = await recorder();
    expect((await post(r, decision("a"), null)).status).toBe(401);
    const { privateKey } = await generateKeyPair("ES256");
    const stranger = await new SignJWT({ scope: "lineage:write" }).setProtectedHeader({ alg: "ES256" }).setIssuer("https://evil.example").setAudience(config.audience).setSubject("x").setIssuedAt().setExpirationTime("5m").sign(privateKey);
    const res = await post(r, decision("a"), stranger);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    const reader = await post(r, decision("a"), await issueDevToken("reader", ["lineage:read"], 600));
    expect(reader.status).toBe(403);
    expect(await logged(r.dir)).toEqual([]);
    for (const p of ["/healthz", "/readyz", "/metrics"]) expect((await fetch(r.url + p)).status).toBe(200);
  });

  it("refuses a bad record with the centre's own message, and records nothing of that request", async () => {
    const r = await recorder();
    const token = await writer();
    for (const bad of ["{not json", decision("x", { occurredAt: "yesterday" }), decision("x", { inputDigest: "md5:1" })]) {
      const body = [decision("good"), bad].join("\n");
      const res = await post(r, body, token);
      expect(res.status).toBe(400);
      let central = "";
      try {
        parseDecisionsNdjson(body);
      } catch (err) {
        central = (err as Error).message;
      }
      expect((await res.json()).error).toEqual({ code: "BAD_USER_INPUT", message: central });
    }
    const ol = await fetch(r.url + "/api/v1/lineage", { method: "POST", headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ eventType: "START" }) });
    expect(ol.status).toBe(400);
    expect((await ol.json()).error.details.problems.length).toBeGreaterThan(0);
    expect(await logged(r.dir)).toEqual([]);
  });

  it("acknowledges with sequences, chains every record, and an OpenLineage event joins the same sequence", async () => {
    const r = await recorder();
    const token = await writer();
    const res = await post(r, [decision("d1"), decision("d2"), decision("d1")].join("\n"), token);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 1, firstSequence: 1, lastSequence: 2 });
    const event = { eventType: "COMPLETE", eventTime: "2026-03-01T10:00:00Z", producer: "https://example.test/p", schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", run: { runId: "0190e6a4-4b8e-7c2a-9f11-8d5d3f2b9a01" }, job: { namespace: "site", name: "score" } };
    const ol = await fetch(r.url + "/api/v1/lineage", { method: "POST", headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(event) });
    expect(ol.status).toBe(201);
    expect((await ol.json()).sequence).toBe(3);
    const v = await verifyLog(r.dir);
    expect(v).toMatchObject({ firstSeq: 1, lastSeq: 3, records: 3, problems: [] });
  });
});

describe("site recorder: durability", () => {
  it("kill -9 while receiving: every acknowledged record is in the log after restart, once, and the log chains", async () => {
    const dir = tempDir("rec-crash");
    const r = await recorder({}, dir);
    const token = await writer();
    const acked: string[] = [];
    let stop = false;
    const sender = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const ids = Array.from({ length: 20 }, (_, k) => `w${w}-${i}-${k}`);
        try {
          const res = await post(r, ids.map((id) => decision(id)).join("\n"), token);
          if (res.status === 200) acked.push(...ids);
        } catch {
          return; // the connection died with the process: not acknowledged
        }
      }
    };
    const senders = [1, 2, 3, 4].map(sender);
    while (acked.length < 2000) await new Promise((res) => setTimeout(res, 20));
    await r.kill9();
    stop = true;
    await Promise.all(senders);

    const again = await recorder({}, dir);
    const ids = (await logged(dir)).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const inLog = new Set(ids);
    expect(acked.filter((id) => !inLog.has(id))).toEqual([]);
    expect((await verifyLog(dir)).problems).toEqual([]);
    // The sequence continues after the last durable record.
    const next = await (await post(again, decision("after-crash"), token)).json();
    expect(next.firstSequence).toBe(ids.length + 1);
  });

  it("fdatasyncs the log before it answers (strace)", async () => {
    const trace = path.join(tempDir("strace"), "trace");
    const r = await startRecorderProcess({ RECORDER_DATA_DIR: tempDir("rec-sync"), RECORDER_SITE_ID: "s" }, { wrap: ["strace", "-f", "-e", "trace=pwrite64,fdatasync", "-o", trace] });
    running.push(r);
    const token = await writer();
    for (let i = 0; i < 5; i++) expect((await post(r, decision(`s${i}`), token)).status).toBe(200);
    await r.stop();
    const calls = fs.readFileSync(trace, "utf8").split("\n").filter((l) => /pwrite64\(\d+, "\{\\"seq\\"|fdatasync\(/.test(l));
    // Each acknowledged request: its records written, then fdatasync on the same file.
    const writes = calls.filter((l) => l.includes("pwrite64"));
    expect(writes).toHaveLength(5);
    for (const w of writes) {
      const fd = /pwrite64\((\d+),/.exec(w)![1];
      const after = calls.slice(calls.indexOf(w) + 1);
      expect(after.find((l) => l.includes(`fdatasync(${fd})`))).toBeDefined();
    }
  });
});

describe("site recorder: limits and damage", () => {
  it("quota full: 507 with a clear message and a metric, nothing acknowledged is lost", async () => {
    const r = await recorder({ RECORDER_MAX_BYTES: "20000" });
    const token = await writer();
    const acked: string[] = [];
    let refusal: Response | undefined;
    for (let i = 0; i < 200 && !refusal; i++) {
      const res = await post(r, decision(`q${i}`), token);
      if (res.status === 200) acked.push(`q${i}`);
      else refusal = res;
    }
    expect(refusal?.status).toBe(507);
    expect((await refusal!.json()).error).toMatchObject({ code: "INSUFFICIENT_STORAGE", message: expect.stringContaining("quota") });
    expect((await logged(r.dir)).map((e) => e.id)).toEqual(acked);
    expect(await (await fetch(r.url + "/metrics")).text()).toMatch(/recorder_refused_total\{reason="quota"[^}]*\} [1-9]/);
  });

  it("a tampered record: the verifier names its sequence and exits 1", async () => {
    const r = await recorder();
    const token = await writer();
    await post(r, Array.from({ length: 10 }, (_, i) => decision(`t${i}`)).join("\n"), token);
    expect(await r.stop()).toBe(0);
    expect((await verifier(r.dir)).code).toBe(0);
    const file = path.join(r.dir, fs.readdirSync(r.dir).find((f) => f.startsWith("seg-"))!);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"id":"t6"', '"id":"t6-forged"'));
    const { code, out } = await verifier(r.dir);
    expect(code).toBe(1);
    expect(out.problems).toEqual([{ seq: 7, problem: "sequence 7: content does not match its hash" }]);
  });

  it("SIGTERM: answers in flight, then exits 0", async () => {
    const r = await recorder();
    const token = await writer();
    const inFlight = post(r, Array.from({ length: 500 }, (_, i) => decision(`g${i}`)).join("\n"), token);
    await new Promise((res) => setTimeout(res, 5));
    const code = r.stop();
    const res = await inFlight.catch(() => null);
    expect(await code).toBe(0);
    // Either it was answered (then on disk) or it was never taken (connection refused before reading).
    if (res?.status === 200) expect((await logged(r.dir)).length).toBe(500);
  });
});
