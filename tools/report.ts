// `npm run report -- ...`: fetches AI Act documents and log extracts from the running stack.
import fs from "node:fs";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { sha256Hex } from "../runtime/canonical.js";
import { baseUrl, call, runTool, ToolError, toolToken } from "./client.js";

const USAGE = `usage:
  npm run report -- --system <systemId> [--model-version <id>] --format md|html|json [--out <file>]   Annex IV technical documentation
  npm run report -- --incident <incidentId> --format md|html|json [--out <file>]                       serious-incident report (Art. 73)
  npm run report -- --gpai <modelVersionId> --format md|html|json [--out <file>]                       GPAI documentation (Annex XI)
  npm run report -- --log <systemId> --from <ISO time> --to <ISO time> --format jsonl|csv --out <file> log extract (Art. 12, 19), streamed
Documents are checked against the stack's JWKS; their signature is written next to --out as <file>.jws.
Environment: LINEAGE_URL (default http://127.0.0.1:$PORT), LINEAGE_TOKEN (else a local dev token with reports:read).`;

const DOC_FORMATS: Record<string, string> = { md: "MARKDOWN", markdown: "MARKDOWN", html: "HTML", json: "JSON" };
const FIELDS = "format content completeness missing generatedAt digest signature schema subjectId";

interface Doc {
  content: string;
  completeness: number;
  missing: string[];
  digest: string;
  signature: string;
  schema: string;
  generatedAt: string;
}

/** Checks the signature with the stack's published keys and that it covers this content. */
async function verify(doc: Doc): Promise<void> {
  const jwks = (await (await fetch(`${baseUrl()}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const { payload } = await compactVerify(doc.signature, createLocalJWKSet(jwks)).catch(() => {
    throw new ToolError("the document's signature does not verify with the stack's JWKS");
  });
  const signed = JSON.parse(new TextDecoder().decode(payload)) as { digest: string };
  const actual = `sha256:${sha256Hex(doc.content)}`;
  if (signed.digest !== doc.digest || actual !== doc.digest) throw new ToolError("the document's content does not match its signed digest");
}

async function document(kind: "system" | "incident" | "gpai", id: string, format: string, out: string | undefined, modelVersionId?: string) {
  const f = DOC_FORMATS[format];
  if (!f) throw new ToolError(`--format must be md, html or json for documents\n${USAGE}`);
  const token = await toolToken("report-cli", ["reports:read"]);
  const query = {
    system: `query($id: ID!, $f: DocumentFormat, $mv: ID) { doc: technicalDocumentation(systemId: $id, format: $f, modelVersionId: $mv) { ${FIELDS} } }`,
    incident: `query($id: ID!, $f: DocumentFormat) { doc: incidentReport(id: $id, format: $f) { ${FIELDS} } }`,
    gpai: `query($id: ID!, $f: DocumentFormat) { doc: gpaiDocumentation(modelVersionId: $id, format: $f) { ${FIELDS} } }`,
  }[kind];
  const { doc } = await call<{ doc: Doc }>(token, query, { id, f, ...(modelVersionId ? { mv: modelVersionId } : {}) });
  await verify(doc);
  if (!out) {
    process.stdout.write(doc.content);
    return;
  }
  fs.writeFileSync(out, doc.content);
  fs.writeFileSync(`${out}.jws`, `${doc.signature}\n`);
  console.error(`wrote ${out} (${doc.schema}, generated ${doc.generatedAt}): completeness ${(doc.completeness * 100).toFixed(1)} %, ${doc.missing.length} fact(s) missing; ${doc.digest}, signature verified, saved in ${out}.jws`);
  for (const m of doc.missing.slice(0, 10)) console.error(`  missing: ${m}`);
  if (doc.missing.length > 10) console.error(`  ... and ${doc.missing.length - 10} more (see the document's completeness report)`);
}

/** Streams a log extract to a file, printing progress on stderr about once a second. */
async function logExtract(systemId: string, from: string | undefined, to: string | undefined, format: string, out: string | undefined) {
  if (!from || !to || !out) throw new ToolError(`--log needs --from, --to and --out\n${USAGE}`);
  if (format !== "jsonl" && format !== "csv") throw new ToolError(`--format must be jsonl or csv for log extracts\n${USAGE}`);
  const token = await toolToken("report-cli", ["reports:read"]);
  const url = `${baseUrl()}/exports/decisions?${new URLSearchParams({ systemId, from, to, format })}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } }).catch(() => {
    throw new ToolError(`cannot reach the gateway at ${baseUrl()}: is the stack running (npm start)?`);
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ToolError(`${body.error?.code ?? `HTTP ${res.status}`}: ${body.error?.message ?? "export refused"}`);
  }
  const started = Date.now();
  let lines = 0;
  let bytes = 0;
  let shown = started;
  const progress = (final = false) => {
    const records = format === "csv" ? Math.max(lines - 1, 0) : lines;
    const s = (Date.now() - started) / 1000;
    const text = `${records.toLocaleString("en-US")} records, ${(bytes / 1e6).toFixed(1)} MB, ${s.toFixed(1)} s (${Math.round(records / Math.max(s, 0.001)).toLocaleString("en-US")} records/s)`;
    if (final) console.error(`\nwrote ${out}: ${text}`);
    else process.stderr.write(`\r${text}   `);
  };
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      if (Date.now() - shown > 1000) {
        shown = Date.now();
        progress();
      }
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(res.body as never), counter, fs.createWriteStream(out)).catch((err) => {
    throw new ToolError(`the export broke off after ${lines} lines (${(err as Error).message}): ${out} is incomplete`);
  });
  progress(true);
}

runTool(async () => {
  const { values } = parseArgs({
    options: {
      system: { type: "string" }, incident: { type: "string" }, gpai: { type: "string" }, log: { type: "string" },
      "model-version": { type: "string" }, format: { type: "string" }, out: { type: "string" }, from: { type: "string" }, to: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return console.log(USAGE);
  const chosen = (["system", "incident", "gpai", "log"] as const).filter((k) => values[k]);
  if (chosen.length !== 1) throw new ToolError(`give exactly one of --system, --incident, --gpai, --log\n${USAGE}`);
  const kind = chosen[0];
  if (kind === "log") return logExtract(values.log!, values.from, values.to, values.format ?? "jsonl", values.out);
  return document(kind, values[kind]!, values.format ?? "md", values.out, values["model-version"]);
});
