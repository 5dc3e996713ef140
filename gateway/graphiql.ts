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
 * GraphiQL on `GET /graphql` (Accept: text/html), for the runtime's `graphiql` and
 * `renderGraphiQL` options. Rendered by @graphql-yoga/render-graphiql, which inlines its
 * scripts, styles and editor workers, so the page loads nothing from a CDN. The headers
 * editor opens with an `Authorization: Bearer <token>` line to fill in; headers are not
 * persisted, so a token does not outlive the tab. Off (the GET is an ordinary GraphQL
 * request again) when `enabled` is false.
 */
export function graphiqlOptions(enabled: boolean) {
  if (!enabled) return { graphiql: false as const };
  return {
    graphiql: {
      title: "AI lineage graph - GraphiQL",
      defaultQuery: DEFAULT_QUERY,
      headers: JSON.stringify({ Authorization: "Bearer <token>" }, null, 2),
      shouldPersistHeaders: false,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: "headers" as const,
    },
    renderGraphiQL,
  };
}
