import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, expect, inject } from "vitest";
import type { Stack } from "../../launcher/stack.js";
import { connectTestDb, cypher, disconnect } from "./db.js";
import { startRecorderProcess, tempDir, type RecorderProcess } from "./recorder.js";
import { gql, ok, startTestStack, token, uniq } from "./stack.js";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.js";


// The central side of the site-recorder e2e files: a site recorder forwarding to the real central
// stack through a link the test can cut (a TCP proxy), with the site's own integration client
// (signed client assertions). `useCentralStack()` sets it up for a file; the exports are live.
export let stack: Stack;
export let admin: string;
export let reader: string;
export let mv: string;
export let sys: string;
export let link: TcpProxy;
export const running: RecorderProcess[] = [];

/** Each decision its own input digest (the centre must keep the one recorded at the site). */
export const digest = (id: string) => `sha256:${createHash("sha256").update(id).digest("hex")}`;
export const decision = (id: string, modelVersionId = mv) =>
  JSON.stringify({ id, modelVersionId, occurredAt: "2026-03-01T10:00:00Z", inputDigest: digest(id), output: { score: 0.9 } });
export const post = async (r: RecorderProcess, lines: string[]) => {
  const res = await fetch(`${r.url}/ingest/decisions`, { method: "POST", headers: { authorization: `Bearer ${await token("inference", "lineage:write")}` }, body: lines.join("\n") });
  expect(res.status).toBe(200);
  return res.json();
};

/** A central Site and its integration client (lineage:write), and a recorder for it behind the link. */
export async function site(env: Record<string, string> = {}, dir = tempDir("site")) {
  const siteId = ok(await gql(stack.gateway.url, admin, `mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }`, { i: { name: uniq("plant"), country: "DE", kind: "ON_PREM" } })).registerSite.id;
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = uniq("k");
  const clientId = uniq("site-client");
  ok(await gql(stack.gateway.url, admin, `mutation($i: RegisterClientInput!) { registerClient(input: $i) { clientId } }`, {
    i: { clientId, name: clientId, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" }] }, allowedScopes: ["lineage:write"] },
  }));
  const keyFile = path.join(tempDir("key"), "client.jwk");
  fs.writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: "ES256" }), { mode: 0o600 });
  const env2 = {
    RECORDER_DATA_DIR: dir, RECORDER_SITE_ID: siteId, RECORDER_UPSTREAM_URL: `http://127.0.0.1:${link.port}`, RECORDER_CLIENT_ID: clientId, RECORDER_CLIENT_KEY_FILE: keyFile,
    RECORDER_BACKOFF_MS: "100", RECORDER_BACKOFF_MAX_MS: "2000", ...env,
  };
  const start = async (over: Record<string, string> = {}) => {
    const r = await startRecorderProcess({ ...env2, ...over }, { build: inject("servicesBuild") });
    running.push(r);
    return r;
  };
  return { siteId, dir, start, clientId, keyFile };
}

export const STATUS = `query($id: ID!) { site(id: $id) { recorder { lastSequence lastSeenAt backlog gaps { from to } chainBreaks clockSkewSeconds } } }`;
export const status = async (siteId: string) => ok(await gql(stack.gateway.url, reader, STATUS, { id: siteId })).site.recorder;
/** Waits (by polling the central view) until the centre has `last` and the recorder reports no backlog. */
export async function caughtUp(siteId: string, last: number) {
  for (;;) {
    const s = await status(siteId);
    if (s?.lastSequence === last && s.backlog === 0) return s;
    await new Promise((res) => setTimeout(res, 500));
  }
}
/** The gpu service's per-site gauge `name` for `siteId` (its /metrics, as Prometheus scrapes it). */
export async function gauge(name: string, siteId: string): Promise<number | undefined> {
  const text = await (await fetch(new URL("/metrics", stack.subgraphUrls.gpu))).text();
  const m = new RegExp(`^${name}\\{[^}]*site="${siteId}"[^}]*\\} (\\S+)$`, "m").exec(text);
  return m ? Number(m[1]) : undefined;
}
/** The central decisions among `ids`, ordered by when the centre created them. */
export const central = (ids: string[]) =>
  cypher<{ id: string; createdAt: string; inputDigest: string }>(`MATCH (d:Decision) WHERE d.id IN $ids RETURN d.id AS id, d.createdAt AS createdAt, d.inputDigest AS inputDigest ORDER BY d.createdAt`, { ids });

/** The central stack, system, model version, tokens and link of a site-recorder test file: call once at its top level. */
export function useCentralStack() {
  beforeAll(async () => {
    stack = await startTestStack();
    connectTestDb();
    admin = await token("ops", "admin");
    reader = await token(uniq("auditor"), "lineage:read");
    const m = async (q: string, v: Record<string, unknown>) => ok(await gql(stack.gateway.url, admin, q, v));
    sys = (await m(`mutation($i: RegisterAISystemInput!) { registerAISystem(input: $i) { id } }`, { i: { name: uniq("site-sys"), version: "1", intendedPurpose: "inspect welds", providerName: "Acme", riskCategory: "HIGH" } })).registerAISystem.id;
    const model = (await m(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { systemId: sys, name: "weld-inspector" } })).registerModel.id;
    mv = (await m(`mutation($i: RegisterModelVersionInput!) { registerModelVersion(input: $i) { id } }`, { i: { modelId: model, version: "1", artifactDigest: `sha256:${"d".repeat(64)}` } })).registerModelVersion.id;
    link = await startTcpProxy("127.0.0.1", new URL(stack.gateway.url).port ? Number(new URL(stack.gateway.url).port) : 80);
  }, 600_000);
  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) await r.kill9();
    await link?.close();
    await disconnect();
    await stack?.stop();
  });
}
