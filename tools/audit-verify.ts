// `npm run audit:verify -- --checkpoint <file>`: proves, independently of the server's own check,
// that the audit log still extends a checkpoint taken earlier.
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { compactVerify, createLocalJWKSet } from "jose";
import { auditHash, GENESIS_HASH, type AuditRecord } from "../runtime/audit.js";
import { baseUrl, call, runTool, ToolError, toolToken } from "./client.js";

runTool(async () => {
  const { values } = parseArgs({ options: { checkpoint: { type: "string" } } });
  if (!values.checkpoint) throw new ToolError("usage: npm run audit:verify -- --checkpoint <file saved by npm run audit:checkpoint>");
  const text = (await fs.readFile(values.checkpoint, "utf8").catch(() => { throw new ToolError(`cannot read ${values.checkpoint}`); })).trim();
  const jws = text.startsWith("{") ? (JSON.parse(text) as { jws: string }).jws : text;

  // 1. The checkpoint's signature, with nothing but the published JWKS.
  const jwks = (await (await fetch(`${baseUrl()}/.well-known/jwks.json`)).json()) as { keys: [] };
  let cp: { length: number; headHash: string; at: string };
  try {
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks));
    if (protectedHeader.typ !== "audit-checkpoint+jws") throw new Error();
    cp = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new ToolError("FAIL: the checkpoint's signature does not verify with the service JWKS");
  }

  // 2. Recompute the chain from the events, here, and find the checkpoint's head in it.
  const token = await toolToken("audit-cli", ["audit:read"]);
  let prev = GENESIS_HASH;
  let seq = 0;
  let atCheckpoint = cp.length === 0 ? GENESIS_HASH : null;
  for (;;) {
    const { auditEvents } = await call<{ auditEvents: (AuditRecord & { hash: string })[] }>(
      token,
      `query($after: Int!) { auditEvents(first: 500, afterSeq: $after) { seq at actor clientId operation variablesDigest subjects prevHash hash } }`,
      { after: seq },
    );
    for (const e of auditEvents) {
      const { hash, ...record } = e;
      if (e.seq !== seq + 1 || e.prevHash !== prev || auditHash(record) !== hash) {
        throw new ToolError(`FAIL: the audit chain is broken at sequence ${seq + 1}`);
      }
      prev = hash;
      seq = e.seq;
      if (seq === cp.length) atCheckpoint = hash;
    }
    if (auditEvents.length < 500) break;
  }
  if (seq < cp.length) throw new ToolError(`FAIL: the log has ${seq} events, fewer than the checkpoint's ${cp.length}`);
  if (atCheckpoint !== cp.headHash) throw new ToolError(`FAIL: event ${cp.length} no longer has the checkpoint's hash: the log was rewritten`);
  console.log(`OK: the log (${seq} events) extends the checkpoint of ${cp.at} (${cp.length} events, head ${cp.headHash.slice(0, 16)}...)`);
});
