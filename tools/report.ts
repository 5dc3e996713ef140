// `npm run report -- ...`: fetches AI Act documents and log extracts from the running stack.
import fs from "node:fs";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { parseArgs } from "node:util";
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { sha256Hex } from "../runtime/canonical.js";
import { baseUrl, call, runTool, ToolError, toolToken } from "./client.js";

const USAGE = `usage:
  npm run report -- --system <systemId> [--model-version <id>] --format md|html|json [--out <file>]   Annex IV technical documentation
  npm run report -- --incident <incidentId> --format md|html|json [--out <file>]                       serious-incident report (Art. 73)
  npm run report -- --gpai <modelVersionId> --format md|html|json [--out <file>]                       GPAI documentation (Annex XI)
  npm run report -- --instructions|--declaration|--registration|--monitoring <systemId> --format ...    Art. 13, 47, 49, 72 documents
  npm run report -- --fria <deploymentId> | --explanation <decisionId> --format ...                     Art. 27, 86 documents
  npm run report -- --obligations <systemId> [--role PROVIDER|DEPLOYER|IMPORTER|DISTRIBUTOR|AUTHORISED_REPRESENTATIVE] --format ...  obligations table, signed
  npm run report -- --issued <idoc:...|sha256:...> [--out <file>]                                     an archived issued document (Art. 18), as issued
  npm run report -- --log <systemId> --from <ISO time> --to <ISO time> --format jsonl|csv --out <file> log extract (Art. 12, 19), streamed
--as-of <ISO time> reads the records as they stood then, for every document above, --log and --obligations (byte-identical for the same instant).
Documents are checked against the stack's JWKS; their signature is written next to --out as <file>.jws; status and blockers are printed.
Environment: LINEAGE_URL (default http://127.0.0.1:$PORT), LINEAGE_TOKEN (else a local dev token with reports:read).`;

const DOC_FORMATS: Record<string, string> = { md: "MARKDOWN", markdown: "MARKDOWN", html: "HTML", json: "JSON" };
const docFormat = (format: string): string => {
  const f = DOC_FORMATS[format];
  if (!f) throw new ToolError(`--format must be md, html or json for documents\n${USAGE}`);
  return f;
};
const FIELDS = "format content completeness missing generatedAt digest signature schema subjectId status blockers asOf";
/** Each document: its query field and its id argument; every one takes asOf. */
const DOCS = {
  system: ["technicalDocumentation", "systemId"], incident: ["incidentReport", "id"], gpai: ["gpaiDocumentation", "modelVersionId"],
  instructions: ["instructionsForUse", "systemId"], declaration: ["declarationOfConformity", "systemId"],
  registration: ["euDatabaseRegistration", "systemId"], monitoring: ["postMarketMonitoringPlan", "systemId"],
  fria: ["fundamentalRightsImpactAssessment", "deploymentId"], explanation: ["decisionExplanation", "decisionId"],
} as const;
type DocKind = keyof typeof DOCS;

interface Doc {
  content: string;
  completeness: number;
  missing: string[];
  digest: string;
  signature: string;
  schema: string;
  generatedAt: string;
  status: string;
  blockers: string[];
}

