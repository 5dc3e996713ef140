import { env } from "../../../runtime/config.js";
import type { IncomingMessage } from "node:http";
import { BadEncoding, BodyTooLarge, readBody as readRequestBody, UnsupportedEncoding } from "../../../runtime/http-body.js";
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

/** A request the handler answers with an error status, code and message (plus details). */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }
}

/** Most bytes of a request body, after gzip decoding (OPENLINEAGE_MAX_BODY_BYTES, default 10 MiB). */
export const maxBodyBytes = (): number => env.OPENLINEAGE_MAX_BODY_BYTES;

/**
 * Reads the body, gunzipping it when `Content-Encoding: gzip` (runtime/http-body.ts): at most
 * `limit` bytes as sent AND once decoded (a gzip bomb, or an endless compressed stream, is
 * refused as well), else 413; another encoding 415; gzip that does not decode 400.
 */
export async function readBody(req: IncomingMessage, limit = maxBodyBytes()): Promise<string> {
  try {
    return await readRequestBody(req, limit, { gzip: true });
  } catch (err) {
    if (err instanceof BodyTooLarge) throw new HttpError(413, "PAYLOAD_TOO_LARGE", `request body exceeds ${limit} bytes (OPENLINEAGE_MAX_BODY_BYTES), as sent or decoded`);
    if (err instanceof UnsupportedEncoding) throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", err.message);
    if (err instanceof BadEncoding) throw new HttpError(400, "BAD_USER_INPUT", err.message);
    throw err;
  }
}

/** Line and column (1-based) of an offset. */
function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/**
 * JSON.parse, and on failure a 400 naming where the text goes wrong (offset, line, column): the
 * built-in message does not say so on every Node version, so jsonc-parser, in strict mode,
 * locates the first error.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const errors: ParseError[] = [];
    try {
      parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    } catch {
      // jsonc-parser recurses per nesting level: a deeply nested malformed body overflows its
      // stack. The request is still only malformed JSON: say so, with JSON.parse's own words.
      throw new HttpError(400, "BAD_USER_INPUT", `malformed JSON: ${(err as Error).message}`);
    }
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const { line, column } = lineColumn(text, offset);
    const what = first ? printParseErrorCode(first.error) : (err as Error).message;
    throw new HttpError(400, "BAD_USER_INPUT", `malformed JSON at position ${offset} (line ${line}, column ${column}): ${what}`, { position: offset, line, column });
  }
}
