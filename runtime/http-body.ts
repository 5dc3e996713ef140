import type http from "node:http";
import { createGunzip } from "node:zlib";
import { env } from "./config.js";

/** Largest request body a subgraph reads (SUBGRAPH_MAX_BODY_BYTES, default 4 MiB). */
export function maxBodyBytes(): number {
  return env.SUBGRAPH_MAX_BODY_BYTES;
}

/** The body was larger than allowed (as sent, or once decoded): answer 413 without reading the rest. */
export class BodyTooLarge extends Error {}
/** A Content-Encoding other than gzip or identity: 415. */
export class UnsupportedEncoding extends Error {}
/** A gzip body that does not decode: 400. */
export class BadEncoding extends Error {}

/** Most bytes of a refused body discarded before the connection is cut (64 MiB). */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Discards what the client still sends (never buffered), so that a client still sending sees
 * the answer rather than a broken pipe; past DRAIN_LIMIT bytes the connection is cut.
 */
const discarding = new WeakSet<http.IncomingMessage>();
export function discardRest(req: http.IncomingMessage): void {
  if (discarding.has(req)) return;
  discarding.add(req);
  req.unpipe();
  let drained = 0;
  req.on("data", (c: Buffer) => {
    drained += c.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.resume();
}

/**
 * Reads a request body up to `max` bytes. A declared Content-Length over the cap is refused
 * before a byte is read; a body that grows past it while streaming is refused at that point
 * (the rest is discarded). With `gzip`, `Content-Encoding: gzip` is decoded and BOTH sizes are
 * capped at `max`: the bytes sent (a compressed stream that decodes to little, or to nothing,
 * cannot run forever) and the bytes decoded (a gzip bomb); another encoding is refused.
 */
export function readBody(req: http.IncomingMessage, max: number, opts: { gzip?: boolean } = {}): Promise<string> {
  const encoding = String(req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (opts.gzip && encoding !== "gzip" && encoding !== "identity") return Promise.reject(new UnsupportedEncoding(`content-encoding ${encoding.slice(0, 40)} is not supported: send gzip or identity`));
  if (Number(req.headers["content-length"] ?? 0) > max) return Promise.reject(new BodyTooLarge());
  const gunzip = opts.gzip && encoding === "gzip" ? createGunzip() : undefined;
  const source = gunzip ?? req;
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let decoded = 0;
    let sent = 0;
    let settled = false;
    const settle = (err: Error | undefined) => {
      if (settled) return;
      settled = true;
      source.off("data", onDecoded);
      req.off("data", onSent);
      if (!err) return resolve(Buffer.concat(chunks).toString("utf8"));
      if (gunzip) gunzip.destroy();
      // Too large: the rest is discarded, not read into memory, so the 413 reaches a client still sending.
      if (err instanceof BodyTooLarge) discardRest(req);
      reject(err);
    };
    const onDecoded = (c: Buffer) => {
      decoded += c.length;
      if (decoded > max) settle(new BodyTooLarge());
      else chunks.push(c);
    };
    const onSent = (c: Buffer) => {
      sent += c.length;
      if (sent > max) settle(new BodyTooLarge());
    };
    source.on("data", onDecoded);
    source.once("end", () => settle(undefined));
    req.once("error", (err) => settle(err));
    req.once("close", () => {
      if (!req.complete) settle(new Error("the client closed the request before its end"));
    });
    if (gunzip) {
      req.on("data", onSent);
      gunzip.once("error", (err) => settle(new BadEncoding(`body is not valid gzip: ${err.message}`)));
      req.pipe(gunzip);
    }
  });
}

/** Writes a GraphQL-shaped error answer at once; the rest of the body is discarded (discardRest). */
export function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  discardRest(res.req);
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
