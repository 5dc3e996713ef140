// `npm run audit:verify -- --checkpoint <file>`: proves, independently of the server's own check,
// that the audit log still extends a checkpoint taken earlier. Trusts nothing but the published
// JWKS and its own hashing: every event is fetched through the API and re-hashed here.
// Exit 0 with an "OK" line, or 1 with a "FAIL" line naming what broke.
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { eventHash, GENESIS_HASH, type StoredAuditEvent } from "../runtime/audit.js";
import { baseUrl, call, runTool, ToolError, toolToken } from "./client.js";

const PAGE = 500;
const TYP = "audit-checkpoint+jws";

interface Checkpoint {
  length: number;
  headHash: string;
  at: string;
}

async function fetchJwks(): Promise<JSONWebKeySet> {
  try {
    const res = await fetch(`${baseUrl()}/.well-known/jwks.json`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as JSONWebKeySet;
  } catch (err) {
    throw new ToolError(`cannot fetch the service JWKS from ${baseUrl()}: ${(err as Error).message}`);
  }
}

/** The payload of a checkpoint JWS, if the service key signed it; else a FAIL. */
async function openCheckpoint(jws: string, jwks: JSONWebKeySet, what: string): Promise<Checkpoint> {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks), { algorithms: ["EdDSA"] });
    if (protectedHeader.typ !== TYP) throw new Error("typ");
    const cp = JSON.parse(new TextDecoder().decode(payload)) as Checkpoint;
    if (!Number.isInteger(cp.length) || cp.length < 0 || typeof cp.headHash !== "string") throw new Error("payload");
    return cp;
  } catch {
    throw new ToolError(`FAIL: ${what} is not an audit checkpoint signed by the service key (JWKS at ${baseUrl()})`);
  }
}

async function readCheckpointFile(file: string): Promise<string> {
  const text = (await fs.readFile(file, "utf8").catch(() => { throw new ToolError(`cannot read ${file}`); })).trim();
  try {
    return text.startsWith("{") ? (JSON.parse(text) as { jws: string }).jws : text;
  } catch {
    throw new ToolError(`${file} is not a checkpoint saved by npm run audit:checkpoint`);
  }
}

runTool(async () => {
  const { values } = parseArgs({ options: { checkpoint: { type: "string" } } });
  if (!values.checkpoint) throw new ToolError("usage: npm run audit:verify -- --checkpoint <file saved by npm run audit:checkpoint>");
  const jwks = await fetchJwks();

  // 1. The kept checkpoint, with nothing but the published JWKS.
  const cp = await openCheckpoint(await readCheckpointFile(values.checkpoint), jwks, values.checkpoint);

  // 2. Today's head, signed as well; the walk stops there, so concurrent appends do not matter.
  const token = await toolToken("audit-cli", ["audit:read"]);
  const { auditCheckpoint } = await call<{ auditCheckpoint: { jws: string } }>(token, `{ auditCheckpoint { jws } }`).catch((err) => {
    // The service refuses to sign a head its own log does not end with.
    throw err instanceof ToolError && err.message.startsWith("CONFLICT") ? new ToolError(`FAIL: ${err.message}`) : err;
  });
  const now = await openCheckpoint(auditCheckpoint.jws, jwks, "the service's current head");
  if (now.length < cp.length) throw new ToolError(`FAIL: the log has ${now.length} events, fewer than the checkpoint's ${cp.length}: it was truncated`);

  // 3. Recompute the chain 1..head here; event cp.length must still carry the checkpoint's hash.
  let prev = GENESIS_HASH;
  let seq = 0;
  let atCheckpoint = cp.length === 0 ? GENESIS_HASH : null;
  while (seq < now.length) {
    const { auditEvents } = await call<{ auditEvents: StoredAuditEvent[] }>(
      token,
      `query($after: Int!, $first: Int!) { auditEvents(first: $first, afterSeq: $after) { seq at actor clientId operation variablesDigest subjects prevHash hash } }`,
      { after: seq, first: Math.min(PAGE, now.length - seq) },
    );
    if (auditEvents.length === 0) throw new ToolError(`FAIL: the audit chain is broken at sequence ${seq + 1}: the event is missing`);
    for (const e of auditEvents) {
      if (e.seq > now.length) break;
      if (e.seq !== seq + 1) throw new ToolError(`FAIL: the audit chain is broken at sequence ${seq + 1}: the event is missing`);
      if (e.prevHash !== prev) throw new ToolError(`FAIL: the audit chain is broken at sequence ${e.seq}: it does not link to event ${seq}`);
      if (eventHash(e) !== e.hash) throw new ToolError(`FAIL: the audit chain is broken at sequence ${e.seq}: the event was edited`);
      prev = e.hash;
      seq = e.seq;
      if (seq === cp.length) atCheckpoint = e.hash;
    }
  }
  if (prev !== now.headHash) throw new ToolError(`FAIL: the log does not end with its signed head (event ${now.length})`);
  if (atCheckpoint !== cp.headHash) {
    throw new ToolError(`FAIL: event ${cp.length} no longer has the checkpoint's hash: the log was rewritten since ${cp.at}`);
  }
  console.log(`OK: the log (${now.length} events, head ${now.headHash.slice(0, 16)}...) extends the checkpoint of ${cp.at} (${cp.length} events, head ${cp.headHash.slice(0, 16)}...)`);
});
