import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExplorerHandler } from "../gateway/explorer.js";

// The static handler alone on a loopback server: headers, config, and what it refuses to serve.
const issuer = "https://login.example.com";
let server: http.Server;
let base: string;

beforeAll(async () => {
  const handler = createExplorerHandler({ production: true, issuers: [{ issuer, jwksUrl: `${issuer}/jwks` }], oidc: [{ issuer, clientId: "explorer" }] });
  server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("explorer handler", () => {
  it("refuses an OpenID provider that the gateway does not trust", () => {
    expect(() => createExplorerHandler({ production: true, issuers: [], oidc: [{ issuer, clientId: "x" }] })).toThrow(/not in TRUSTED_ISSUERS/);
  });

  it("serves the page with a strict policy that allows the provider's origin for API calls only", async () => {
    const res = await fetch(`${base}/explorer/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain(`connect-src 'self' ${issuer}`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe|\*/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("tells the page how to sign in: in production only through the provider", async () => {
    const body = await (await fetch(`${base}/explorer/config.json`)).json();
    expect(body).toEqual({ pasteToken: false, oidc: [{ issuer, clientId: "explorer", scope: "openid lineage:read reports:read audit:read", name: issuer }] });
  });

  it("redirects /explorer to /explorer/ and answers 404 outside the app folder", async () => {
    const res = await fetch(`${base}/explorer`, { redirect: "manual" });
    expect([res.status, res.headers.get("location")]).toEqual([308, "/explorer/"]);
    for (const p of ["%2e%2e/package.json", "..%2fpackage.json", "vendor/..%2f..%2fpackage.json", "vendor/jose.mjs", "js/nothing.js", "README.md"]) {
      expect((await fetch(`${base}/explorer/${p}`)).status, p).toBe(404);
    }
  });

  it("answers 404 to a malformed % sequence and to prototype keys (issue 22: each used to throw)", async () => {
    for (const p of ["%E0%A4%A", "%", "vendor/%E0%A4%A", "vendor/constructor", "vendor/__proto__", "vendor/toString", "vendor/hasOwnProperty", "constructor", "__proto__"]) {
      expect((await fetch(`${base}/explorer/${p}`)).status, p).toBe(404);
    }
    expect((await fetch(`${base}/explorer/vendor/cytoscape.mjs`)).status).toBe(200);
  });
});
