import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "../runtime/config.js";
import type { Stack } from "../launcher/stack.js";
import { launchBrowser, screenshot, type TestBrowser } from "./support/browser.js";
import { startTestStack } from "./support/stack.js";

// Sign-in through OpenID Connect (authorization code + PKCE) against a real OpenID provider
// (oidc-provider) started here, whose issuer the gateway trusts through TRUSTED_ISSUERS.
const RESOURCE = "urn:ai-lineage-api";

let idp: http.Server;
let stack: Stack;
let browser: TestBrowser;
let issuer: string;
let base: string;

beforeAll(async () => {
  // The provider's port must be known before the gateway starts (it trusts the issuer), and the
  // gateway's before the provider is made (the client's redirect URI): listen first, attach later.
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  idp = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  stack = await startTestStack({
    env: {
      TRUSTED_ISSUERS: JSON.stringify([{ issuer, jwksUrl: `${issuer}/jwks`, algorithms: ["RS256"], typ: "at+jwt" }]),
      EXPLORER_OIDC: JSON.stringify([{ issuer, clientId: "explorer", name: "Test IdP", scope: "openid lineage:read audit:read", resource: RESOURCE }]),
    },
  });
  base = `http://127.0.0.1:${stack.gateway.port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const provider = new Provider(issuer, {
    clients: [{ client_id: "explorer", token_endpoint_auth_method: "none", redirect_uris: [`${base}/explorer/`], grant_types: ["authorization_code"], response_types: ["code"] }],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: "RS256", use: "sig", kid: "test-idp" }] },
    cookies: { keys: ["explorer-oidc-test"] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    features: {
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: "lineage:read audit:read", audience: config.audience, accessTokenFormat: "jwt", accessTokenTTL: 600, jwt: { sign: { alg: "RS256" } } }),
      },
    },
  });
  handler = provider.callback() as http.RequestListener;
  browser = await launchBrowser();
  // Nothing leaves the machine (the provider's dev pages name a web font).
  await browser.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await new Promise((resolve) => idp?.close(resolve));
});

describe("explorer: OpenID Connect sign-in", () => {
  it("allows the provider's origin in connect-src", async () => {
    const res = await fetch(`${base}/explorer/`);
    expect(res.headers.get("content-security-policy")).toContain(`connect-src 'self' ${issuer}`);
  });

  it("signs in with authorization code + PKCE and then reads the API with the provider's token", async () => {
    const page = await browser.page();
    await page.goto(`${base}/explorer/#/audit`);
    await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
    // The provider's own login and consent pages.
    await page.waitForURL((u) => u.href.startsWith(issuer));
    const authorize = new URL(decodeURIComponent(page.url()));
    await page.locator("input[name=login]").fill("oidc-alice");
    await page.locator("input[name=password]").fill("any");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    // Back in the explorer, at the view it was opened on, signed in as the provider's user.
    await page.locator("#audit-verdict").waitFor();
    expect(await page.locator("#audit-verdict").textContent()).toMatch(/^Intact/);
    expect(await page.locator("#who").textContent()).toBe("oidc-alice · lineage:read audit:read");
    expect(page.url()).toBe(`${base}/explorer/#/audit`);
    expect(authorize.href).toBeTruthy();
    await screenshot(page, "oidc-signed-in");
    const token = await page.evaluate(() => sessionStorage.getItem("explorer.token"));
    const claims = JSON.parse(Buffer.from(token!.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({ iss: issuer, sub: "oidc-alice", aud: config.audience });
    expect(browser.problems.filter((p) => /Content Security Policy/i.test(p))).toEqual([]);
    await page.close();
  });
});
