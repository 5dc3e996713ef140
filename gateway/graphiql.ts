import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { createHash } from "node:crypto";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";

/** A first query a visitor can run as soon as a token is in the headers editor. */
const DEFAULT_QUERY = `# Paste a token into the Headers tab below, in place of <token>. On a local stack:
#   npm run --silent token -- --sub you --scopes "lineage:read"
query FirstSystems {
  aiSystems(first: 5) {
    totalCount
    edges { node { id name version riskCategory } }
  }
}
`;

/**
 * The page's policy: its inline scripts by hash (nothing else runs: no eval, no other inline
 * code, nothing from elsewhere), the editors' workers from the blob: URLs the page makes, styles
 * inline (Monaco adds them as it runs), fonts and images as data:, requests to this origin only,
 * and never inside a frame (clickjacking).
 */
function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash("sha256").update(m[1]).digest("base64")}'`);
  return [
    "default-src 'none'",
    `script-src ${hashes.join(" ")} blob:`,
    "worker-src blob:",
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * GraphiQL on `GET /graphql` (Accept: text/html): `options` for the runtime's `graphiql` and
 * `renderGraphiQL`, and `plugin`, which gives the page its security headers (a Content-Security-
 * Policy computed from the rendered page, `frame-ancestors 'none'` and `X-Frame-Options: DENY`).
 * Rendered by @graphql-yoga/render-graphiql, which inlines its scripts, styles and editor workers,
 * so the page loads nothing from a CDN. The headers editor opens with an
 * `Authorization: Bearer <token>` line to fill in; headers are not persisted, so a token does not
 * outlive the tab. Off (the GET is an ordinary GraphQL request again) when `enabled` is false.
 */
export function graphiql(enabled: boolean) {
  if (!enabled) return { options: { graphiql: false as const }, plugin: {} satisfies GatewayPlugin };
  let page: { html: string; policy: string } | undefined;
  return {
    options: {
      graphiql: {
        title: "AI lineage graph - GraphiQL",
        defaultQuery: DEFAULT_QUERY,
        headers: JSON.stringify({ Authorization: "Bearer <token>" }, null, 2),
        shouldPersistHeaders: false,
        isHeadersEditorEnabled: true,
        defaultEditorToolsVisibility: "headers" as const,
      },
      renderGraphiQL: (opts: Parameters<typeof renderGraphiQL>[0]) => {
        const html = renderGraphiQL(opts);
        // The page is the same for every request: hashed once.
        if (page?.html !== html) page = { html, policy: contentSecurityPolicy(html) };
        return html;
      },
    },
    plugin: {
      onResponse({ response }) {
        if (!page || !response.headers.get("content-type")?.startsWith("text/html")) return;
        response.headers.set("content-security-policy", page.policy);
        response.headers.set("x-frame-options", "DENY");
        response.headers.set("x-content-type-options", "nosniff");
        response.headers.set("referrer-policy", "no-referrer");
      },
    } satisfies GatewayPlugin,
  };
}
