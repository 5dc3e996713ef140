// Sign-in: a pasted token (local stack) or OpenID Connect authorization code with PKCE (RFC 7636)
// as a public client. The token lives in sessionStorage: gone when the tab closes.

const TOKEN = "explorer.token";
const PENDING = "explorer.oidc";

export const getToken = () => sessionStorage.getItem(TOKEN);
export const setToken = (t) => sessionStorage.setItem(TOKEN, t.trim());
export const clearToken = () => sessionStorage.removeItem(TOKEN);

/** The token's claims, read without verifying (the gateway verifies); null when not a JWT. */
export function claims(token = getToken()) {
  try {
    const part = token.split(".")[1];
    return JSON.parse(new TextDecoder().decode(base64url(part)));
  } catch {
    return null;
  }
}

export function base64url(s) {
  const b = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}

const encode = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const random = () => encode(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}/explorer/`;

async function discover(issuer) {
  const res = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`discovery of ${issuer} failed: HTTP ${res.status}`);
  return res.json();
}

/** Sends the browser to the provider's authorization endpoint (code flow, S256 challenge). */
export async function startOidc(provider, returnTo) {
  const meta = await discover(provider.issuer);
  const verifier = random();
  const state = random();
  const challenge = encode(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ issuer: provider.issuer, clientId: provider.clientId, resource: provider.resource, verifier, state, returnTo }));
  const url = new URL(meta.authorization_endpoint);
  const q = { response_type: "code", client_id: provider.clientId, redirect_uri: redirectUri(), scope: provider.scope, state, code_challenge: challenge, code_challenge_method: "S256" };
  if (provider.resource) q.resource = provider.resource;
  for (const [k, v] of Object.entries(q)) url.searchParams.set(k, v);
  location.assign(url.toString());
}

/**
 * After the provider redirected back (?code=&state=): checks the state, redeems the code with
 * the verifier, keeps the access token. Returns the hash to go back to, or null if not a callback.
 */
export async function finishOidc() {
  const q = new URLSearchParams(location.search);
  if (!q.has("code") && !q.has("error")) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? "null");
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, "", `/explorer/${location.hash}`);
  if (q.has("error")) throw new Error(`sign-in refused: ${q.get("error_description") ?? q.get("error")}`);
  if (!pending || pending.state !== q.get("state")) throw new Error("sign-in answer does not match this tab's request: please try again");
  const meta = await discover(pending.issuer);
  const form = { grant_type: "authorization_code", code: q.get("code"), redirect_uri: redirectUri(), client_id: pending.clientId, code_verifier: pending.verifier };
  if (pending.resource) form.resource = pending.resource;
  const res = await fetch(meta.token_endpoint, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
  const body = await res.json().catch(() => ({}));
  if (!res.ok || !body.access_token) throw new Error(`token request failed: ${body.error_description ?? body.error ?? `HTTP ${res.status}`}`);
  setToken(body.access_token);
  return pending.returnTo || "#/";
}
