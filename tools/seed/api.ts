import { ToolError } from "../client.js";

/** Someone the seed acts as: the demo world needs several people (four-eyes). */
export interface Identity {
  sub: string;
  scopes: string[];
}

/** Gives a bearer token for an identity; asked again now and then, since tokens expire. */
export type TokenProvider = (who: Identity) => Promise<string>;

/** How long a token is reused before the provider is asked again (tokens live 10 min or more). */
const TOKEN_REUSE_MS = 4 * 60_000;

interface GqlError {
  message: string;
  extensions?: { code?: string };
}

/** A GraphQL client of the gateway, bound to a base URL and a token provider. */
export class Api {
  readonly endpoint: string;
  private readonly tokens = new Map<string, { token: Promise<string>; at: number }>();

  /** `url`: the gateway's base URL (a trailing `/graphql` is accepted too). */
  constructor(url: string, private readonly provider: TokenProvider) {
    this.endpoint = `${url.replace(/\/+$/, "").replace(/\/graphql$/, "")}/graphql`;
  }

  private token(who: Identity): Promise<string> {
    const key = `${who.sub} ${who.scopes.join(" ")}`;
    const cached = this.tokens.get(key);
    if (cached && Date.now() - cached.at < TOKEN_REUSE_MS) return cached.token;
    const token = this.provider(who);
    this.tokens.set(key, { token, at: Date.now() });
    return token;
  }

  /**
   * Sends one operation as `who`; throws a ToolError naming the operation on any error.
   * `retries` retries network failures and masked server errors (safe only for idempotent
   * operations, which every seed write is).
   */
  async call<T = any>(who: Identity, query: string, variables?: Record<string, unknown>, retries = 0): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(who, query, variables);
      } catch (err) {
        if (attempt >= retries || !(err instanceof TransientError)) throw err;
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
  }

  private async once<T>(who: Identity, query: string, variables?: Record<string, unknown>): Promise<T> {
    const op = query.match(/\{\s*(\w+)/)?.[1] ?? "operation";
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await this.token(who)}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch (err) {
      throw new TransientError(`${op}: cannot reach the gateway at ${this.endpoint} (${(err as Error).message}): is the stack running (npm start)?`);
    }
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: GqlError[] };
    const e = body.errors?.[0];
    if (e) {
      const code = e.extensions?.code ?? "ERROR";
      const message = `${op} as ${who.sub}: ${code}: ${e.message}`;
      throw code === "INTERNAL_SERVER_ERROR" || res.status >= 500 ? new TransientError(message) : new ToolError(message);
    }
    if (!body.data) throw new TransientError(`${op}: unexpected answer from the gateway (HTTP ${res.status})`);
    return body.data;
  }
}

/** A failure worth retrying: the network, or an error the server masked. */
class TransientError extends ToolError {}
