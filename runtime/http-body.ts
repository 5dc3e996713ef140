import type http from "node:http";
import { env } from "./config.js";

/** Largest request body a subgraph reads (SUBGRAPH_MAX_BODY_BYTES, default 4 MiB). */
export function maxBodyBytes(): number {
  return env.SUBGRAPH_MAX_BODY_BYTES;
}

/** The body was larger than allowed: answer 413 without reading the rest. */
export class BodyTooLarge extends Error {}

/**
 * Reads a request body up to `max` bytes. A declared Content-Length over the cap is refused
 * before a byte is read; a body that grows past it while streaming is refused at that point.
 */
export async function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  if (Number(req.headers["content-length"] ?? 0) > max) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) throw new BodyTooLarge();
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Most bytes of a refused body discarded before the connection is cut (64 MiB). */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Writes a GraphQL-shaped error answer at once. The rest of the body is discarded as it arrives
 * (never buffered), so a client still sending sees the answer rather than a broken pipe; past
 * DRAIN_LIMIT bytes the connection is cut.
 */
export function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  let drained = 0;
  res.req.on("data", (c: Buffer) => {
    drained += c.length;
    if (drained > DRAIN_LIMIT) res.req.destroy();
  });
  res.req.resume();
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