/** Checks the signature with the stack's published keys and that it covers this content. */
async function verify(doc: Pick<Doc, "content" | "signature" | "digest">): Promise<void> {
  const jwks = (await (await fetch(`${baseUrl()}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const { payload } = await compactVerify(doc.signature, createLocalJWKSet(jwks)).catch(() => {
    throw new ToolError("the document's signature does not verify with the stack's JWKS");
  });
  const signed = JSON.parse(new TextDecoder().decode(payload)) as { digest: string };
  const actual = `sha256:${sha256Hex(doc.content)}`;
  if (signed.digest !== doc.digest || actual !== doc.digest) throw new ToolError("the document's content does not match its signed digest");
}

async function document(kind: DocKind, id: string, format: string, out: string | undefined, modelVersionId?: string, asOf?: string) {
  const f = docFormat(format);
  const [field, arg] = DOCS[kind];
  const token = await toolToken("report-cli", ["reports:read"]);
  const extra = kind === "system" ? ", $mv: ID, $at: DateTime" : ", $at: DateTime";
  const args = kind === "system" ? ", modelVersionId: $mv, asOf: $at" : ", asOf: $at";
  const query = `query($id: ID!, $f: DocumentFormat${extra}) { doc: ${field}(${arg}: $id, format: $f${args}) { ${FIELDS} } }`;
  const { doc } = await call<{ doc: Doc }>(token, query, { id, f, ...(modelVersionId ? { mv: modelVersionId } : {}), ...(asOf ? { at: asOf } : {}) });
  await deliver(doc, out, `${doc.schema}, generated ${doc.generatedAt}`);
}

/**
 * Checks a document's signature, writes it (and its signature as <out>.jws) and prints what it
 * is (`about`: its schema and when it was made), its status and first blockers.
 */
async function deliver(doc: Pick<Doc, "content" | "signature" | "digest" | "status" | "blockers"> & { completeness?: number }, out: string | undefined, about: string) {
  await verify(doc);
  if (!out) process.stdout.write(doc.content);
  else {
    fs.writeFileSync(out, doc.content);
    fs.writeFileSync(`${out}.jws`, `${doc.signature}\n`);
  }
  console.error(`${out ? `wrote ${out}` : "document"} (${about}): status ${doc.status}${doc.completeness === undefined ? "" : `, completeness ${(doc.completeness * 100).toFixed(1)} %`}; ${doc.digest}, signature verified${out ? `, saved in ${out}.jws` : ""}`);
  for (const b of doc.blockers.slice(0, 10)) console.error(`  blocker: ${b}`);
  if (doc.blockers.length > 10) console.error(`  ... and ${doc.blockers.length - 10} more (see the document)`);
}

/** Fetches an archived document (issueDocument) and checks its signature against the stack's JWKS. */
async function issued(id: string, out: string | undefined) {
  const token = await toolToken("report-cli", ["reports:read"]);
  const { d } = await call<{ d: Doc & { issuedAt: string; issuedBy: string; retainUntil: string; kind: string } }>(token,
    `query($id: ID!) { d: issuedDocument(id: $id) { kind content digest signature schema status blockers issuedAt issuedBy retainUntil } }`, { id });
  await deliver(d, out, `${d.kind}, ${d.schema}, issued ${d.issuedAt} by ${d.issuedBy}, kept until ${d.retainUntil}`);
}

/** Fetches the obligations of one role as a signed document (obligationsReport), checks its signature, prints its status and blockers. */
async function obligations(systemId: string, role: string, asOf: string | undefined, format: string, out: string | undefined) {
  const f = docFormat(format);
  const token = await toolToken("report-cli", ["reports:read"]);
  const { doc } = await call<{ doc: Doc }>(token, `query($id: ID!, $r: OperatorRole, $at: DateTime, $f: DocumentFormat) { doc: obligationsReport(systemId: $id, role: $r, asOf: $at, format: $f) { ${FIELDS} } }`, { id: systemId, r: role, at: asOf ?? null, f });
  await deliver(doc, out, `${doc.schema}, generated ${doc.generatedAt}`);
}

/** Streams a log extract to a file, printing progress on stderr about once a second. */
async function logExtract(systemId: string, from: string | undefined, to: string | undefined, format: string, out: string | undefined, asOf: string | undefined) {
  if (!from || !to || !out) throw new ToolError(`--log needs --from, --to and --out\n${USAGE}`);
  if (format !== "jsonl" && format !== "csv") throw new ToolError(`--format must be jsonl or csv for log extracts\n${USAGE}`);
  const token = await toolToken("report-cli", ["reports:read"]);
  const url = `${baseUrl()}/exports/decisions?${new URLSearchParams({ systemId, from, to, format, ...(asOf ? { asOf } : {}) })}`;
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
  // fetch's body is typed by the DOM library; at run time it is node:stream/web's ReadableStream.
  await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), counter, fs.createWriteStream(out)).catch((err) => {
    throw new ToolError(`the export broke off after ${lines} lines (${(err as Error).message}): ${out} is incomplete`);
  });
  progress(true);
}

runTool(async () => {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries([...Object.keys(DOCS), "log", "obligations", "issued"].map((k) => [k, { type: "string" as const }])),
      "model-version": { type: "string" }, format: { type: "string" }, out: { type: "string" }, from: { type: "string" }, to: { type: "string" },
      "as-of": { type: "string" }, role: { type: "string" }, help: { type: "boolean", short: "h" },
    },
  }) as { values: Record<string, string | boolean | undefined> };
  if (values.help) return console.log(USAGE);
  const chosen = [...Object.keys(DOCS), "log", "obligations", "issued"].filter((k) => values[k]);
  if (chosen.length !== 1) throw new ToolError(`give exactly one of --${[...Object.keys(DOCS), "log", "obligations", "issued"].join(", --")}\n${USAGE}`);
  const kind = chosen[0];
  const str = (k: string) => values[k] as string | undefined;
  if (kind === "log") return logExtract(str("log")!, str("from"), str("to"), str("format") ?? "jsonl", str("out"), str("as-of"));
  if (kind === "issued" && str("as-of")) throw new ToolError("--issued returns the archived copy as issued: to regenerate it, ask for its kind with --as-of <its issuedAt>");
  if (kind === "issued") return issued(str("issued")!, str("out"));
  if (kind === "obligations") return obligations(str("obligations")!, str("role") ?? "PROVIDER", str("as-of"), str("format") ?? "md", str("out"));
  return document(kind as DocKind, str(kind)!, str("format") ?? "md", str("out"), str("model-version"), str("as-of"));
});
