import fs from "node:fs/promises";
import type http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configuredIssuers, type TrustedIssuer } from "../runtime/auth/issuers.js";
import { env } from "../runtime/config.js";

/** The web app's own files (HTML, CSS, ES modules), served as they are: no build step. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../web/explorer");
const require = createRequire(import.meta.url);

/** A file in the folder of a package's main entry (their ES builds sit beside it in dist/). */
const beside = (pkg: string, file: string) => path.join(path.dirname(require.resolve(pkg)), file);

/** Library code comes from the installed npm packages, never from copies in the repository. */
// Maps, not object literals: a request for `vendor/constructor` or `x.__proto__` finds nothing.
const VENDOR = new Map<string, string>([
  ["cytoscape.mjs", beside("cytoscape", "cytoscape.esm.min.mjs")],
  ["cytoscape-dagre.mjs", beside("cytoscape-dagre", "cytoscape-dagre.min.mjs")],
]);

const TYPES = new Map<string, string>([
  [".html", "text/html; charset=utf-8"],
  [".js", "text/javascript; charset=utf-8"],
  [".mjs", "text/javascript; charset=utf-8"],
  [".css", "text/css; charset=utf-8"],
  [".svg", "image/svg+xml"],
  [".json", "application/json"],
]);

/** The decoded path below /explorer/, or undefined when its `%` sequences are malformed. */
function relativePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname.slice("/explorer/".length)) || "index.html";
  } catch {
    return undefined;
  }
}

/** An OpenID provider the explorer signs in with (authorization code + PKCE, public client). */
export interface ExplorerOidc {
  /** Must be one of the trusted issuers (TRUSTED_ISSUERS): the gateway accepts its tokens. */
  issuer: string;
  clientId: string;
  /** Scopes to ask for (default "openid lineage:read reports:read audit:read"). */
  scope?: string;
  /** RFC 8707 resource indicator, when the provider needs one to issue a JWT access token. */
  resource?: string;
  /** Button label (default: the issuer). */
  name?: string;
}

export interface ExplorerOptions {
  production: boolean;
  /** Default: EXPLORER_OIDC, a JSON array of ExplorerOidc. */
  oidc?: ExplorerOidc[];
  issuers?: TrustedIssuer[];
}

/** Reads and checks the explorer's OpenID providers: each must be a trusted issuer. */
function providers(opts: ExplorerOptions): ExplorerOidc[] {
  const list = opts.oidc ?? (env.EXPLORER_OIDC as ExplorerOidc[]);
  if (!Array.isArray(list)) throw new Error("EXPLORER_OIDC must be a JSON array of {issuer, clientId, scope?, resource?}");
  const trusted = new Set((opts.issuers ?? configuredIssuers()).map((t) => t.issuer));
  for (const p of list) {
    if (!p.issuer || !p.clientId) throw new Error("EXPLORER_OIDC: every provider needs issuer and clientId");
    if (!trusted.has(p.issuer)) throw new Error(`EXPLORER_OIDC: issuer ${JSON.stringify(p.issuer)} is not in TRUSTED_ISSUERS`);
  }
  return list;
}

/**
 * Strict policy: scripts, styles and images only from this origin (no inline code, no eval);
 * API calls to this origin and to the OpenID providers (discovery and token endpoints).
 */
function contentSecurityPolicy(oidc: ExplorerOidc[]): string {
  const connect = ["'self'", ...new Set(oidc.map((p) => new URL(p.issuer).origin))].join(" ");
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'none'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export type ExplorerHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/**
 * GET /explorer/... : the Lineage Explorer. Public like any static page (it holds no data);
 * everything it shows comes from /graphql with the signed-in user's token.
 * `/explorer/config.json` tells the page how to sign in.
 */
export function createExplorerHandler(opts: ExplorerOptions): ExplorerHandler {
  const oidc = providers(opts);
  const headers = {
    "content-security-policy": contentSecurityPolicy(oidc),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-cache",
  };
  const settings = JSON.stringify({
    pasteToken: !opts.production || oidc.length === 0,
    oidc: oidc.map((p) => ({ issuer: p.issuer, clientId: p.clientId, scope: p.scope ?? "openid lineage:read reports:read audit:read", resource: p.resource, name: p.name ?? p.issuer })),
  });

  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://gateway");
    if (url.pathname === "/explorer") {
      res.writeHead(308, { location: `/explorer/${url.search}` });
      return void res.end();
    }
    const rel = relativePath(url.pathname);
    if (rel === undefined) return notFound(res);
    if (rel === "config.json") {
      res.writeHead(200, { ...headers, "content-type": TYPES.get(".json")!, "cache-control": "no-store" });
      return void res.end(settings);
    }
    const file = rel.startsWith("vendor/") ? VENDOR.get(rel.slice("vendor/".length)) : path.join(ROOT, rel);
    const type = file && TYPES.get(path.extname(file));
    // Only files inside the app folder (or the named vendor files) are ever read.
    if (!file || !type || (!rel.startsWith("vendor/") && !file.startsWith(ROOT + path.sep))) return notFound(res);
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return notFound(res);
    }
    res.writeHead(200, { ...headers, "content-type": type });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

function notFound(res: http.ServerResponse) {
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
  res.end("not found");
}
