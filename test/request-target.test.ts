import { describe, expect, it } from "vitest";
import { REST_ROUTES, restRoute } from "../gateway/routes.js";
import { isRefused, parseTarget } from "../runtime/request-target.js";

describe("parseTarget: one decoding of a request target, before any routing", () => {
  it("keeps ordinary paths, decoded, with the query string apart", () => {
    expect(parseTarget("/api/v1/lineage/events/a%20b?runId=%2e%2e")).toEqual({ path: "/api/v1/lineage/events/a b", rawPath: "/api/v1/lineage/events/a%20b", search: "?runId=%2e%2e" });
    expect(parseTarget("/explorer/")).toMatchObject({ path: "/explorer/" });
  });

  it("refuses dot segments, empty segments, encoded dots, slashes, backslashes and NUL with 404", () => {
    for (const t of ["/exports/../graphql", "/ingest/%2e%2e/graphql", "/ingest/%2E%2E/graphql", "/a/./b", "/a/..", "//graphql", "/a//b", "/ingest/..%2fgraphql", "/a%5c..", "/a\\..", "/a%00", "/a\u0001", "/a#/../b", "/ns/a%2f..%2fb", "/ns/%2e%2e%2fgraphql"]) {
      const r = parseTarget(t);
      expect(isRefused(r) && r.status, t).toBe(404);
    }
  });

  it("refuses a malformed % sequence and a target that is not a path with 400", () => {
    for (const t of ["/explorer/%E0%A4%A", "/%", "/%zz", "*", "http://evil.example/graphql", "graphql"]) {
      const r = parseTarget(t);
      expect(isRefused(r) && r.status, t).toBe(400);
    }
  });
});

describe("REST_ROUTES: the only paths the gateway forwards", () => {
  it("matches the exact routes (one trailing slash tolerated) and nothing else", () => {
    expect(restRoute("/exports/decisions")?.service).toBe("compliance");
    expect(restRoute("/ingest/decisions")?.service).toBe("models");
    expect(restRoute("/api/v1/lineage/")?.service).toBe("datasets");
    expect(restRoute("/api/v1/lineage/events/e-1")?.pattern).toBe("/api/v1/lineage/events/:eventId");
    for (const p of ["/exports/", "/exports/decisions/x", "/ingest/graphql", "/api/v1/lineage/events/a/b", "/api/v1/lineageX", "/api/v1/lineage/batch/x"]) expect(restRoute(p), p).toBeUndefined();
  });

  it("never names a subgraph's /graphql, /metrics, /healthz or /readyz", () => {
    for (const r of REST_ROUTES) for (const reserved of ["graphql", "metrics", "healthz", "readyz"]) expect(r.pattern.split("/"), r.pattern).not.toContain(reserved);
    for (const p of ["/graphql", "/metrics", "/healthz", "/readyz", "/"]) expect(restRoute(p)).toBeUndefined();
  });
  it("takes an encoded slash inside a segment as data, routed by the segments as sent (Marquez namespaces are URIs)", async () => {
    const { restRoute } = await import("../gateway/routes.js");
    const t = parseTarget("/api/v1/namespaces/postgres%3A%2F%2Fdb%3A5432/datasets");
    expect(isRefused(t)).toBe(false);
    expect(restRoute((t as { rawPath: string }).rawPath)?.pattern).toBe("/api/v1/namespaces/:ns/datasets");
    // Never a way to a service's own routes: no REST route matches these.
    for (const raw of ["/exports/%2fgraphql", "/ingest/decisions%2f..%2fgraphql", "/api/v1/lineage%2f..%2fgraphql"]) {
      const r = parseTarget(raw);
      expect(isRefused(r) || restRoute(r.rawPath) === undefined, raw).toBe(true);
    }
  });
});
