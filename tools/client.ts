import { issueDevToken } from "../runtime/auth/dev-issuer.js";
import { config, env } from "../runtime/config.js";

/** Where the command-line tools find the running gateway (LINEAGE_URL, default http://127.0.0.1:$PORT). */
export const baseUrl = (): string => (env.LINEAGE_URL ?? `http://127.0.0.1:${config.port}`).replace(/\/+$/, "");

/**
 * A bearer token for a tool: LINEAGE_TOKEN when set, else (local stack only) a short-lived
 * dev-issuer token for `sub` with `scopes`.
 */
export async function toolToken(sub: string, scopes: string[]): Promise<string> {
  if (env.LINEAGE_TOKEN) return env.LINEAGE_TOKEN;
  if (config.production) throw new Error("set LINEAGE_TOKEN to a token with the scopes " + scopes.join(" "));
  return issueDevToken(sub, scopes, 3600);
}

export class ToolError extends Error {}

/** Sends one GraphQL operation; throws a ToolError with the server's message on any error. */
export async function call<T = any>(token: string, query: string, variables?: Record<string, unknown>, base = baseUrl()): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ToolError(`cannot reach the gateway at ${base}: is the stack running (npm start)?`);
  }
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new ToolError(`${e.extensions?.code ?? "ERROR"}: ${e.message}`);
  }
  if (!body.data) throw new ToolError(`unexpected answer from the gateway (HTTP ${res.status})`);
  return body.data;
}

/** Runs a tool's main, turning ToolErrors into one clear line and exit code 1. */
export function runTool(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err instanceof ToolError ? err.message : err);
    process.exit(1);
  });
}
